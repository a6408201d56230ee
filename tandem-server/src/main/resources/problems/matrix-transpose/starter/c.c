#include <stdio.h>

int main(void) {
    /* Transpose Matrix: read the input, print the answer */
    return 0;
}
