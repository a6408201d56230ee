#include <stdio.h>

int main(void) {
    /* Fizz Buzz: read the input, print the answer */
    return 0;
}
