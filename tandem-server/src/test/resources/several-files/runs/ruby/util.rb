def says
  'sibling says'
end
