/*
 * The reference POSIX port: what a host program (the deskprov command, the tests, a
 * simulated phone) sets up before it runs the core.
 */
#ifndef DP_POSIX_H
#define DP_POSIX_H

/* Trusts the product root certificates of the PEM file path (one or more) for images, in
 * addition to those already trusted. Returns the number of certificates added, or -1 with
 * a message in err[0 .. errcap-1]. */
int dp_posix_add_image_roots(const char *path, char *err, unsigned errcap);

/* Forgets every trusted image root. */
void dp_posix_clear_image_roots(void);

#endif
