#include <stdio.h>

int main(void) {
    /* Valid Parentheses: read the input, print the answer */
    return 0;
}
