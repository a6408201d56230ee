import sys
def main():
    d = sys.stdin.buffer.read().split()
    n = int(d[0]); a = d[1:1 + n]; t = int(d[1 + n])
    seen = {}
    for j in range(n):
        v = int(a[j])
        i = seen.get(t - v)
        if i is not None:
            print(i, j); return
        if v not in seen: seen[v] = j
main()
