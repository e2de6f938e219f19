/* listtext.c: --list tables as text reads them (see listtext.h). */
#include "listtext.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "movement.h"
#include "output.h"

const char *tracuu_list_text_heading(const char *key)
{
    /* TRANSLATORS: the headings of --list cites; "plans" heads the
     * count of plans a row is found in. */
    static const char *const keys[][2] = {
        {"plans", N_("plans")},   {"symbol", N_("symbol")},
        {"type", N_("type")},     {"date", N_("date")},
        {"issuer", N_("issuer")}, {"role", N_("role")},
        {"kind", N_("kind")},     {"name", N_("name")},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(key, keys[i][0]) == 0)
            return _(keys[i][1]);
    return key;
}

/* A date's role as --list dates and --show name it. */
static const char *role_text(const char *v)
{
    static const char *const roles[][2] = {
        {"issued", N_("issued")},
        {"cited", N_("cited")},
        {"deadline", N_("deadline")},
        {"mentioned", N_("mentioned")},
    };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(v, roles[i][0]) == 0)
            return _(roles[i][1]);
    return v;
}

const char *tracuu_list_text_value(const char *key, const char *v,
                                   char buf[TRACUU_LIST_TEXT_SIZE])
{
    if (strcmp(key, "date") == 0 && strlen(v) >= 4 && v[4] == '-') {
        char dmy[TRACUU_DMY_SIZE];
        tracuu_date_dmy(v, dmy);
        snprintf(buf, TRACUU_LIST_TEXT_SIZE, "%s", dmy);
        return buf;
    }
    if (strcmp(key, "role") == 0)
        return role_text(v);
    tracuu_movement_kind_t k;
    if (strcmp(key, "kind") == 0 && tracuu_i18n_vi() &&
        tracuu_movement_kind_parse(v, strlen(v), &k))
        return tracuu_movement_kind_name(k);
    return v;
}
