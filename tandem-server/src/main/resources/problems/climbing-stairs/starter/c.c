#include <stdio.h>

int main(void) {
    /* Climbing Stairs: read the input, print the answer */
    return 0;
}
