/*
** api_alerts.c: GET /api/alerts — the saved searches of `flank alert add`
** with their new-match counts, as `flank alert list --json` prints them
** (fl_alert_list_json). Reading marks nothing as seen: only `flank alerts`
** and `flank watch` move an alert's mark.
*/
#include <microhttpd.h>

#include "server.h"
#include "flank/intake.h"
#include "banned.h"

void api_alerts(req *r) {
    char *json = NULL, *err = NULL;
    int rc = fl_alert_list_json(r->db, &json, &err);
    if (rc != FL_OK) {
        reply_fl_error(r, rc, err);
        return;
    }
    reply_json(r, MHD_HTTP_OK, json);
}
