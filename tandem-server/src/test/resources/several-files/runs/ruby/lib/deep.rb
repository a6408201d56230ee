def twice(n)
  n * 2
end
