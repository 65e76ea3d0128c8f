/* x86jit.c — the x86-64 emitter of x86jit.h. Every instruction is encoded here by hand:
 * SSE2 scalar-double forms `prefix [REX] 0F opcode ModRM [SIB disp8]`, and the few integer
 * instructions the loop frame needs. */
#include "x86jit.h"

#include <string.h>

#if JIT_AVAILABLE
#include <sys/mman.h>
#include <unistd.h>
#endif

static void byte(Jit *j, uint8_t b) {
    if (j->len >= sizeof j->buf) { j->failed = true; return; }
    j->buf[j->len++] = b;
}

static void bytes(Jit *j, const uint8_t *b, size_t n) {
    for (size_t i = 0; i < n; i++) byte(j, b[i]);
}

static void imm32(Jit *j, int32_t v) {
    for (int i = 0; i < 4; i++) byte(j, (uint8_t)((uint32_t)v >> (8 * i)));
}

static void imm64(Jit *j, uint64_t v) {
    for (int i = 0; i < 8; i++) byte(j, (uint8_t)(v >> (8 * i)));
}

/* prefix, REX (only when a register ≥ 8 or w), 0F, opcode, then the ModRM byte */
static void sse(Jit *j, uint8_t prefix, bool w, uint8_t opcode, int mod, int reg, int rm) {
    byte(j, prefix);
    uint8_t rex = (uint8_t)(0x40 | (w ? 8 : 0) | (reg >= 8 ? 4 : 0) | (rm >= 8 ? 1 : 0));
    if (rex != 0x40) byte(j, rex);
    byte(j, 0x0F);
    byte(j, opcode);
    byte(j, (uint8_t)((mod << 6) | ((reg & 7) << 3) | (rm & 7)));
}

void jit_mov_rax(Jit *j, const void *address) {
    byte(j, 0x48);
    byte(j, 0xB8);
    imm64(j, (uint64_t)(uintptr_t)address);
}

void jit_mov_rdx(Jit *j, const void *address) {
    byte(j, 0x48);
    byte(j, 0xBA);
    imm64(j, (uint64_t)(uintptr_t)address);
}

void jit_load(Jit *j, int x) { sse(j, 0xF2, false, 0x10, 0, x, 0); }
void jit_store(Jit *j, int x) { sse(j, 0xF2, false, 0x11, 0, x, 0); }

/* [rdx + r8*8]: prefix, REX with X (r8 is the index), 0F, opcode, ModRM mod 00 rm 100 (a
 * SIB follows), SIB scale 8 index r8 (0 with REX.X) base rdx */
static void sse_indexed(Jit *j, uint8_t opcode, int reg) {
    byte(j, 0xF2);
    byte(j, (uint8_t)(0x42 | (reg >= 8 ? 4 : 0)));
    byte(j, 0x0F);
    byte(j, opcode);
    byte(j, (uint8_t)(((reg & 7) << 3) | 4));
    byte(j, 0xC2);
}

void jit_load_indexed(Jit *j, int x) { sse_indexed(j, 0x10, x); }
void jit_store_indexed(Jit *j, int x) { sse_indexed(j, 0x11, x); }

void jit_mov_r8(Jit *j, int64_t value) {
    byte(j, 0x49);
    byte(j, 0xB8);
    imm64(j, (uint64_t)value);
}

void jit_move(Jit *j, int dst, int src) {
    if (dst != src) sse(j, 0x66, false, 0x28, 3, dst, src);
}

void jit_op(Jit *j, int op, int dst, int src) { sse(j, 0xF2, false, (uint8_t)op, 3, dst, src); }
void jit_op_mem(Jit *j, int op, int dst) { sse(j, 0xF2, false, (uint8_t)op, 0, dst, 0); }

void jit_op_indexed(Jit *j, int op, int dst) { sse_indexed(j, (uint8_t)op, dst); }

void jit_rcx_to_double(Jit *j, int x) { sse(j, 0xF2, true, 0x2A, 3, x, 1); }
void jit_double_to_rax(Jit *j, int x) { sse(j, 0xF2, true, 0x2C, 3, 0, x); }

static void patch(Jit *j, size_t at, size_t target) {
    if (j->failed) return;
    int32_t rel = (int32_t)((int64_t)target - (int64_t)(at + 4));
    memcpy(j->buf + at, &rel, 4);
}

void jit_loop_begin(Jit *j, size_t *head) {
    bytes(j, (const uint8_t[]){0x48, 0x89, 0xF9}, 3);          /* mov rcx, rdi */
    bytes(j, (const uint8_t[]){0x48, 0x39, 0xF1}, 3);          /* cmp rcx, rsi */
    bytes(j, (const uint8_t[]){0x0F, 0x83}, 2);                /* jae exit */
    j->exit_jump = j->len;
    imm32(j, 0);
    *head = j->len;
}

void jit_loop_end(Jit *j, size_t head, const volatile int *flag, int32_t index_step) {
    if (index_step) {
        bytes(j, (const uint8_t[]){0x49, 0x81, 0xC0}, 3);      /* add r8, imm32 */
        imm32(j, index_step);
    }
    bytes(j, (const uint8_t[]){0x48, 0xFF, 0xC1}, 3);          /* inc rcx */
    bytes(j, (const uint8_t[]){0x48, 0x39, 0xF1}, 3);          /* cmp rcx, rsi */
    bytes(j, (const uint8_t[]){0x0F, 0x83}, 2);                /* jae exit */
    size_t done = j->len;
    imm32(j, 0);
    bytes(j, (const uint8_t[]){0xF7, 0xC1, 0xFF, 0x03, 0x00, 0x00}, 6); /* test ecx, 1023 */
    bytes(j, (const uint8_t[]){0x0F, 0x85}, 2);                /* jnz head */
    size_t again = j->len;
    imm32(j, 0);
    if (flag) {
        jit_mov_rax(j, (const void *)flag);
        bytes(j, (const uint8_t[]){0x83, 0x38, 0x00}, 3);      /* cmp dword [rax], 0 */
        bytes(j, (const uint8_t[]){0x0F, 0x84}, 2);            /* je head */
        size_t quiet = j->len;
        imm32(j, 0);
        patch(j, quiet, head);
    } else {
        bytes(j, (const uint8_t[]){0xE9}, 1);                  /* jmp head */
        size_t jump = j->len;
        imm32(j, 0);
        patch(j, jump, head);
    }
    size_t exit = j->len;
    bytes(j, (const uint8_t[]){0x48, 0x89, 0xC8}, 3);          /* mov rax, rcx */
    byte(j, 0xC3);                                             /* ret */
    patch(j, j->exit_jump, exit);
    patch(j, done, exit);
    patch(j, again, head);
}

void *jit_finish(const Jit *j, size_t *size) {
#if JIT_AVAILABLE
    if (j->failed) return NULL;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t n = (j->len + page - 1) / page * page;
    void *code = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) return NULL;
    memcpy(code, j->buf, j->len);
    if (mprotect(code, n, PROT_READ | PROT_EXEC) != 0) {
        munmap(code, n);
        return NULL;
    }
    *size = n;
    return code;
#else
    (void)j;
    (void)size;
    return NULL;
#endif
}

void jit_release(void *code, size_t size) {
#if JIT_AVAILABLE
    if (code) munmap(code, size);
#else
    (void)code;
    (void)size;
#endif
}
