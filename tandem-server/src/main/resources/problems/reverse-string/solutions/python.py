import sys
s = sys.stdin.readline().rstrip("\n")
print(s[::-1])
