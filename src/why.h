/* why.h — the `why` statement: `why P(A | B)` shows a probability's derivation (eval_prob.c)
 * and `why f(args)` asks f's explainer, a function registered in why.c's table by builtin
 * name, to print how f's value comes about with the numbers (why cross_entropy(p, q),
 * why kl(p, q)). A pillar adds an explainer by writing one function and one table row. */
#ifndef MLM_WHY_H
#define MLM_WHY_H

#include <stdio.h>

#include "builtins.h"
#include "eval.h"

/* An explainer: checks its borrowed arguments as the builtin would (recording an error and
 * returning false when they are bad) and prints its explanation to out. */
typedef bool (*WhyFn)(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out);

/* The explainer of the builtin called name, or NULL. */
WhyFn why_find(const char *name);

/* Runs `why …` (s is the N_WHY statement). */
Flow why_statement(Interp *in, Frame *fr, Node *s);

/* Explainers defined by the pillars. */
bool why_cross_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out); /* builtins_info.c */
bool why_kl(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out);            /* builtins_info.c */
bool why_entropy(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out);       /* builtins_info.c */
bool why_bce(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out);           /* builtins_info.c */
bool why_information_gain(Interp *in, const CallInfo *ci, int argc, const Value *argv, FILE *out); /* builtins_info.c */

#endif
