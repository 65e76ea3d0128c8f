/* builtins_io.c — the output pillar: print, printf and sprintf.
 *
 * printf follows C's conversions (%d %i %f %e %g %s %x %%, with flags, width and precision)
 * but checks every value against its conversion: %d of 2.5 is an error, not a silent
 * truncation, and a missing or extra value is an error naming the counts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "print.h"

static bool fn_print(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    (void)ci;
    for (int i = 0; i < argc; i++) {
        if (i) fputc(' ', in->out);
        print_value(in->out, argv[i]);
    }
    fputc('\n', in->out);
    *out = value_nil();
    return true;
}

/* Formats argv[1..] by the format in argv[0] into a new malloc'd string (*text, owned by
 * the caller). */
static bool format(Interp *in, const CallInfo *ci, int argc, const Value *argv, char **text, size_t *len) {
    const char *name = ci->builtin->name;
    if (argv[0].kind != VAL_STR)
        return interp_error(in, ci->args[0], "%s: the first argument must be a format string, got a %s", name,
                            value_kind_name(argv[0]));
    const char *f = argv[0].as.str->text;
    FILE *m = open_memstream(text, len);
    if (!m) return interp_error(in, ci->call, "out of memory");
    int next = 1;
    bool ok = true;
    for (const char *p = f; *p && ok; p++) {
        if (*p != '%') { fputc(*p, m); continue; }
        if (p[1] == '%') { fputc('%', m); p++; continue; }
        /* %[flags][width][.precision]conversion */
        const char *start = p++;
        while (*p && strchr("-+ 0#", *p)) p++;
        const char *digits = p;
        while (*p >= '0' && *p <= '9') p++;
        if (*p == '.') { p++; while (*p >= '0' && *p <= '9') p++; }
        /* width and precision are bounded: %1999999999d would ask for gigabytes */
        for (const char *q = digits; q < p; q++) {
            if (*q == '.') continue;
            long field = strtol(q, NULL, 10);
            if (field > 1000) {
                ok = interp_error(in, ci->args[0], "%s: a width or precision over 1000 in '%.*s'", name,
                                  (int)(p - start + 1), start);
                break;
            }
            while (q + 1 < p && q[1] >= '0' && q[1] <= '9') q++;
        }
        if (!ok) break;
        char conv = *p;
        if (!conv || !strchr("difFeEgGsxXc", conv)) {
            ok = interp_error(in, ci->args[0], "%s: unknown conversion '%.*s' in the format", name,
                              (int)(p - start + (conv ? 1 : 0)), start);
            break;
        }
        char spec[64];
        size_t speclen = (size_t)(p - start);
        if (speclen > 40) { ok = interp_error(in, ci->args[0], "%s: conversion too long", name); break; }
        if (next >= argc) {
            int needed = next;
            for (const char *q = p + 1; *q; q++)
                if (*q == '%') { if (q[1] == '%') q++; else needed++; }
            ok = interp_error(in, ci->call, "%s: the format needs %d value%s, got %d", name, needed,
                              needed == 1 ? "" : "s", argc - 1);
            break;
        }
        Value v = argv[next];
        Span at = ci->args[next];
        next++;
        if (conv == 's') {
            memcpy(spec, start, speclen);
            spec[speclen] = 's';
            spec[speclen + 1] = '\0';
            char *shown = NULL;
            size_t shown_len = 0;
            FILE *sm = open_memstream(&shown, &shown_len);
            if (!sm) { ok = interp_error(in, ci->call, "out of memory"); break; }
            print_value(sm, v);
            fclose(sm);
            fprintf(m, spec, shown);
            free(shown);
            continue;
        }
        if (v.kind != VAL_NUM) {
            ok = interp_error(in, at, "%s: %%%c needs a number, got a %s", name, conv, value_kind_name(v));
            break;
        }
        double x = v.as.num;
        if (conv == 'd' || conv == 'i' || conv == 'x' || conv == 'X' || conv == 'c') {
            if (conv == 'c' && !(x >= 0 && x <= 127 && x == floor(x))) {
                ok = interp_error(in, at, "%s: %%c needs an ASCII code from 0 to 127, got %.15g", name, x);
                break;
            }
            if (x != floor(x) || isnan(x) || fabs(x) > 9.2e18) {
                ok = interp_error(in, at, "%s: %%%c needs a whole number, got %.15g (use %%f or %%g)", name, conv, x);
                break;
            }
            memcpy(spec, start, speclen);
            spec[speclen] = 'l';
            spec[speclen + 1] = 'l';
            spec[speclen + 2] = conv == 'i' ? 'd' : conv;
            spec[speclen + 3] = '\0';
            if (conv == 'c') { spec[speclen] = 'c'; spec[speclen + 1] = '\0'; fprintf(m, spec, (int)x); }
            else fprintf(m, spec, (long long)x);
        } else {
            memcpy(spec, start, speclen + 1);
            spec[speclen + 1] = '\0';
            fprintf(m, spec, x);
        }
    }
    if (ok && next < argc)
        ok = interp_error(in, ci->args[next], "%s: the format uses %d value%s but %d %s given", name, next - 1,
                          next - 1 == 1 ? "" : "s", argc - 1, argc - 1 == 1 ? "was" : "were");
    fclose(m);
    if (!ok) { free(*text); *text = NULL; }
    return ok;
}

static bool fn_printf(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    char *text = NULL;
    size_t len = 0;
    if (!format(in, ci, argc, argv, &text, &len)) return false;
    fwrite(text, 1, len, in->out);
    free(text);
    *out = value_nil();
    return true;
}

static bool fn_sprintf(Interp *in, const CallInfo *ci, int argc, const Value *argv, Value *out) {
    char *text = NULL;
    size_t len = 0;
    if (!format(in, ci, argc, argv, &text, &len)) return false;
    *out = value_str(str_new(text, len));
    free(text);
    return true;
}

static const Builtin entries[] = {
    {.name = "print", .min_args = 0, .max_args = -1, .fn = fn_print,
     .signature = "print(a, b, …)", .summary = "prints the values separated by spaces, then a new line",
     .example = "print(\"x =\", 3)", .related = "printf", .pillar = "output"},
    {.name = "printf", .min_args = 1, .max_args = -1, .fn = fn_printf,
     .signature = "printf(format, values…)", .summary = "prints values by a C-style format: %d %5.2f %e %g %s %%",
     .example = "printf(\"%.4f\\n\", pi)", .related = "print, sprintf", .pillar = "output"},
    {.name = "sprintf", .min_args = 1, .max_args = -1, .fn = fn_sprintf,
     .signature = "sprintf(format, values…)", .summary = "like printf, but returns the text as a string",
     .example = "sprintf(\"%d%%\", 22)", .related = "printf", .pillar = "output"},
};

const BuiltinTable builtins_io = {entries, sizeof entries / sizeof entries[0]};
