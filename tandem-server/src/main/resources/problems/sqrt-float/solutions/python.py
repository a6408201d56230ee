import sys, math
d = sys.stdin.read().split()
t = int(d[0])
sys.stdout.write("\n".join("%.9f" % math.sqrt(float(x)) for x in d[1:1 + t]) + "\n")
