const data = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
// Maximum Subarray: read the input, print the answer
