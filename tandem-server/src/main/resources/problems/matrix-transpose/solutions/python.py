import sys
d = sys.stdin.buffer.read().split()
r, c = int(d[0]), int(d[1])
v = d[2:2 + r * c]
out = []
for j in range(c):
    out.append(" ".join(v[i * c + j].decode() for i in range(r)))
sys.stdout.write("\n".join(out) + "\n")
