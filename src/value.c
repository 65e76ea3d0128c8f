/* value.c — reference counting, aligned array storage with a memory budget, strings. */
#include "value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "func.h"
#include "object.h"

enum {
    ARRAY_ALIGN = 64,
    HUGE_ADVICE_BYTES = 4u << 20, /* from here on: 2 MiB-aligned, transparent huge pages advised */
    HUGE_PAGE = 2u << 20,
    SPARE_MIN_BYTES = 256u << 10, /* from here on, released buffers are kept for reuse */
};

/* The size of the storage behind an array of `rounded` bytes: big ones fill whole huge pages. */
static size_t storage_size(size_t rounded) {
    return rounded < HUGE_ADVICE_BYTES ? rounded : (rounded + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
}

/* Storage for an array of `rounded` bytes, taken from the budget's spares when one of the same
 * size is there. Above SPARE_MIN_BYTES malloc hands out fresh pages (or pages it gave back to the
 * kernel) more often than not, and every first touch of a page is a fault: on this project's
 * machines 4 KiB of fresh memory costs as much as ~100 KiB of streaming through mapped memory.
 * A 500×500 eig whose 2 MB result landed in fresh pages every call ran 25% slower than with a
 * reused buffer. */
static void *storage_new(MemBudget *budget, size_t rounded) {
    size_t size = storage_size(rounded);
    if (budget && rounded >= SPARE_MIN_BYTES) {
        for (int i = 0; i < MEM_SPARES; i++) {
            if (budget->spare[i].ptr && budget->spare[i].size == size) {
                void *p = budget->spare[i].ptr;
                budget->spare[i].ptr = NULL;
                return p;
            }
        }
    }
    if (rounded < HUGE_ADVICE_BYTES) return aligned_alloc(ARRAY_ALIGN, rounded);
    void *p = aligned_alloc(HUGE_PAGE, size);
#ifdef MADV_HUGEPAGE
    if (p) madvise(p, size, MADV_HUGEPAGE);
#endif
    return p;
}

/* Keeps a released buffer as a spare, in a free slot or in place of the smallest spare when
 * that is smaller (the bigger a buffer, the more its fresh pages would cost); else frees it. */
static void storage_free(MemBudget *budget, void *p, size_t bytes) {
    size_t rounded = (bytes + ARRAY_ALIGN - 1) / ARRAY_ALIGN * ARRAY_ALIGN;
    if (p && budget && rounded >= SPARE_MIN_BYTES) {
        size_t size = storage_size(rounded);
        int slot = 0;
        for (int i = 0; i < MEM_SPARES; i++) {
            if (!budget->spare[i].ptr) { slot = i; break; }
            if (budget->spare[i].size < budget->spare[slot].size) slot = i;
        }
        if (!budget->spare[slot].ptr || budget->spare[slot].size < size) {
            free(budget->spare[slot].ptr);
            budget->spare[slot].ptr = p;
            budget->spare[slot].size = size;
            return;
        }
    }
    free(p);
}

void membudget_release(MemBudget *budget) {
    for (int i = 0; i < MEM_SPARES; i++) {
        free(budget->spare[i].ptr);
        budget->spare[i].ptr = NULL;
    }
}

Value value_retain(Value v) {
    switch (v.kind) {
    case VAL_ARR: v.as.arr->refcount++; break;
    case VAL_STR: v.as.str->refcount++; break;
    case VAL_FUNC: func_retain(v.as.fn); break;
    case VAL_OBJ: v.as.obj->refcount++; break;
    default: break;
    }
    return v;
}

void value_release(Value v) {
    switch (v.kind) {
    case VAL_ARR: array_release(v.as.arr); break;
    case VAL_STR: str_release(v.as.str); break;
    case VAL_FUNC: func_release(v.as.fn); break;
    case VAL_OBJ:
        if (--v.as.obj->refcount == 0) v.as.obj->type->free(v.as.obj);
        break;
    default: break;
    }
}

void value_replace(Value *slot, Value v) {
    Value old = *slot;
    *slot = v;
    value_release(old);
}

const char *value_kind_name(Value v) {
    switch (v.kind) {
    case VAL_NIL: return "call with no value";
    case VAL_NUM: return "scalar";
    case VAL_ARR: return v.as.arr->ndim == 1 ? "vector" : "matrix";
    case VAL_STR: return "string";
    case VAL_FUNC: case VAL_BUILTIN: return "function";
    case VAL_OBJ: return v.as.obj->type->name;
    }
    return "value";
}

const char *value_shape(Value v, char *buf, size_t size) {
    if (v.kind == VAL_ARR) {
        if (v.as.arr->ndim == 1) snprintf(buf, size, "%zu", v.as.arr->len);
        else snprintf(buf, size, "%zu×%zu", v.as.arr->rows, v.as.arr->cols);
    } else {
        snprintf(buf, size, "%s", value_kind_name(v));
    }
    return buf;
}

const char *value_describe(Value v, char *buf, size_t size) {
    if (v.kind == VAL_ARR && v.as.arr->ndim == 1) snprintf(buf, size, "a vector of length %zu", v.as.arr->len);
    else if (v.kind == VAL_ARR) snprintf(buf, size, "a %zu×%zu matrix", v.as.arr->rows, v.as.arr->cols);
    else if (v.kind == VAL_OBJ && v.as.obj->type->describe) v.as.obj->type->describe(v.as.obj, buf, size);
    else snprintf(buf, size, "a %s", value_kind_name(v));
    return buf;
}

const char *bytes_text(double bytes, char *buf, size_t size) {
    const char *units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u < 6) { bytes /= 1024; u++; }
    if (u == 0) snprintf(buf, size, "%.0f bytes", bytes);
    else snprintf(buf, size, "%.3g %s", bytes, units[u]);
    return buf;
}

size_t array_bytes_for(size_t rows, size_t cols) {
    if (cols != 0 && rows > SIZE_MAX / cols) return SIZE_MAX;
    size_t n = rows * cols;
    if (n > (SIZE_MAX - ARRAY_ALIGN) / sizeof(double)) return SIZE_MAX;
    return n * sizeof(double);
}

Array *array_new(MemBudget *budget, int ndim, size_t rows, size_t cols, AllocStatus *status) {
    AllocStatus dummy;
    if (!status) status = &dummy;
    if (ndim == 1) rows = 1;
    size_t bytes = array_bytes_for(rows, cols);
    if (bytes == SIZE_MAX || bytes > ((size_t)1 << 47)) { *status = ALLOC_TOO_BIG; return NULL; }
    if (budget && budget->limit && bytes > budget->limit - (budget->in_use < budget->limit ? budget->in_use : budget->limit)) {
        *status = ALLOC_OVER_LIMIT;
        return NULL;
    }
    Array *a = malloc(sizeof *a);
    if (!a) { *status = ALLOC_NO_MEMORY; return NULL; }
    a->data = NULL;
    if (bytes == 0) {
        /* an empty array still has storage, so data is never NULL (memset/offsets on it are defined) */
        a->data = aligned_alloc(ARRAY_ALIGN, ARRAY_ALIGN);
        if (!a->data) { free(a); *status = ALLOC_NO_MEMORY; return NULL; }
    } else {
        size_t rounded = (bytes + ARRAY_ALIGN - 1) / ARRAY_ALIGN * ARRAY_ALIGN;
        a->data = storage_new(budget, rounded);
        if (!a->data) { free(a); *status = ALLOC_NO_MEMORY; return NULL; }
    }
    a->refcount = 1;
    a->lazy = a->lazy_pin_last = false;
    a->lazy_start = a->lazy_step = a->lazy_last = 0;
    a->ndim = ndim;
    a->rows = ndim == 1 ? 1 : rows;
    a->cols = cols;
    a->len = a->rows * cols;
    a->bytes = bytes;
    a->budget = budget;
    if (budget) {
        budget->in_use += bytes;
        if (bytes) {
            budget->allocations++;
            budget->allocated_bytes += bytes;
        }
    }
    *status = ALLOC_OK;
    return a;
}

Array *array_new_lazy(MemBudget *budget, size_t len, double start, double step) {
    Array *a = malloc(sizeof *a);
    if (!a) { fputs("mlm: out of memory\n", stderr); abort(); }
    a->refcount = 1;
    a->ndim = 1;
    a->rows = 1;
    a->cols = a->len = len;
    a->data = NULL;
    a->bytes = 0;
    a->budget = budget;
    a->lazy = true;
    a->lazy_pin_last = false;
    a->lazy_start = start;
    a->lazy_step = step;
    a->lazy_last = 0;
    return a;
}

bool array_materialize(Array *a, AllocStatus *status) {
    if (!a->lazy) return true;
    Array *full = array_new(a->budget, 1, 1, a->len, status);
    if (!full) return false;
    for (size_t i = 0; i < a->len; i++) full->data[i] = array_at(a, i);
    a->data = full->data;
    a->bytes = full->bytes;
    a->lazy = false;
    full->data = NULL;
    full->bytes = 0;
    full->budget = NULL;
    array_release(full);
    return true;
}

Array *array_new_vector(MemBudget *budget, size_t len, AllocStatus *status) {
    return array_new(budget, 1, 1, len, status);
}

Array *array_new_matrix(MemBudget *budget, size_t rows, size_t cols, AllocStatus *status) {
    return array_new(budget, 2, rows, cols, status);
}

Array *array_retain(Array *a) {
    a->refcount++;
    return a;
}

void array_release(Array *a) {
    if (!a || --a->refcount > 0) return;
    if (a->budget) a->budget->in_use -= a->bytes;
    storage_free(a->budget, a->data, a->bytes);
    free(a);
}

Array *array_copy(MemBudget *budget, const Array *a, AllocStatus *status) {
    Array *c = array_new(budget, a->ndim, a->rows, a->cols, status);
    if (!c || !a->len) return c;
    if (a->lazy) for (size_t i = 0; i < a->len; i++) c->data[i] = array_at(a, i);
    else memcpy(c->data, a->data, a->len * sizeof(double));
    return c;
}

bool array_make_unique(MemBudget *budget, Array **slot, AllocStatus *status) {
    if ((*slot)->refcount == 1) return true;
    Array *c = array_copy(budget, *slot, status);
    if (!c) return false;
    array_release(*slot);
    *slot = c;
    return true;
}

Str *str_new(const char *text, size_t len) {
    Str *s = malloc(sizeof *s + len + 1);
    if (!s) { fputs("mlm: out of memory\n", stderr); abort(); }
    s->refcount = 1;
    s->len = len;
    memcpy(s->text, text, len);
    s->text[len] = '\0';
    return s;
}

Str *str_retain(Str *s) {
    s->refcount++;
    return s;
}

void str_release(Str *s) {
    if (s && --s->refcount == 0) free(s);
}

const char *value_unit_name(ValueUnit unit, double x) {
    bool one = x == 1 || x == -1;
    switch (unit) {
    case UNIT_BITS: return one ? "bit" : "bits";
    case UNIT_NATS: return one ? "nat" : "nats";
    default: return NULL;
    }
}
