require_relative 'util'
require_relative 'lib/deep'

puts "#{says} #{twice(21)}"
