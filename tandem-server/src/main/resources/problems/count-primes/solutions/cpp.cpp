#include <bits/stdc++.h>
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
    for (int q : qs) cout << below[q] << "\n";
}
