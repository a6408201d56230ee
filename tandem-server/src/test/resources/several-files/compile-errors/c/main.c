#include <stdio.h>
#include "util.h"

int main(void) { puts(says()); return 0; }
