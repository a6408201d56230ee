import sys
from bisect import bisect_left
d = sys.stdin.buffer.read().split()
n = int(d[0]); a = list(map(int, d[1:1 + n])); q = int(d[1 + n])
out = []
for x in map(int, d[2 + n:2 + n + q]):
    i = bisect_left(a, x)
    out.append(str(i) if i < n and a[i] == x else "-1")
sys.stdout.write("\n".join(out) + "\n")
