/* W5: start, evaluate 1+1, print 2, exit. */
#include <stdio.h>

int main(void) {
    int a = 1;
    printf("%d\n", a + 1);
    return 0;
}
