import sys
d = sys.stdin.read().split()
n = int(d[0]); ws = d[1:1 + n]
p = min(ws); q = max(ws)
i = 0
while i < len(p) and i < len(q) and p[i] == q[i]: i += 1
print(p[:i])
