const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
// Longest Common Prefix: read the input, print the answer
