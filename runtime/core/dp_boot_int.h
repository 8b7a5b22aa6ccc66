/* The engine's internal interfaces between dp_boot.c and dp_boot_net.c. */
#ifndef DP_BOOT_INT_H
#define DP_BOOT_INT_H

#include "dp_boot.h"

/* What follows the NV write or the close in progress. */
enum dp_boot_then {
    DP_THEN_NOTHING = 0,
    DP_THEN_REBOOT,        /* request the reboot */
    DP_THEN_FIRE_STORE,    /* raise STORE_OK or STORE_FAIL */
    DP_THEN_INSTALL,       /* the inactive bank is marked invalid: write the header */
    DP_THEN_FIRE_EVENT,    /* raise pending_ev */
    DP_THEN_AFTER_IMAGE,   /* the image is over: carry on with the script */
    DP_THEN_REOPEN,        /* a redirect: open the new URL */
    DP_THEN_START,         /* the trial boot is counted: raise START */
    DP_THEN_IMAGE_NEXT,    /* a resume point is recorded: go on with the image's bytes */
    DP_THEN_CLOSE_AFTER_IMAGE  /* a stale resume point is forgotten: close, then carry on */
};

void dp_boot_fire(struct dp_boot *b, uint8_t ev);
void dp_boot_report(struct dp_boot *b, uint16_t code);
void dp_boot_write_meta(struct dp_boot *b, uint8_t then);

int dp_boot_server_left(const struct dp_boot *b);
int dp_boot_can_resume(const struct dp_boot *b);
void dp_boot_fetch_script(struct dp_boot *b);
void dp_boot_fetch_file(struct dp_boot *b);
void dp_boot_fetch_image(struct dp_boot *b);
int dp_boot_cert_left(const struct dp_boot *b);
void dp_boot_fetch_cert(struct dp_boot *b);
void dp_boot_schedule_retry(struct dp_boot *b);
void dp_boot_begin_install(struct dp_boot *b);
void dp_boot_write_header(struct dp_boot *b);
void dp_boot_resume_image(struct dp_boot *b);
void dp_boot_image_next(struct dp_boot *b);
void dp_boot_bank_written(struct dp_boot *b, int ok);
void dp_boot_close_then(struct dp_boot *b, uint8_t then);
void dp_boot_fail_image(struct dp_boot *b, uint8_t ev, uint16_t why);

#endif
