import sys
d = sys.stdin.buffer.read().split()
n = int(d[0])
best = cur = None
for x in map(int, d[1:1 + n]):
    cur = x if cur is None or cur < 0 else cur + x
    if best is None or cur > best: best = cur
print(best)
