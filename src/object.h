/* object.h — the open value kind: a VAL_OBJ value points to an Obj, and the Obj's type table
 * (ObjType) says how such a value is named, freed, printed, read by field, combined by
 * operators, called, indexed and unpacked — the way Lua's userdata and metatables work.
 *
 * New kinds of value (tuples, distributions, data tables, test results, formulas) arrive as
 * new files that each define one ObjType; nothing else in the interpreter switches on them.
 * A table entry left NULL means "this kind of value does not do that", and the caller gives
 * the error that names the type.
 *
 * Ownership: an Obj is reference counted like every heap value (value.h's rule holds): the
 * creator gets refcount 1 and the last value_release calls type->free, which releases what
 * the object owns and frees the object itself. Concrete objects embed `Obj` as their first
 * member, so a `const Obj *` converts to the concrete type with obj_as(). */
#ifndef MLM_OBJECT_H
#define MLM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "source.h"
#include "value.h"

struct Interp;
struct Builtin;   /* builtins.h */
struct CallInfo;  /* builtins.h */

typedef struct ObjType {
    const char *name;   /* for messages and `vars`: "tuple", "distribution", "table" */
    /* Releases what o owns and frees o (called when the last reference goes). */
    void (*free)(Obj *o);
    /* The form shown at the prompt (no trailing newline). */
    void (*print)(FILE *out, const Obj *o);
    /* A short form for messages and ✗ lines; NULL: "<name>". */
    void (*print_brief)(FILE *out, const Obj *o);
    /* "a Normal distribution", "3 results": what the value is, for messages; NULL: "a <name>". */
    void (*describe)(const Obj *o, char *buf, size_t size);
    /* o.name — stores a new reference in *out; false with the error recorded at span (an
     * unknown name is reported by the caller when field_names lists what there is). */
    bool (*field)(struct Interp *in, const Obj *o, const char *name, Span span, Value *out);
    /* The names o.name accepts (borrowed), for completion and "its parts are …"; returns the count. */
    int (*field_names)(const Obj *o, const char *const **names);
    /* a op b where a or b is an object of this type (the left operand's type is asked first,
     * then the right's). op is an OP_* of ast.h. Borrowed operands, new reference in *out. */
    bool (*binary)(struct Interp *in, int op, Value a, Value b, Span span, Value *out);
    /* op a for OP_NEG / OP_POS / OP_NOT. */
    bool (*unary)(struct Interp *in, int op, Value a, Span span, Value *out);
    /* o(args…): borrowed arguments. */
    bool (*call)(struct Interp *in, const Obj *o, int argc, const Value *argv, Span span, Value *out);
    /* The numbers o stands for where an array is expected (a data table's matrix): a new
     * reference in *out, or false when o has none (no error recorded). */
    bool (*as_array)(const Obj *o, Value *out);
    /* [a, b, …] = o: up to max items, new references, into items; returns how many o has. */
    int (*unpack)(const Obj *o, Value *items, int max);
    /* A builtin called with this object as its first argument asks here first, so a kind of
     * value gives builtins its own meaning (mean(X), std(X), quantile(X, p), entropy(X) of a
     * distribution; describe(data) of a table). Return false with *handled false to let the
     * builtin run as usual; set *handled and return the result (true, or false with the error
     * recorded) to answer the call. Borrowed arguments; argv[0] is the object. */
    bool (*builtin)(struct Interp *in, const struct Builtin *b, const struct CallInfo *ci, int argc,
                    const Value *argv, Value *out, bool *handled);
} ObjType;

struct Obj {
    int refcount;
    const ObjType *type;
};

/* Sets up the header of a freshly allocated object (refcount 1). */
static inline void obj_init(Obj *o, const ObjType *type) {
    o->refcount = 1;
    o->type = type;
}

/* A VAL_OBJ value holding o (consumes the reference). */
static inline Value value_obj(Obj *o) {
    Value v = {.kind = VAL_OBJ, .as.obj = o};
    return v;
}

/* True when v is an object of type t. */
static inline bool value_is(Value v, const ObjType *t) { return v.kind == VAL_OBJ && v.as.obj->type == t; }

/* The concrete object behind a value known to be of its type. */
#define obj_as(TYPE, v) ((TYPE *)(void *)(v).as.obj)

/* o.name through the type table: the field, or an error naming the fields there are. */
bool obj_field(struct Interp *in, Value v, const char *name, Span span, Value *out);
/* a op b when either is an object: its type's operator, or an error naming both kinds. */
bool obj_binary(struct Interp *in, int op, Value a, Value b, Span span, Value *out);
/* op a of an object. */
bool obj_unary(struct Interp *in, int op, Value a, Span span, Value *out);
/* v converted where numbers are expected: an object with as_array gives its array (new
 * reference in *out, true); any other value is left alone (false). */
bool obj_to_array(Value v, Value *out);

/* {===================== tuples: several named results of one call: [U, S, V] = svd(A) */

extern const ObjType tuple_type;

typedef struct Tuple {
    Obj obj;
    int count;
    const char *const *names; /* borrowed: static strings */
    Value items[];            /* owned */
} Tuple;

/* Returns a new tuple (refcount 1) taking over (consuming) the count items. */
Tuple *tuple_new(int count, const char *const *names, const Value *items);
/* A value holding a new tuple of the count items (consumed). */
Value value_tuple(int count, const char *const *names, const Value *items);

/* }===================== */

#endif
