#include <bits/stdc++.h>
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
        cout << (ok && st.empty() ? "true" : "false") << "\n";
    }
}
