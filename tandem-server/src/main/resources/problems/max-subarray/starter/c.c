#include <stdio.h>

int main(void) {
    /* Maximum Subarray: read the input, print the answer */
    return 0;
}
