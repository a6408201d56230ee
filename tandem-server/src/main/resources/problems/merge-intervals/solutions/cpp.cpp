#include <bits/stdc++.h>
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
    cout << res.size() << "\n";
    for (auto &p : res) cout << p.first << " " << p.second << "\n";
}
