#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int n; cin >> n; long long best = LLONG_MIN, cur = 0;
    for (int i = 0; i < n; i++) { long long x; cin >> x; cur = (i == 0 || cur < 0) ? x : cur + x; best = max(best, cur); }
    cout << best << "\n";
}
