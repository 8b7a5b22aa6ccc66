/* Output helpers shared by dpgen's emitters (gen/out.c). */
#ifndef DPGEN_OUT_H
#define DPGEN_OUT_H

#include <stdio.h>
#include "dpgen.h"

enum banner_style { BANNER_C, BANNER_MD, BANNER_DOT };

FILE *out_open(const char *root, const char *rel);
void out_banner(FILE *f, enum banner_style style, const char *sources);
const char *upper(const struct tok *t);
const char *out_sources(const void *base, int n, size_t size, const char *fallback);
#define SOURCES(S, arr, fb) out_sources((S)->arr, (S)->n_##arr, sizeof *(S)->arr, (fb))
void out_cstr(FILE *f, const char *s);
void out_ctext(FILE *f, const char *s);
void out_mdcell(FILE *f, const char *s);

int emit_config(const struct spec *S, const char *root);
int emit_diag(const struct spec *S, const char *root);
int emit_profiles(const struct spec *S, const char *root);
int emit_params(const struct spec *S, const char *root);
int emit_fsm_c(const struct spec *S, const char *root);
int emit_fields(const struct spec *S, const char *root);
int emit_promela(const struct spec *S, const char *root);
int emit_dot(const struct spec *S, const char *root);
int emit_docs(const struct spec *S, const char *root);

#endif
