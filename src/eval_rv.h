/* eval_rv.h — events on random variables inside P(…) (see eval_rv.c). */
#ifndef MLM_EVAL_RV_H
#define MLM_EVAL_RV_H

#include "eval.h"

/* True when the P(…) node n has a comparison among its events (an event on a random variable). */
bool evalrv_is_query(const Node *n);
/* The probability of such a P(…) in *out. */
bool evalrv_query(Interp *in, Frame *fr, Node *n, Value *out);
/* why P(…): the variables, the standardisation of a Normal, the tail used and the value. */
bool evalrv_why(Interp *in, Frame *fr, Node *n);

#endif
