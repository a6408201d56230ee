#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; vector<long long> a(n); for (auto &x : a) cin >> x;
    long long t; cin >> t;
    unordered_map<long long, int> seen; seen.reserve(n * 2);
    for (int j = 0; j < n; j++) {
        auto it = seen.find(t - a[j]);
        if (it != seen.end()) { cout << it->second << " " << j << "\n"; return 0; }
        seen.emplace(a[j], j);
    }
}
