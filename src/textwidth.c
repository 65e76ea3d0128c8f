/* textwidth.c — terminal columns of UTF-8 text (see textwidth.h). The ranges are Unicode's
 * combining marks and East Asian Wide/Fullwidth blocks that names and labels can hold. */
#include "textwidth.h"

#include <stdint.h>

static int char_width(uint32_t c) {
    if ((c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
        (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200D)
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
        (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
        (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
        (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int text_display_width(const char *s) {
    const unsigned char *u = (const unsigned char *)s;
    int w = 0;
    while (*u) {
        uint32_t c;
        int n;
        if (u[0] < 0x80) { c = u[0]; n = 1; }
        else if ((u[0] & 0xE0) == 0xC0 && u[1]) { c = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F); n = 2; }
        else if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2]) {
            c = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
            n = 3;
        } else if ((u[0] & 0xF8) == 0xF0 && u[1] && u[2] && u[3]) {
            c = (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 | (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
            n = 4;
        } else { c = 0xFFFD; n = 1; }
        w += char_width(c);
        u += n;
    }
    return w;
}

void text_put_padded(FILE *out, const char *s, int width) {
    fputs(s, out);
    for (int w = text_display_width(s); w < width; w++) fputc(' ', out);
}
