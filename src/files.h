/* files.h — reading the files mlm is given (scripts, imports), with the error a user can act
 * on: missing, unreadable, a directory, binary, not UTF-8; and writing files atomically. */
#ifndef MLM_FILES_H
#define MLM_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Reads path. On success *text is a new malloc'd NUL-terminated buffer (owned by the caller)
 * of *len bytes. On failure returns false with a message naming the path in err. A file
 * with NUL bytes is binary and refused here; other bytes that are not UTF-8 are reported by
 * the lexer with their line, column and a caret. */
bool file_read(const char *path, char **text, size_t *len, char *err, size_t errsize);

/* A file written atomically: into a temporary beside it, renamed over it at the end, so a
 * failure or a crash never leaves a partial file (save(), SVG plots). */
typedef struct AtomicFile {
    FILE *f;          /* write here */
    char *tmp;        /* owned: the temporary's path */
    const char *path; /* borrowed: where it lands */
} AtomicFile;

/* Opens the temporary with the mode a new file gets under the umask. False with err set
 * ("cannot write it: …"), nothing left behind. */
bool file_atomic_open(AtomicFile *a, const char *path, char *err, size_t errsize);
/* Flushes, syncs, closes and renames the temporary over the path; on any failure (a write error
 * seen by the stream included) removes it and returns false with err set. Frees what a owns. */
bool file_atomic_close(AtomicFile *a, char *err, size_t errsize);

/* True if text[0..len) is valid UTF-8; otherwise *bad_offset is the first bad byte. */
bool file_valid_utf8(const char *text, size_t len, size_t *bad_offset);

#endif
