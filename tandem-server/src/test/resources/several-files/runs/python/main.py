import util
from lib import deep

print(util.says(), deep.twice(int(input())))
