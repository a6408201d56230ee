import sys
n = int(sys.stdin.readline())
out = []
for i in range(1, n + 1):
    out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
sys.stdout.write("\n".join(out) + "\n")
