/* why.h — `why X`: the pillars that can explain how a result was reached, one row each
 * (why.c). A row says which expressions it explains and prints the explanation; resolve.c
 * asks why_accepts before binding names, eval.c hands the statement to why_explain. */
#ifndef MLM_WHY_H
#define MLM_WHY_H

#include "frame.h"
#include "interp.h"

/* True when some row explains expression n (before or after resolve). */
bool why_accepts(const Node *n);
/* The message for an expression no row explains. */
const char *why_usage(void);
/* Runs `why` statement s (s->a is the expression explained). */
Flow why_explain(Interp *in, Frame *fr, Node *s);

#endif
