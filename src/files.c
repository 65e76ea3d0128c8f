/* files.c — reading script files with clear errors (see files.h). */
#include "files.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_SCRIPT_BYTES = 256 << 20 };

bool file_valid_utf8(const char *text, size_t len, size_t *bad_offset) {
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
        else { *bad_offset = i; return false; }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80) { *bad_offset = i; return false; }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *bad_offset = i;
            return false;
        }
        i += n + 1;
    }
    return true;
}

bool file_read(const char *path, char **text, size_t *len, char *err, size_t errsize) {
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errsize, "cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errsize, "cannot read '%s': it is a directory", path);
        return false;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "cannot open '%s': %s", path, strerror(errno));
        return false;
    }
    size_t cap = 4096, used = 0;
    char *buf = malloc(cap + 1);
    if (!buf) { fclose(f); snprintf(err, errsize, "out of memory reading '%s'", path); return false; }
    for (;;) {
        if (used == cap) {
            if (cap >= MAX_SCRIPT_BYTES) {
                free(buf);
                fclose(f);
                snprintf(err, errsize, "cannot read '%s': larger than %d MiB", path, MAX_SCRIPT_BYTES >> 20);
                return false;
            }
            cap *= 2;
            char *bigger = realloc(buf, cap + 1);
            if (!bigger) { free(buf); fclose(f); snprintf(err, errsize, "out of memory reading '%s'", path); return false; }
            buf = bigger;
        }
        size_t n = fread(buf + used, 1, cap - used, f);
        used += n;
        if (n == 0) break;
    }
    bool failed = ferror(f);
    int saved = errno;
    fclose(f);
    if (failed) {
        free(buf);
        snprintf(err, errsize, "cannot read '%s': %s", path, strerror(saved));
        return false;
    }
    buf[used] = '\0';
    if (memchr(buf, '\0', used)) {
        free(buf);
        snprintf(err, errsize, "cannot read '%s': it is a binary file (contains NUL bytes)", path);
        return false;
    }
    *text = buf;
    *len = used;
    return true;
}

bool file_atomic_open(AtomicFile *a, const char *path, char *err, size_t errsize) {
    size_t n = strlen(path);
    a->f = NULL;
    a->path = path;
    a->tmp = malloc(n + 16);
    if (!a->tmp) { snprintf(err, errsize, "out of memory"); return false; }
    snprintf(a->tmp, n + 16, "%s.XXXXXX", path);
    int fd = mkstemp(a->tmp);
    if (fd < 0) {
        snprintf(err, errsize, "cannot write it: %s", strerror(errno));
        free(a->tmp);
        return false;
    }
    mode_t mask = umask(0); /* mkstemp's 0600 → what a new file gets (0644 under umask 022) */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    a->f = fdopen(fd, "w");
    if (!a->f) {
        snprintf(err, errsize, "cannot write it: %s", strerror(errno));
        close(fd);
        unlink(a->tmp);
        free(a->tmp);
        return false;
    }
    return true;
}

bool file_atomic_close(AtomicFile *a, char *err, size_t errsize) {
    bool ok = fflush(a->f) == 0 && !ferror(a->f) && fsync(fileno(a->f)) == 0;
    int why = errno;
    if (fclose(a->f) != 0 && ok) { ok = false; why = errno; }
    if (ok && rename(a->tmp, a->path) != 0) { ok = false; why = errno; }
    if (!ok) {
        snprintf(err, errsize, "cannot write it: %s", strerror(why));
        unlink(a->tmp);
    }
    free(a->tmp);
    a->tmp = NULL;
    a->f = NULL;
    return ok;
}
