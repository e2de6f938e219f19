/* read_text.c: plain text files in UTF-8, UTF-16 or a legacy Vietnamese encoding. */
#include <stdlib.h>

#include "read_impl.h"

tracuu_read_status_t tracuu_read_text(const char *path,
                                      const tracuu_read_opts_t *o,
                                      tracuu_read_result_t *out)
{
    tracuu_buf_t raw = {0};
    tracuu_read_status_t rs = tracuu_read_slurp(path, o->max_mb, &raw, out);
    if (rs != TRACUU_READ_OK) {
        tracuu_buf_free(&raw);
        return rs;
    }
    tracuu_buf_t text = {0};
    tracuu_enc_info_t info;
    tracuu_enc_detect(raw.s ? raw.s : "", raw.len, &text, &info);
    tracuu_buf_free(&raw);
    tracuu_buf_t label = {0};
    tracuu_read_enc_label(&label, tracuu_enc_name(info.enc), info.repaired);
    rs = tracuu_read_finish(out, &text, label.s, false);
    tracuu_buf_free(&label);
    if (rs == TRACUU_READ_SKIP)
        tracuu_read_say(out, rs, "no text (only white space)");
    return rs;
}
