#include <stdio.h>

int main(void) {
    /* Reverse String: read the input, print the answer */
    return 0;
}
