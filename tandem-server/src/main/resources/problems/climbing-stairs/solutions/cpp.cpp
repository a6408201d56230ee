#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    const long long M = 1000000007LL; const int N = 100001;
    vector<long long> f(N + 1); f[0] = f[1] = 1;
    for (int i = 2; i <= N; i++) f[i] = (f[i - 1] + f[i - 2]) % M;
    int t; cin >> t; while (t--) { int n; cin >> n; cout << f[n] << "\n"; }
}
