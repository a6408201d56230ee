#!/usr/bin/env bash
# Run by build.sh before `docker build`: puts the Kotlin compiler and its runtime dependencies (Maven Central,
# through the ordinary Maven client and its local repository) into lib/, unless lib/ already matches lib.sha256.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ -d lib ] && (cd lib && sha256sum -c --status --strict ../lib.sha256) \
   && [ "$(ls lib | wc -l)" -eq "$(wc -l < lib.sha256)" ]; then
  exit 0
fi
rm -rf lib
mvn -B -q -f pom.xml dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
(cd lib && sha256sum -c --quiet --strict ../lib.sha256) || { echo "Kotlin jars do not match lib.sha256" >&2; exit 1; }
