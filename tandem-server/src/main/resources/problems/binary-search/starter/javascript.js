const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
// Binary Search: read the input, print the answer
