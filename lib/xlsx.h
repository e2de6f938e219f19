/* xlsx.h: the spreadsheet printer (libxlsxwriter): the archive's sheet as
 * an .xlsx workbook. */
#ifndef TRACUU_XLSX_H
#define TRACUU_XLSX_H

#include <stdbool.h>

#include "output.h"

/* Set up p as an XLSX printer writing the workbook to path, or, when path
 * is NULL, to a temporary file copied to f when the sheet ends (f must
 * not be a terminal: the caller refuses that). Cells are strings (never
 * formulas), escaped as text is; the rank a number. Returns false with
 * *err a new message (free with free()) when the workbook cannot be
 * started. Closing the outermost level (end) writes the workbook out;
 * p->failed says whether that failed (the reason on stderr). */
bool tracuu_xlsx_printer_init(tracuu_printer_t *p, const char *path, FILE *f,
                              char **err);

#endif
