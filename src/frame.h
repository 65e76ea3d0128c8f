/* frame.h — the frame a piece of code runs in, and how a statement ends.
 *
 * A Frame holds the local slots of one running function body (or of one top-level statement:
 * its Σ indices), the value of `end` in the index being evaluated, and a `return`ed value.
 * Ownership: the code that makes a frame owns its slot array and releases every slot and
 * `ret` when the frame ends; `arena` is borrowed — the arena of the code running in the
 * frame (a Func's own arena inside a call, the entry's arena at top level), the one a
 * compiled program cached on a node of that code is allocated in. */
#ifndef MLM_FRAME_H
#define MLM_FRAME_H

#include <stdbool.h>

#include "ast.h"
#include "value.h"

typedef struct Frame {
    Value *slots;      /* owned by the code that made the frame */
    int nslots;
    double end_value;  /* what `end` means in the index being evaluated */
    bool has_end;
    Value ret;         /* a `return`ed value (owned) */
    AstArena *arena;   /* borrowed: the arena of the code running in this frame */
} Frame;

typedef enum Flow {
    FLOW_NEXT = 0, FLOW_BREAK, FLOW_CONTINUE, FLOW_RETURN, FLOW_ERROR, FLOW_ASSERT,
} Flow;

#endif
