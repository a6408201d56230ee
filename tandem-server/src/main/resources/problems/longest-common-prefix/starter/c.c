#include <stdio.h>

int main(void) {
    /* Longest Common Prefix: read the input, print the answer */
    return 0;
}
