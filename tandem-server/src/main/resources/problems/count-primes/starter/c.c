#include <stdio.h>

int main(void) {
    /* Count Primes: read the input, print the answer */
    return 0;
}
