says() { echo 'sibling says'; }
