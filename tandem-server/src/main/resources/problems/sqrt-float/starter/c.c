#include <stdio.h>

int main(void) {
    /* Square Root: read the input, print the answer */
    return 0;
}
