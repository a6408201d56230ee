// Fails early, with a message that says what to do, when this Node is older than the IDE's build tools need
// (Vite 8: Node ^20.19.0 || >=22.12.0; the same range is "engines" in package.json). Run by `npm ci`
// (preinstall), by the build, and by bin/start and bin/test before Maven starts. Plain ES5 syntax on purpose:
// a very old Node must be able to parse this file to print the message.
var parts = process.versions.node.split('.');
var major = parseInt(parts[0], 10);
var minor = parseInt(parts[1], 10);
var ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
if (!ok) {
  console.error('[tandem] Node ' + process.versions.node + ' is too old for the IDE build: Vite needs Node 20.19+ ' +
    '(or 22.12+). Install a newer Node (e.g. from nodejs.org or your distribution\'s backports), or build ' +
    'without the IDE: mvn -Dskip.frontend ...');
  process.exit(1);
}
