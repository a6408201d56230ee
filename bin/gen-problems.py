#!/usr/bin/env python3
"""Generates tandem-server/src/main/resources/problems/<slug>/ (see docs/problems.md): index.txt, problem.json,
statement.md, starter/ and tests/.

The reference solutions are not generated: problems/<slug>/solutions/{python.py,java.java,cpp.cpp} are
written by hand and are the one copy of each. Expected outputs are produced by running solutions/python.py
(with this python3) on inputs from fixed seeds, so a re-run gives the same files. The Java and C++
solutions are checked against them by JudgeProblemsTest (real Docker engine).
Usage: python3 bin/gen-problems.py
"""
import json
import os
import random
import shutil
import subprocess
import sys
import textwrap

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tandem-server", "src", "main", "resources", "problems")
EXT = {"python": "py", "javascript": "js", "java": "java", "c": "c", "cpp": "cpp", "go": "go"}

STARTER = {
    "python": "import sys\n\n\ndef main():\n    data = sys.stdin.read().split()\n    # {title}: read the input, print the answer\n\n\nif __name__ == \"__main__\":\n    main()\n",
    "javascript": "const data = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);\n// {title}: read the input, print the answer\n",
    "java": "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        // {title}: read the input, print the answer\n    }\n}\n",
    "c": "#include <stdio.h>\n\nint main(void) {\n    /* {title}: read the input, print the answer */\n    return 0;\n}\n",
    "cpp": "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    // {title}: read the input, print the answer\n    return 0;\n}\n",
    "go": "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tin := bufio.NewReader(os.Stdin)\n\t_ = in\n\tfmt.Print(\"\") // {title}: read the input, print the answer\n}\n",
}

PROBLEMS = []


def problem(**kw):
    PROBLEMS.append(kw)


def ints(xs):
    return " ".join(map(str, xs))


# ---------------------------------------------------------------------------------------------------------
def two_sum_tests(r):
    ex = ["4\n2 7 11 15\n9\n", "3\n3 2 4\n6\n"]
    hidden = ["2\n3 3\n6\n", "5\n-1 -2 -3 -4 -5\n-8\n", "6\n1 5 1 5 1 5\n10\n"]
    for n in (10, 100, 1000, 5000, 20000, 60000):
        a = [r.randint(-10**9, 10**9) for _ in range(n)]
        i, j = sorted(r.sample(range(n), 2))
        hidden.append(f"{n}\n{ints(a)}\n{a[i] + a[j]}\n")
    return ex, hidden


problem(slug="two-sum", title="Two Sum", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=two_sum_tests,
        statement="""Given an array of `n` integers and a `target`, print the indices `i j` (0-based, `i < j`) of two
numbers that add up to `target`. If several pairs do, print the one with the **smallest `j`**, and for that `j`
the smallest `i`. A pair always exists.

**Input**: `n` (2 ≤ n ≤ 60000), then `n` integers (|a| ≤ 10^9), then `target`.

**Output**: `i j`.""")


# ---------------------------------------------------------------------------------------------------------
def fizzbuzz_tests(r):
    ex = ["3\n", "15\n"]
    hidden = [f"{n}\n" for n in (1, 2, 5, 10, 16, 30, 31, 45, 99, 100, 101, 500, 1000, 4999, 10000, 20000, 50000, 100000)]
    return ex, hidden


problem(slug="fizzbuzz", title="Fizz Buzz", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "exact"}, tests=fizzbuzz_tests,
        statement="""Print the numbers from 1 to `n`, one per line, but print `Fizz` instead of multiples of 3,
`Buzz` instead of multiples of 5 and `FizzBuzz` instead of multiples of both.

**Input**: `n` (1 ≤ n ≤ 100000).""")


# ---------------------------------------------------------------------------------------------------------
def rev_tests(r):
    alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    ex = ["hello\n", "Tandem rocks\n"]
    hidden = ["a\n", "ab\n", "racecar\n", "x y z\n"]
    for n in (10, 100, 1000, 50000, 200000):
        s = "".join(r.choice(alpha + "  ") for _ in range(n)).strip() or "q"
        hidden.append(s + "\n")
    return ex, hidden


problem(slug="reverse-string", title="Reverse String", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "exact"}, tests=rev_tests,
        statement="""Print the line you are given, reversed.

**Input**: one line of printable ASCII characters (1 ≤ length ≤ 200000), without leading or trailing spaces.

**Output**: the line, characters in reverse order.""")


# ---------------------------------------------------------------------------------------------------------
def paren_tests(r):
    def balanced(n):
        s, stack = [], []
        while len(s) + len(stack) < n:
            if stack and r.random() < 0.5:
                s.append({"(": ")", "[": "]", "{": "}"}[stack.pop()])
            else:
                c = r.choice("([{"); stack.append(c); s.append(c)
        while stack:
            s.append({"(": ")", "[": "]", "{": "}"}[stack.pop()])
        return "".join(s)

    def lines(xs):
        return f"{len(xs)}\n" + "".join(x + "\n" for x in xs)

    ex = [lines(["()", "()[]{}", "(]"]), lines(["([)]", "{[]}"])]
    hidden = [lines(["(", ")", "]["]), lines(["((((((((((", "(((())))"])]
    for k, n in ((20, 10), (50, 100), (10, 1000), (5, 20000), (2, 200000)):
        xs = []
        for _ in range(k):
            s = balanced(n)
            if r.random() < 0.5:
                i = r.randrange(len(s)); s = s[:i] + r.choice("()[]{}") + s[i + 1:]
            xs.append(s)
        hidden.append(lines(xs))
    return ex, hidden


problem(slug="valid-parentheses", title="Valid Parentheses", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=paren_tests,
        statement="""For each string of brackets `()[]{}`, print `true` if it is valid (every bracket is closed by the
same type, in the right order), else `false`.

**Input**: `t`, then `t` lines, each a non-empty string of at most 200000 brackets.

**Output**: `t` lines, `true` or `false`.""")


# ---------------------------------------------------------------------------------------------------------
def maxsub_tests(r):
    ex = ["9\n-2 1 -3 4 -1 2 1 -5 4\n", "1\n1\n"]
    hidden = ["5\n5 4 -1 7 8\n", "3\n-3 -1 -2\n", "1\n-7\n"]
    for n in (10, 100, 1000, 10000, 80000):
        hidden.append(f"{n}\n{ints(r.randint(-10**9, 10**9) for _ in range(n))}\n")
    hidden.append(f"80000\n{ints([10**9] * 80000)}\n")
    return ex, hidden


problem(slug="max-subarray", title="Maximum Subarray", difficulty="medium", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=maxsub_tests,
        statement="""Print the largest sum of a non-empty contiguous subarray.

**Input**: `n` (1 ≤ n ≤ 100000), then `n` integers (|a| ≤ 10^9). The answer may not fit in 32 bits.""")


# ---------------------------------------------------------------------------------------------------------
def stairs_tests(r):
    ex = ["2\n2\n3\n", "1\n1\n"]
    hidden = ["3\n4\n5\n10\n", "1\n45\n", "1\n100\n"]
    for k in (10, 100, 1000, 50000):
        xs = [r.randint(1, 100000) for _ in range(k)]
        hidden.append(f"{k}\n" + "\n".join(map(str, xs)) + "\n")
    hidden.append("1\n100000\n")
    return ex, hidden


problem(slug="climbing-stairs", title="Climbing Stairs", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=stairs_tests,
        statement="""You climb a staircase of `n` steps, 1 or 2 steps at a time. In how many distinct ways can you reach
the top? Print the answer modulo 1000000007.

**Input**: `t` (1 ≤ t ≤ 50000), then `t` values `n` (1 ≤ n ≤ 100000).

**Output**: one line per query.""")


# ---------------------------------------------------------------------------------------------------------
def bs_tests(r):
    ex = ["6\n-1 0 3 5 9 12\n2\n9\n2\n", "1\n5\n1\n5\n"]
    hidden = ["2\n1 3\n3\n0\n2\n4\n", "3\n-5 0 5\n3\n-5\n0\n5\n"]
    for n, q in ((10, 10), (1000, 1000), (50000, 1000), (40000, 40000)):
        a = sorted(r.sample(range(-10**9, 10**9), n))
        qs = [r.choice(a) if r.random() < 0.5 else r.randint(-10**9, 10**9) for _ in range(q)]
        hidden.append(f"{n}\n{ints(a)}\n{q}\n" + "\n".join(map(str, qs)) + "\n")
    return ex, hidden


problem(slug="binary-search", title="Binary Search", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=bs_tests,
        statement="""Given a sorted array of distinct integers, answer queries: the index (0-based) of each query value,
or `-1` when it is not in the array.

**Input**: `n` (1 ≤ n ≤ 80000), `n` sorted distinct integers, `q` (1 ≤ q ≤ 60000), then `q` values.

**Output**: one line per query.""")


# ---------------------------------------------------------------------------------------------------------
def merge_tests(r):
    def fmt(iv):
        return f"{len(iv)}\n" + "".join(f"{a} {b}\n" for a, b in iv)

    ex = [fmt([(1, 3), (2, 6), (8, 10), (15, 18)]), fmt([(1, 4), (4, 5)])]
    hidden = [fmt([(1, 4), (0, 4)]), fmt([(1, 4), (2, 3)]), fmt([(5, 5)]), fmt([(1, 2), (3, 4), (0, 10)])]
    for n, span in ((10, 50), (100, 1000), (1000, 10**6), (40000, 10**9), (40000, 10**7)):
        iv = []
        for _ in range(n):
            a = r.randint(0, span); b = a + r.randint(0, max(1, span // max(1, n // 4)))
            iv.append((a, b))
        hidden.append(fmt(iv))
    return ex, hidden


problem(slug="merge-intervals", title="Merge Intervals", difficulty="medium", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=merge_tests,
        statement="""Merge all overlapping closed intervals (intervals that touch, like `[1,4]` and `[4,5]`, overlap) and
print the result sorted by start.

**Input**: `n` (1 ≤ n ≤ 50000), then `n` lines `start end` (0 ≤ start ≤ end ≤ 2·10^9).

**Output**: the number `m` of merged intervals, then `m` lines `start end`.""")


# ---------------------------------------------------------------------------------------------------------
def lcp_tests(r):
    def fmt(xs):
        return f"{len(xs)}\n" + "".join(x + "\n" for x in xs)

    ex = [fmt(["flower", "flow", "flight"]), fmt(["dog", "racecar", "car"])]
    hidden = [fmt(["a"]), fmt(["ab", "a"]), fmt(["same", "same", "same"]), fmt(["x", "y"])]
    for k, n in ((10, 20), (100, 50), (1000, 100), (20000, 20), (3, 100000)):
        pre = "".join(r.choice("ab") for _ in range(r.randint(0, n)))
        xs = [pre + "".join(r.choice("abc") for _ in range(r.randint(1, n))) for _ in range(k)]
        hidden.append(fmt(xs))
    return ex, hidden


problem(slug="longest-common-prefix", title="Longest Common Prefix", difficulty="easy", timeLimitMs=4000,
        memoryMb=256, comparison={"mode": "exact"}, tests=lcp_tests,
        statement="""Print the longest common prefix of the given words, or an empty line when there is none.

**Input**: `n` (1 ≤ n ≤ 20000), then `n` lines, each a non-empty word of lowercase letters (total length ≤ 10^6).

**Output**: one line.""")


# ---------------------------------------------------------------------------------------------------------
def primes_tests(r):
    ex = ["1\n10\n", "2\n0\n1\n"]
    hidden = ["1\n2\n", "1\n3\n", "3\n100\n1000\n10000\n", "1\n5000000\n"]
    for k in (10, 1000, 20000):
        hidden.append(f"{k}\n" + "\n".join(str(r.randint(0, 5 * 10**6)) for _ in range(k)) + "\n")
    return ex, hidden


problem(slug="count-primes", title="Count Primes", difficulty="medium", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=primes_tests,
        statement="""For each query `n`, print how many prime numbers are strictly less than `n`.

**Input**: `t` (1 ≤ t ≤ 20000), then `t` values `n` (0 ≤ n ≤ 5·10^6).

**Output**: one line per query.""")


# ---------------------------------------------------------------------------------------------------------
def transpose_tests(r):
    def fmt(m):
        return f"{len(m)} {len(m[0])}\n" + "".join(ints(row) + "\n" for row in m)

    ex = [fmt([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), fmt([[1, 2, 3], [4, 5, 6]])]
    hidden = [fmt([[7]]), fmt([[1, 2, 3, 4]]), fmt([[1], [2], [3]])]
    for rr, cc in ((5, 7), (50, 20), (100, 300), (300, 300), (1, 50000)):
        hidden.append(fmt([[r.randint(-1000, 1000) for _ in range(cc)] for _ in range(rr)]))
    return ex, hidden


problem(slug="matrix-transpose", title="Transpose Matrix", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "whitespace"}, tests=transpose_tests,
        statement="""Print the transpose of an `r × c` integer matrix (its rows become columns).

**Input**: `r c` (1 ≤ r·c ≤ 90000), then `r` lines of `c` integers.

**Output**: `c` lines of `r` integers, separated by spaces.""")


# ---------------------------------------------------------------------------------------------------------
def sqrt_tests(r):
    ex = ["2\n4\n2\n", "1\n0\n"]
    hidden = ["1\n1\n", "1\n1000000000000\n", "3\n0.25\n3\n10\n"]
    for k in (10, 1000, 50000):
        xs = [round(r.uniform(0, 10 ** r.randint(0, 12)), 3) for _ in range(k)]
        hidden.append(f"{k}\n" + "\n".join(repr(x) for x in xs) + "\n")
    return ex, hidden


problem(slug="sqrt-float", title="Square Root", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "float", "tolerance": 1e-6}, tests=sqrt_tests,
        statement="""Print the square root of each number. An answer is accepted when its absolute or relative error is at
most 10^-6.

**Input**: `t` (1 ≤ t ≤ 50000), then `t` real numbers `x` (0 ≤ x ≤ 10^12).

**Output**: one line per number.""")


# ---------------------------------------------------------------------------------------------------------
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SOLUTION_LANGUAGES = ("python", "java", "cpp")


def solution(d, lang):
    path = os.path.join(d, "solutions", f"{lang}.{EXT[lang]}")
    if not os.path.isfile(path):
        sys.exit(f"{path} is missing: write the reference solutions before generating (docs/problems.md)")
    return path


def main():
    write(os.path.join(ROOT, "index.txt"), "".join(p["slug"] + "\n" for p in PROBLEMS))
    for p in PROBLEMS:
        d = os.path.join(ROOT, p["slug"])
        for lang in SOLUTION_LANGUAGES:
            solution(d, lang)  # every reference solution must be there: JudgeProblemsTest runs each
        reference = solution(d, "python")  # its output on each input is the expected output
        # replace only what this script writes: solutions/ is the hand-written source
        for generated in ("starter", "tests"):
            shutil.rmtree(os.path.join(d, generated), ignore_errors=True)
        meta = {k: p[k] for k in ("slug", "title", "difficulty", "timeLimitMs", "memoryMb", "comparison")}
        write(os.path.join(d, "problem.json"), json.dumps(meta, indent=2) + "\n")
        write(os.path.join(d, "statement.md"), f"# {p['title']}\n\n" + textwrap.dedent(p["statement"]).strip() + "\n")
        for lang, tpl in STARTER.items():
            write(os.path.join(d, "starter", f"{lang}.{EXT[lang]}"), tpl.replace("{title}", p["title"]))
        ex, hidden = p["tests"](random.Random(p["slug"]))
        for kind, inputs in (("examples", ex), ("hidden", hidden)):
            for i, inp in enumerate(inputs, 1):
                out = subprocess.run([sys.executable, reference], input=inp.encode(), capture_output=True,
                                     check=True).stdout.decode()
                write(os.path.join(d, "tests", kind, f"{i:02d}.in"), inp)
                write(os.path.join(d, "tests", kind, f"{i:02d}.out"), out)
        print(p["slug"], len(ex), "examples", len(hidden), "hidden", file=sys.stderr)


if __name__ == "__main__":
    main()
