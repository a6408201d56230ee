import sys
d = sys.stdin.buffer.read().split()
t = int(d[0]); qs = list(map(int, d[1:1 + t]))
m = max(qs) + 1
s = bytearray([1]) * (m + 1); s[0] = 0; s[1] = 0
i = 2
while i * i <= m:
    if s[i]: s[i * i::i] = bytes(len(range(i * i, m + 1, i)))
    i += 1
cnt = [0] * (m + 2)
c = 0
for x in range(m + 1):
    cnt[x] = c
    c += s[x]
sys.stdout.write("\n".join(str(cnt[q]) for q in qs) + "\n")
