/* wrap.h: text output that fits the terminal: lines wrapped at word
 * boundaries with a hanging indent. */
#ifndef TRACUU_WRAP_H
#define TRACUU_WRAP_H

#include <stddef.h>
#include <stdio.h>

/* The width to wrap text output to: 0 (no wrapping) when fd is no
 * terminal; else the terminal's columns (TIOCGWINSZ), else $COLUMNS,
 * else 80. */
int tracuu_wrap_width(int fd);

/* Write the lines of s[0..n) (UTF-8, escaped already) to f, each line
 * that begins with spaces (a hit's title, fields and snippets) wrapped
 * at spaces to width columns, its continuation lines indented two more
 * than it; other lines (a hit's rank and path, "Showing") as they are.
 * A word longer than a line stays whole on a line of its own. Columns
 * count characters; colour sequences (ESC [ ... m) count none. width 0:
 * s as it is. */
void tracuu_wrap_write(FILE *f, const char *s, size_t n, int width);

#endif
