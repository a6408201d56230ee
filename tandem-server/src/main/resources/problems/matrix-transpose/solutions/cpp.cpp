#include <bits/stdc++.h>
using namespace std;
int main() {
    ios::sync_with_stdio(false); cin.tie(nullptr);
    int r, c; cin >> r >> c; vector<vector<int>> m(r, vector<int>(c));
    for (auto &row : m) for (auto &x : row) cin >> x;
    for (int j = 0; j < c; j++) { for (int i = 0; i < r; i++) { if (i) cout << ' '; cout << m[i][j]; } cout << "\n"; }
}
