#include <stdio.h>
#include "util.h"
#include "lib/deep.h"

int main(void) {
  int n;
  if (scanf("%d", &n) != 1) return 1;
  printf("%s %d\n", says(), twice(n));
  return 0;
}
