/* resolve.h — binds every name in a statement to a slot before it runs, so evaluation
 * never looks a name up by string.
 *
 * Scopes: a top-level statement has a frame for its Σ indices and nothing else (its
 * assignments are globals). A function or lambda body has its own frame: parameters,
 * names it assigns, its for-loop variables and Σ indices are locals; a name used but not
 * bound there is a capture if an enclosing frame binds it, and a global otherwise.
 * After resolution: N_NAME → N_LOCAL/N_GLOBAL, funcdef->slot / lambda->slot =
 * frame size, lambda->c = N_BLOCK of captures (each N_LOCAL: slot = inner slot,
 * num = outer slot). */
#ifndef MLM_RESOLVE_H
#define MLM_RESOLVE_H

#include "interp.h"

/* Resolves one top-level statement in place; the nodes it adds (captures) go into arena, the
 * arena stmt was parsed into. Returns false with in->error set on a misplaced
 * `return`/`break`/`end` or similar. The frame size is stored in stmt->frame_size. */
bool resolve_statement(Interp *in, AstArena *arena, Node *stmt);

#endif
