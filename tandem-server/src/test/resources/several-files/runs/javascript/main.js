const util = require('./util');
const deep = require('./lib/deep');

console.log(util.says(), deep.twice(21));
