#!/usr/bin/env python3
"""Generates src/main/resources/problems/<slug>/ (see docs/problems.md).

Tests are produced from fixed seeds by the Python reference solution (run here with python3), so a
re-run gives the same files. The Java and C++ solutions are checked against them by JudgeProblemsTest
(real Docker engine). Usage: python3 bin/gen-problems.py
"""
import json
import os
import random
import shutil
import subprocess
import sys
import textwrap

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "main", "resources", "problems")
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

**Output**: `i j`.""",
        python="""import sys
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
""",
        java="""import java.io.*;
import java.util.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) { st.nextToken(); a[i] = Long.parseLong(st.sval); }
        st.nextToken(); long t = Long.parseLong(st.sval);
        HashMap<Long, Integer> seen = new HashMap<>();
        for (int j = 0; j < n; j++) {
            Integer i = seen.get(t - a[j]);
            if (i != null) { System.out.println(i + " " + j); return; }
            seen.putIfAbsent(a[j], j);
        }
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; vector<long long> a(n); for (auto &x : a) cin >> x;
    long long t; cin >> t;
    unordered_map<long long, int> seen; seen.reserve(n * 2);
    for (int j = 0; j < n; j++) {
        auto it = seen.find(t - a[j]);
        if (it != seen.end()) { cout << it->second << " " << j << "\\n"; return 0; }
        seen.emplace(a[j], j);
    }
}
""")


# ---------------------------------------------------------------------------------------------------------
def fizzbuzz_tests(r):
    ex = ["3\n", "15\n"]
    hidden = [f"{n}\n" for n in (1, 2, 5, 10, 16, 30, 31, 45, 99, 100, 101, 500, 1000, 4999, 10000, 20000, 50000, 100000)]
    return ex, hidden


problem(slug="fizzbuzz", title="Fizz Buzz", difficulty="easy", timeLimitMs=4000, memoryMb=256,
        comparison={"mode": "exact"}, tests=fizzbuzz_tests,
        statement="""Print the numbers from 1 to `n`, one per line, but print `Fizz` instead of multiples of 3,
`Buzz` instead of multiples of 5 and `FizzBuzz` instead of multiples of both.

**Input**: `n` (1 ≤ n ≤ 100000).""",
        python="""import sys
n = int(sys.stdin.readline())
out = []
for i in range(1, n + 1):
    out.append("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else str(i))
sys.stdout.write("\\n".join(out) + "\\n")
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(new BufferedReader(new InputStreamReader(System.in)).readLine().trim());
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (i % 15 == 0) sb.append("FizzBuzz"); else if (i % 3 == 0) sb.append("Fizz");
            else if (i % 5 == 0) sb.append("Buzz"); else sb.append(i);
            sb.append('\\n');
        }
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; cin >> n; string out;
    for (int i = 1; i <= n; i++) {
        if (i % 15 == 0) out += "FizzBuzz"; else if (i % 3 == 0) out += "Fizz";
        else if (i % 5 == 0) out += "Buzz"; else out += to_string(i);
        out += '\\n';
    }
    fputs(out.c_str(), stdout);
}
""")


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

**Output**: the line, characters in reverse order.""",
        python="""import sys
s = sys.stdin.readline().rstrip("\\n")
print(s[::-1])
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        String s = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println(new StringBuilder(s).reverse());
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    string s; getline(cin, s);
    reverse(s.begin(), s.end());
    cout << s << "\\n";
}
""")


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

**Output**: `t` lines, `true` or `false`.""",
        python="""import sys
def valid(s):
    st = []
    pair = {")": "(", "]": "[", "}": "{"}
    for c in s:
        if c in pair:
            if not st or st.pop() != pair[c]: return False
        else:
            st.append(c)
    return not st
lines = sys.stdin.read().split()
t = int(lines[0])
print("\\n".join("true" if valid(s) else "false" for s in lines[1:1 + t]))
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int t = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < t; k++) {
            String s = in.readLine().trim();
            char[] st = new char[s.length()]; int top = 0; boolean ok = true;
            for (int i = 0; i < s.length() && ok; i++) {
                char c = s.charAt(i);
                if (c == '(' || c == '[' || c == '{') st[top++] = c;
                else {
                    char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (top == 0 || st[--top] != want) ok = false;
                }
            }
            out.append(ok && top == 0 ? "true" : "false").append('\\n');
        }
        System.out.print(out);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int t; cin >> t; string s;
    while (t--) {
        cin >> s; string st; bool ok = true;
        for (char c : s) {
            if (c == '(' || c == '[' || c == '{') st.push_back(c);
            else {
                char want = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (st.empty() || st.back() != want) { ok = false; break; }
                st.pop_back();
            }
        }
        cout << (ok && st.empty() ? "true" : "false") << "\\n";
    }
}
""")


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

**Input**: `n` (1 ≤ n ≤ 100000), then `n` integers (|a| ≤ 10^9). The answer may not fit in 32 bits.""",
        python="""import sys
d = sys.stdin.buffer.read().split()
n = int(d[0])
best = cur = None
for x in map(int, d[1:1 + n]):
    cur = x if cur is None or cur < 0 else cur + x
    if best is None or cur > best: best = cur
print(best)
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long best = Long.MIN_VALUE, cur = 0;
        for (int i = 0; i < n; i++) {
            st.nextToken(); long x = Long.parseLong(st.sval);
            cur = (i == 0 || cur < 0) ? x : cur + x;
            best = Math.max(best, cur);
        }
        System.out.println(best);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; long long best = LLONG_MIN, cur = 0;
    for (int i = 0; i < n; i++) { long long x; cin >> x; cur = (i == 0 || cur < 0) ? x : cur + x; best = max(best, cur); }
    cout << best << "\\n";
}
""")


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

**Output**: one line per query.""",
        python="""import sys
d = sys.stdin.buffer.read().split()
t = int(d[0]); qs = list(map(int, d[1:1 + t]))
M = 1000000007
m = max(qs)
f = [1, 1] + [0] * m
for i in range(2, m + 1): f[i] = (f[i - 1] + f[i - 2]) % M
sys.stdout.write("\\n".join(str(f[q]) for q in qs) + "\\n")
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.nextToken(); int t = (int) st.nval;
        long M = 1000000007L; int N = 100001;
        long[] f = new long[N + 1]; f[0] = 1; f[1] = 1;
        for (int i = 2; i <= N; i++) f[i] = (f[i - 1] + f[i - 2]) % M;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < t; k++) { st.nextToken(); sb.append(f[(int) st.nval]).append('\\n'); }
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    const long long M = 1000000007LL; const int N = 100001;
    vector<long long> f(N + 1); f[0] = f[1] = 1;
    for (int i = 2; i <= N; i++) f[i] = (f[i - 1] + f[i - 2]) % M;
    int t; cin >> t; while (t--) { int n; cin >> n; cout << f[n] << "\\n"; }
}
""")


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

**Output**: one line per query.""",
        python="""import sys
from bisect import bisect_left
d = sys.stdin.buffer.read().split()
n = int(d[0]); a = list(map(int, d[1:1 + n])); q = int(d[1 + n])
out = []
for x in map(int, d[2 + n:2 + n + q]):
    i = bisect_left(a, x)
    out.append(str(i) if i < n and a[i] == x else "-1")
sys.stdout.write("\\n".join(out) + "\\n")
""",
        java="""import java.io.*;
import java.util.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long[] a = new long[n];
        for (int i = 0; i < n; i++) { st.nextToken(); a[i] = Long.parseLong(st.sval); }
        st.nextToken(); int q = Integer.parseInt(st.sval);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < q; k++) {
            st.nextToken(); long x = Long.parseLong(st.sval);
            int i = Arrays.binarySearch(a, x);
            sb.append(i >= 0 ? i : -1).append('\\n');
        }
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; vector<long long> a(n); for (auto &x : a) cin >> x;
    int q; cin >> q;
    while (q--) {
        long long x; cin >> x;
        int lo = 0, hi = n - 1, ans = -1;
        while (lo <= hi) { int mid = (lo + hi) / 2; if (a[mid] == x) { ans = mid; break; } if (a[mid] < x) lo = mid + 1; else hi = mid - 1; }
        cout << ans << "\\n";
    }
}
""")


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

**Output**: the number `m` of merged intervals, then `m` lines `start end`.""",
        python="""import sys
d = sys.stdin.buffer.read().split()
n = int(d[0])
iv = sorted((int(d[1 + 2 * i]), int(d[2 + 2 * i])) for i in range(n))
res = []
for a, b in iv:
    if res and a <= res[-1][1]:
        if b > res[-1][1]: res[-1][1] = b
    else:
        res.append([a, b])
sys.stdout.write(str(len(res)) + "\\n" + "".join(f"{a} {b}\\n" for a, b in res))
""",
        java="""import java.io.*;
import java.util.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.resetSyntax(); st.wordChars(33, 255); st.whitespaceChars(0, 32);
        st.nextToken(); int n = Integer.parseInt(st.sval);
        long[][] iv = new long[n][2];
        for (int i = 0; i < n; i++) { st.nextToken(); iv[i][0] = Long.parseLong(st.sval); st.nextToken(); iv[i][1] = Long.parseLong(st.sval); }
        Arrays.sort(iv, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        List<long[]> res = new ArrayList<>();
        for (long[] v : iv) {
            if (!res.isEmpty() && v[0] <= res.get(res.size() - 1)[1]) { long[] last = res.get(res.size() - 1); last[1] = Math.max(last[1], v[1]); }
            else res.add(new long[]{v[0], v[1]});
        }
        StringBuilder sb = new StringBuilder().append(res.size()).append('\\n');
        for (long[] v : res) sb.append(v[0]).append(' ').append(v[1]).append('\\n');
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; vector<pair<long long, long long>> iv(n);
    for (auto &p : iv) cin >> p.first >> p.second;
    sort(iv.begin(), iv.end());
    vector<pair<long long, long long>> res;
    for (auto &p : iv) {
        if (!res.empty() && p.first <= res.back().second) res.back().second = max(res.back().second, p.second);
        else res.push_back(p);
    }
    cout << res.size() << "\\n";
    for (auto &p : res) cout << p.first << " " << p.second << "\\n";
}
""")


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

**Output**: one line.""",
        python="""import sys
d = sys.stdin.read().split()
n = int(d[0]); ws = d[1:1 + n]
p = min(ws); q = max(ws)
i = 0
while i < len(p) and i < len(q) and p[i] == q[i]: i += 1
print(p[:i])
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(in.readLine().trim());
        String p = in.readLine().trim();
        for (int k = 1; k < n; k++) {
            String s = in.readLine().trim();
            int i = 0; while (i < p.length() && i < s.length() && p.charAt(i) == s.charAt(i)) i++;
            p = p.substring(0, i);
        }
        System.out.println(p);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; string p; cin >> p;
    for (int k = 1; k < n; k++) {
        string s; cin >> s; size_t i = 0;
        while (i < p.size() && i < s.size() && p[i] == s[i]) i++;
        p.resize(i);
    }
    cout << p << "\\n";
}
""")


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

**Output**: one line per query.""",
        python="""import sys
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
sys.stdout.write("\\n".join(str(cnt[q]) for q in qs) + "\\n")
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.nextToken(); int t = (int) st.nval; int[] qs = new int[t]; int m = 2;
        for (int i = 0; i < t; i++) { st.nextToken(); qs[i] = (int) st.nval; m = Math.max(m, qs[i]); }
        boolean[] comp = new boolean[m + 1];
        int[] below = new int[m + 1]; int c = 0;
        for (int i = 0; i <= m; i++) {
            below[i] = c;
            if (i >= 2 && !comp[i]) { c++; for (long j = (long) i * i; j <= m; j += i) comp[(int) j] = true; }
        }
        StringBuilder sb = new StringBuilder();
        for (int q : qs) sb.append(below[q]).append('\\n');
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int t; cin >> t; vector<int> qs(t); int m = 2;
    for (auto &q : qs) { cin >> q; m = max(m, q); }
    vector<char> comp(m + 1, 0); vector<int> below(m + 1); int c = 0;
    for (int i = 0; i <= m; i++) {
        below[i] = c;
        if (i >= 2 && !comp[i]) { c++; for (long long j = (long long) i * i; j <= m; j += i) comp[j] = 1; }
    }
    for (int q : qs) cout << below[q] << "\\n";
}
""")


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

**Output**: `c` lines of `r` integers, separated by spaces.""",
        python="""import sys
d = sys.stdin.buffer.read().split()
r, c = int(d[0]), int(d[1])
v = d[2:2 + r * c]
out = []
for j in range(c):
    out.append(" ".join(v[i * c + j].decode() for i in range(r)))
sys.stdout.write("\\n".join(out) + "\\n")
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedInputStream(System.in));
        st.nextToken(); int r = (int) st.nval; st.nextToken(); int c = (int) st.nval;
        int[][] m = new int[r][c];
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) { st.nextToken(); m[i][j] = (int) st.nval; }
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < r; i++) { if (i > 0) sb.append(' '); sb.append(m[i][j]); }
            sb.append('\\n');
        }
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int r, c; cin >> r >> c; vector<vector<int>> m(r, vector<int>(c));
    for (auto &row : m) for (auto &x : row) cin >> x;
    for (int j = 0; j < c; j++) { for (int i = 0; i < r; i++) { if (i) cout << ' '; cout << m[i][j]; } cout << "\\n"; }
}
""")


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

**Output**: one line per number.""",
        python="""import sys, math
d = sys.stdin.read().split()
t = int(d[0])
sys.stdout.write("\\n".join("%.9f" % math.sqrt(float(x)) for x in d[1:1 + t]) + "\\n")
""",
        java="""import java.io.*;
public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int t = Integer.parseInt(in.readLine().trim());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t; i++) sb.append(String.format("%.9f", Math.sqrt(Double.parseDouble(in.readLine().trim())))).append('\\n');
        System.out.print(sb);
    }
}
""",
        cpp="""#include <bits/stdc++.h>
using namespace std;
int main() {
    int t; if (scanf("%d", &t) != 1) return 1;
    while (t--) { double x; if (scanf("%lf", &x) != 1) return 1; printf("%.9f\\n", sqrt(x)); }
}
""")


# ---------------------------------------------------------------------------------------------------------
def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    write(os.path.join(ROOT, "index.txt"), "".join(p["slug"] + "\n" for p in PROBLEMS))
    for p in PROBLEMS:
        d = os.path.join(ROOT, p["slug"])
        if os.path.isdir(d):
            shutil.rmtree(d)
        meta = {k: p[k] for k in ("slug", "title", "difficulty", "timeLimitMs", "memoryMb", "comparison")}
        write(os.path.join(d, "problem.json"), json.dumps(meta, indent=2) + "\n")
        write(os.path.join(d, "statement.md"), f"# {p['title']}\n\n" + textwrap.dedent(p["statement"]).strip() + "\n")
        for lang, tpl in STARTER.items():
            write(os.path.join(d, "starter", f"{lang}.{EXT[lang]}"), tpl.replace("{title}", p["title"]))
        for lang in ("python", "java", "cpp"):
            write(os.path.join(d, "solutions", f"{lang}.{EXT[lang]}"), p[lang])
        ex, hidden = p["tests"](random.Random(p["slug"]))
        for kind, inputs in (("examples", ex), ("hidden", hidden)):
            for i, inp in enumerate(inputs, 1):
                out = subprocess.run([sys.executable, "-c", p["python"]], input=inp.encode(), capture_output=True,
                                     check=True).stdout.decode()
                write(os.path.join(d, "tests", kind, f"{i:02d}.in"), inp)
                write(os.path.join(d, "tests", kind, f"{i:02d}.out"), out)
        print(p["slug"], len(ex), "examples", len(hidden), "hidden", file=sys.stderr)


if __name__ == "__main__":
    main()
