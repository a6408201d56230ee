def says():
    return 'sibling says'
