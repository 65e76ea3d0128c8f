/* value.h — mlm's tagged value and the heap objects behind it.
 *
 * A Value is 16 bytes passed by value: a kind tag and a payload. Scalars (double) are
 * unboxed. Arrays, strings and functions are reference counted heap objects.
 *
 * Ownership rule (one sentence, as jq's jv.h has it): a Value variable that holds a heap
 * object owns one reference to it; value_retain() makes a second owner, value_release()
 * gives one up; functions documented "consumes" take over their argument's reference and
 * functions that produce a Value hand the caller a reference it must release.
 *
 * Arrays are 1-D vectors (ndim 1, rows == 1, cols == len) or 2-D matrices (ndim 2,
 * rows × cols, row-major). A vector broadcasts as a row. Storage is 64-byte aligned.
 * Arrays are copy-on-write: array_make_unique() before writing to one that may be shared. */
#ifndef MLM_VALUE_H
#define MLM_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ValueKind {
    VAL_NIL = 0,   /* "no value": statements, an undefined slot */
    VAL_NUM,       /* double (booleans are 1/0) */
    VAL_ARR,       /* vector or matrix */
    VAL_STR,       /* immutable UTF-8 string */
    VAL_FUNC,      /* user function or lambda */
    VAL_BUILTIN,   /* builtin function (pointer into a static table, not counted) */
    VAL_OBJ,       /* an object of an open kind: tuples, distributions, tables … (object.h) */
} ValueKind;

/* The unit a number is shown with (`1.5 bits`). Only printing reads it: arithmetic makes new
 * numbers without one, so a value with a unit stays a number in expressions. */
typedef enum ValueUnit { UNIT_NONE = 0, UNIT_BITS, UNIT_NATS, UNIT_COUNT } ValueUnit;

typedef struct Array {
    int refcount;
    int ndim;      /* 1 = vector, 2 = matrix */
    size_t rows;   /* vector: 1 */
    size_t cols;   /* vector: len */
    size_t len;    /* rows * cols */
    double *data;  /* owned, 64-byte aligned, len elements (NULL when len == 0) */
    size_t bytes;  /* bytes charged to budget */
    struct MemBudget *budget; /* borrowed: the session's budget (outlives its arrays), or NULL */
    /* A lazy vector start, start + step, … (a range or linspace stored in a variable) has
     * data == NULL until array_materialize fills it; only variable slots hold lazy arrays. */
    bool lazy;
    bool lazy_pin_last;     /* linspace: the last element is exactly lazy_last */
    double lazy_start, lazy_step, lazy_last;
} Array;

typedef struct Str {
    int refcount;
    size_t len;
    char text[];   /* NUL-terminated */
} Str;

typedef struct Obj Obj; /* object.h */
struct Func;       /* func.h: user functions */
struct Builtin;    /* builtins.h */

typedef struct Value {
    uint8_t kind;  /* ValueKind */
    uint8_t unit;  /* ValueUnit of a VAL_NUM; 0 for every other kind */
    union {
        double num;
        Array *arr;
        Str *str;
        struct Func *fn;
        const struct Builtin *builtin;
        Obj *obj;
    } as;
} Value;

static inline Value value_nil(void) { Value v = {.kind = VAL_NIL}; return v; }
static inline Value value_num(double x) { Value v = {.kind = VAL_NUM, .as.num = x}; return v; }
/* A number shown with a unit: value_num_unit(1.5, UNIT_BITS) prints `1.5 bits`. */
static inline Value value_num_unit(double x, ValueUnit unit) {
    Value v = {.kind = VAL_NUM, .unit = (uint8_t)unit, .as.num = x};
    return v;
}
/* Consumes the reference to a. */
static inline Value value_arr(Array *a) { Value v = {.kind = VAL_ARR, .as.arr = a}; return v; }
static inline Value value_str(Str *s) { Value v = {.kind = VAL_STR, .as.str = s}; return v; }

/* The unit's name for the number x: "bit"/"bits", "nat"/"nats"; NULL for UNIT_NONE. */
const char *value_unit_name(ValueUnit unit, double x);

Value value_retain(Value v);
void value_release(Value v);
/* Sets *slot to v (consumed), releasing what was there. */
void value_replace(Value *slot, Value v);

/* Kind names for messages: "scalar", "vector", "matrix", "string", "function", or an
 * object's type name. */
const char *value_kind_name(Value v);
/* Shape for messages: "scalar", "3", "3×2" into buf. Returns buf. */
const char *value_shape(Value v, char *buf, size_t size);
/* Writes "a scalar", "a vector of length 3", "a 2×3 matrix", "a string", … into buf (of size
 * bytes) for messages that say what a value is; returns buf. */
const char *value_describe(Value v, char *buf, size_t size);

/* ---- memory accounting: one budget per session, checked before every allocation ---- */
enum { MEM_SPARES = 4 };
typedef struct MemBudget {
    size_t limit;   /* bytes; 0 = unlimited */
    size_t in_use;  /* bytes of array storage currently allocated */
    size_t allocations;     /* arrays given storage so far (for `time`) */
    size_t allocated_bytes; /* and their bytes */
    /* Buffers (≥ 256 KiB) of released arrays kept for reuse: fresh pages cost a page fault
     * each (~0.2 GB/s here), reused ones are already mapped. Owned by the budget;
     * membudget_release frees them. */
    struct { void *ptr; size_t size; } spare[MEM_SPARES];
} MemBudget;

/* Writes a byte count for people: "160 bytes", "7.63 MiB", "7.28 TiB" (3 significant
 * digits, powers of 1024) into buf of size bytes; returns buf. */
const char *bytes_text(double bytes, char *buf, size_t size);

/* Frees the budget's spare buffers (at the end of a session). */
void membudget_release(MemBudget *budget);

/* Why an allocation failed, for the caller's error message. */
typedef enum AllocStatus { ALLOC_OK, ALLOC_TOO_BIG, ALLOC_OVER_LIMIT, ALLOC_NO_MEMORY } AllocStatus;

/* Returns a new array (refcount 1, contents uninitialised) or NULL with *status set.
 * rows*cols overflow is caught. budget may be NULL (unaccounted, for tests). */
Array *array_new(MemBudget *budget, int ndim, size_t rows, size_t cols, AllocStatus *status);
Array *array_new_vector(MemBudget *budget, size_t len, AllocStatus *status);
Array *array_new_matrix(MemBudget *budget, size_t rows, size_t cols, AllocStatus *status);
Array *array_retain(Array *a);
void array_release(Array *a);
/* Returns a private copy of a (new reference) or NULL on allocation failure. */
Array *array_copy(MemBudget *budget, const Array *a, AllocStatus *status);
/* Makes *slot uniquely owned (copying if shared). Returns false on allocation failure. */
bool array_make_unique(MemBudget *budget, Array **slot, AllocStatus *status);

/* A lazy vector of len elements start + i·step (no storage yet). */
Array *array_new_lazy(MemBudget *budget, size_t len, double start, double step);
/* Gives a lazy array its storage (in place). Returns false on allocation failure. */
bool array_materialize(Array *a, AllocStatus *status);
/* Element i of any array, lazy or not. */
static inline double array_at(const Array *a, size_t i) {
    if (!a->lazy) return a->data[i];
    if (a->lazy_pin_last && i + 1 == a->len) return a->lazy_last;
    return a->lazy_start + (double)i * a->lazy_step;
}

/* Bytes needed for n doubles, or SIZE_MAX on overflow. */
size_t array_bytes_for(size_t rows, size_t cols);

/* Returns a new string (refcount 1) copying len bytes of text. */
Str *str_new(const char *text, size_t len);
Str *str_retain(Str *s);
void str_release(Str *s);

#endif
