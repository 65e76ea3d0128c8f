/* notation.c — the latex and explain commands (see notation.h). */
#include "notation.h"

#include "astprint.h"

Flow notation_run(Interp *in, Node *cmd) {
    if (!cmd->a) {
        interp_error(in, cmd->span, "%s needs an expression after it: %s Σ_{i=1}^{n} (y[i] − ŷ[i])²", cmd->name, cmd->name);
        return FLOW_ERROR;
    }
    if (cmd->name[0] == 'l') {
        ast_print(in->out, cmd->a, AST_LATEX);
        fputc('\n', in->out);
        return FLOW_NEXT;
    }
    explain_write(in, cmd->a, in->out);
    return FLOW_NEXT;
}
