module.exports = { says: () => 'sibling says' };
