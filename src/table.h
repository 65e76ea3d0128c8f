/* table.h — the data table: a matrix of numbers whose columns have names (from a CSV header),
 * some of them text columns kept as codes 1, 2, … with their labels. Where an array is expected
 * a table is its matrix (ObjType.as_array), so every builtin and data[:, 2] take it; data.cpu
 * is one column as a vector. load() makes them, describe() makes one with named rows. */
#ifndef MLM_TABLE_H
#define MLM_TABLE_H

#include "csv.h"
#include "object.h"

extern const ObjType table_type;

typedef struct Table {
    Obj obj;
    Array *m;             /* owned: rows × cols, row-major */
    size_t cols;
    char **names;         /* owned: cols column names as in the file */
    char **keys;          /* owned: the names as identifiers (data.cpu_avg for "cpu avg") */
    CsvLabels **labels;   /* owned: per column, NULL for numbers */
    char **row_names;     /* owned or NULL: names of the rows (describe's n, mean, …) */
    char *source;         /* owned or NULL: the file it came from */
    size_t missing;       /* empty cells read as nan */
} Table;

/* A new table (refcount 1) taking over m, names (cols malloc'd strings in a malloc'd array),
 * labels (NULL or cols entries) and row_names (NULL or m->rows strings); source is copied. */
Table *table_new(Array *m, char **names, CsvLabels **labels, char **row_names, const char *source, size_t missing);

#endif
