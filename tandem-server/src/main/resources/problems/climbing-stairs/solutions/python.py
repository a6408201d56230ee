import sys
d = sys.stdin.buffer.read().split()
t = int(d[0]); qs = list(map(int, d[1:1 + t]))
M = 1000000007
m = max(qs)
f = [1, 1] + [0] * m
for i in range(2, m + 1): f[i] = (f[i - 1] + f[i - 2]) % M
sys.stdout.write("\n".join(str(f[q]) for q in qs) + "\n")
