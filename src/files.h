/* files.h — reading the files mlm is given (scripts, imports), with the error a user can act
 * on: missing, unreadable, a directory, binary, not UTF-8. */
#ifndef MLM_FILES_H
#define MLM_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Reads path. On success *text is a new malloc'd NUL-terminated buffer (owned by the caller)
 * of *len bytes. On failure returns false with a message naming the path in err. A file
 * with NUL bytes is binary and refused here; other bytes that are not UTF-8 are reported by
 * the lexer with their line, column and a caret. */
bool file_read(const char *path, char **text, size_t *len, char *err, size_t errsize);

/* True if text[0..len) is valid UTF-8; otherwise *bad_offset is the first bad byte. */
bool file_valid_utf8(const char *text, size_t len, size_t *bad_offset);

#endif
