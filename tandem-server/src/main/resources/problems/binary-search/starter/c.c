#include <stdio.h>

int main(void) {
    /* Binary Search: read the input, print the answer */
    return 0;
}
