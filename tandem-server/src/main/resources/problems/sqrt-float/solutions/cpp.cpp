#include <bits/stdc++.h>
using namespace std;
int main() {
    int t; if (scanf("%d", &t) != 1) return 1;
    while (t--) { double x; if (scanf("%lf", &x) != 1) return 1; printf("%.9f\n", sqrt(x)); }
}
