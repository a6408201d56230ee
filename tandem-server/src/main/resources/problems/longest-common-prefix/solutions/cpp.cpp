#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; string p; cin >> p;
    for (int k = 1; k < n; k++) {
        string s; cin >> s; size_t i = 0;
        while (i < p.size() && i < s.size() && p[i] == s[i]) i++;
        p.resize(i);
    }
    cout << p << "\n";
}
