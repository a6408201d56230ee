#include <stdio.h>

int main(void) {
    /* Two Sum: read the input, print the answer */
    return 0;
}
