/* eval_prob.h — P(…) in the evaluator: turns the resolved argument of P into a query for the
 * fact store (prob.h) and runs `P(A | B) = 0.9` facts, `P(A | B)` queries and `why P(…)`.
 *
 * Inside P(…) the argument is resolved like any expression (resolve.c), so a name keeps its
 * text (an event) and also its slot: the evaluator can tell an event name from a variable
 * holding a random variable. Events on names go to the fact store; comparisons of random
 * variables (P(X > 1.96)) are handed to eval_rv.c. */
#ifndef MLM_EVAL_PROB_H
#define MLM_EVAL_PROB_H

#include "eval.h"

/* P(…) as a value: the derived probability in *out. */
bool evalprob_query(Interp *in, Frame *fr, Node *n, Value *out);
/* P(…) = value: states a fact. */
Flow evalprob_fact(Interp *in, Frame *fr, Node *s);
/* why P(…): prints the derivation. */
Flow evalprob_why(Interp *in, Frame *fr, Node *s);

#endif
