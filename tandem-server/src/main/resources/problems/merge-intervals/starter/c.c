#include <stdio.h>

int main(void) {
    /* Merge Intervals: read the input, print the answer */
    return 0;
}
