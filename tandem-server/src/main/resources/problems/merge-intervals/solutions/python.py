import sys
d = sys.stdin.buffer.read().split()
n = int(d[0])
iv = sorted((int(d[1 + 2 * i]), int(d[2 + 2 * i])) for i in range(n))
res = []
for a, b in iv:
    if res and a <= res[-1][1]:
        if b > res[-1][1]: res[-1][1] = b
    else:
        res.append([a, b])
sys.stdout.write(str(len(res)) + "\n" + "".join(f"{a} {b}\n" for a, b in res))
