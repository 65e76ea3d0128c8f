/* cpu.c — vector width from cpuid, detected once on first use (see cpu.h).
 *
 * The tests mirror libgcc's for target_clones (cpuinfo.c): AVX2 needs cpuid.7 EBX bit 5 and
 * the OS saving YMM state (XCR0 bits 1–2); AVX-512F needs cpuid.7 EBX bit 16 and XCR0's
 * opmask and ZMM bits too (0xe6). So the kernels pick the same target as the clones did. */
#include "cpu.h"

#include <cpuid.h>
#include <pthread.h>
#include <stdlib.h>

static int width = 2;
static bool has_fma = false;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned long long xcr0(void) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (unsigned long long)hi << 32 | lo;
}

static void detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return;
    if (!(c & bit_OSXSAVE) || !(c & bit_AVX)) return;
    unsigned long long xcr = xcr0();
    if ((xcr & 0x6) != 0x6) return;
    has_fma = (c & bit_FMA) != 0;
    if (__get_cpuid_max(0, 0) < 7) return;
    __cpuid_count(7, 0, a, b, c, d);
    if ((b & bit_AVX512F) && (xcr & 0xe6) == 0xe6) width = 8;
    else if (b & bit_AVX2) width = 4;
    const char *cap = getenv("MLM_SIMD");
    if (cap) {
        int w = atoi(cap);
        if ((w == 2 || w == 4) && w < width) width = w;
    }
}

int cpu_simd_width(void) {
    pthread_once(&once, detect);
    return width;
}

bool cpu_has_fma(void) {
    pthread_once(&once, detect);
    return has_fma;
}
