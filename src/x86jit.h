/* x86jit.h — a tiny x86-64 machine-code emitter for prog.c's native loop tier: scalar SSE2
 * double arithmetic on xmm registers, loads and stores through absolute addresses, a loop
 * counter in rcx. Code is written into a growing buffer, then copied into executable memory
 * (mapped read-write, then read-execute: never both). Only x86-64 System V; elsewhere (or
 * built with -DMLM_NO_NATIVE) jit_available is false and the interpreter runs every loop. */
#ifndef MLM_X86JIT_H
#define MLM_X86JIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) && defined(__linux__) && !defined(MLM_NO_NATIVE)
#define JIT_AVAILABLE 1
#else
#define JIT_AVAILABLE 0
#endif

typedef struct Jit {
    uint8_t buf[4096];  /* the code being emitted; failed when it would overflow */
    size_t len;
    bool failed;
    size_t exit_jump;   /* the loop frame's jump to its exit, patched at the end */
} Jit;

/* SSE2 scalar-double operations (the second opcode byte after F2 0F) */
enum { JIT_ADD = 0x58, JIT_MUL = 0x59, JIT_SUB = 0x5C, JIT_DIV = 0x5E };

void jit_mov_rax(Jit *j, const void *address);         /* mov rax, imm64 */
void jit_mov_rdx(Jit *j, const void *address);         /* mov rdx, imm64 */
void jit_load(Jit *j, int x);                          /* movsd xmm_x, [rax] */
void jit_store(Jit *j, int x);                         /* movsd [rax], xmm_x */
void jit_load_indexed(Jit *j, int x);                  /* movsd xmm_x, [rdx + r8*8] */
void jit_store_indexed(Jit *j, int x);                 /* movsd [rdx + r8*8], xmm_x */
void jit_move(Jit *j, int dst, int src);               /* movapd xmm_dst, xmm_src */
void jit_op(Jit *j, int op, int dst, int src);         /* op xmm_dst, xmm_src */
void jit_op_mem(Jit *j, int op, int dst);              /* op xmm_dst, [rax] */
void jit_op_indexed(Jit *j, int op, int dst);          /* op xmm_dst, [rdx + r8*8] */
void jit_mov_r8(Jit *j, int64_t value);                /* mov r8, imm64: the element index */
void jit_rcx_to_double(Jit *j, int x);                 /* cvtsi2sd xmm_x, rcx */
void jit_double_to_rax(Jit *j, int x);                 /* cvttsd2si rax, xmm_x */

/* The loop frame: `size_t f(size_t iter, size_t count)` runs iterations iter … count − 1
 * (rcx), returning where it stopped; every 1024 iterations *flag (an int) is polled and a
 * non-zero value stops it before the next iteration. jit_loop_begin emits the entry and the
 * head of the body, jit_loop_end the counting (r8 += index_step when index_step ≠ 0), the
 * poll and the return. */
void jit_loop_begin(Jit *j, size_t *head);
void jit_loop_end(Jit *j, size_t head, const volatile int *flag, int32_t index_step);

/* Executable copy of the code (NULL on failure); jit_release unmaps it. */
void *jit_finish(const Jit *j, size_t *size);
void jit_release(void *code, size_t size);

#endif
