/* cpu.h — the vector width this CPU (and its OS) offers, found with cpuid on first use.
 *
 * Why not GCC's target_clones or __builtin_cpu_supports: either links libgcc's
 * __cpu_indicator_init, a constructor that runs cpuid at every start. cpuid traps to the
 * hypervisor in a VM: perf over 300 runs of `mlm -e 1+1` found ~90 µs of it per run, on a
 * start-up of ~1.2 ms. Here nothing runs until a kernel (kernels.c), SLEEF (vecmath.c) or
 * infotheory.c asks. */
#ifndef MLM_CPU_H
#define MLM_CPU_H

#include <stdbool.h>

/* Doubles per vector register of the widest kernel target the CPU can run: 8 (AVX-512F),
 * 4 (AVX2) or 2 (SSE2, every x86-64). The environment variable MLM_SIMD=2|4|8 lowers it
 * (never raises it), so every width can be tested on one machine. Thread-safe. */
int cpu_simd_width(void);
/* True when FMA3 is usable (SLEEF's AVX2 code needs it besides AVX2). */
bool cpu_has_fma(void);

#endif
