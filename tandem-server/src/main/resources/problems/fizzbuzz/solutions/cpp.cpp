#include <bits/stdc++.h>
using namespace std;
int main() {
    int n; cin >> n; string out;
    for (int i = 1; i <= n; i++) {
        if (i % 15 == 0) out += "FizzBuzz"; else if (i % 3 == 0) out += "Fizz";
        else if (i % 5 == 0) out += "Buzz"; else out += to_string(i);
        out += '\n';
    }
    fputs(out.c_str(), stdout);
}
