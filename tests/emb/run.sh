#!/bin/sh
# Embedding checks that need a compiler rather than a test binary.
#   REQ-EMB-001  the runtime compiles with the strict flags under gcc and clang, and
#                freestanding for Cortex-M4 (done by `make runtime-clang runtime-arm`, which
#                this script's make target depends on)
#   REQ-EMB-002, REQ-EMB-003  scripts/check-symbols.sh refuses an object that calls an
#                allocator or stdio (a check that can fail)
#   REQ-EMB-008  every limit comes from runtime/gen/config.h, can be overridden with
#                -DDP_NAME=..., is refused below its minimum, and -DDP_SHRINK sets minimums
set -eu
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CC=${CC:-gcc}
fails=0
ok()  { echo "ok   $*"; }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

# --- REQ-EMB-002/003: the symbol check fails on malloc and on printf ---
cat > "$T/uses_malloc.c" <<'C'
#include <stdlib.h>
void *f(void);
void *f(void) { return malloc(4); }
C
cat > "$T/uses_printf.c" <<'C'
#include <stdio.h>
void g(void);
void g(void) { puts("x"); }
C
cat > "$T/clean.c" <<'C'
#include <string.h>
void h(char *d, const char *s);
void h(char *d, const char *s) { memcpy(d, s, 8); }
C
for f in uses_malloc uses_printf clean; do "$CC" -c "$T/$f.c" -o "$T/$f.o"; done
if ./scripts/check-symbols.sh nm "$T/uses_malloc.o" >/dev/null 2>&1; then
    bad "REQ-EMB-002 check-symbols accepted an object calling malloc"
else ok "REQ-EMB-002 check-symbols refuses malloc"; fi
if ./scripts/check-symbols.sh nm "$T/uses_printf.o" >/dev/null 2>&1; then
    bad "REQ-EMB-003 check-symbols accepted an object calling puts"
else ok "REQ-EMB-003 check-symbols refuses stdio"; fi
if ./scripts/check-symbols.sh nm "$T/clean.o" >/dev/null 2>&1; then
    ok "REQ-EMB-003 check-symbols accepts memcpy"
else bad "REQ-EMB-003 check-symbols refused memcpy"; fi

# --- REQ-IMG-020: the core reaches crypto only through the port ---
if nm -u "${BUILD:-build}"/obj/arm/*.o 2>/dev/null | grep -qiE '\b(EVP_|SHA256|X509|OPENSSL|mbedtls_|br_)'; then
    bad "REQ-IMG-020 the core references a crypto library directly"
elif nm -u "${BUILD:-build}"/obj/arm/*.o 2>/dev/null | grep -q 'dp_port_verify_image_sig'; then
    ok "REQ-IMG-020 the core's crypto is the port's dp_port_* functions only"
else
    bad "REQ-IMG-020 the core does not call the port's signature check"
fi

# --- REQ-EMB-008: every limit overridable, refused below its minimum, shrinkable ---
limits=$(sed -nE 's/^limit +([A-Z0-9_]+) +([0-9]+) +min +([0-9]+).*/\1 \2 \3/p' spec/limits.spec)
[ -n "$limits" ] || { bad "no limits read from spec/limits.spec"; exit 1; }
n=0
printf '%s\n' "$limits" > "$T/limits"
while read -r name value min; do
    n=$((n + 1))
    printf '#include "config.h"\nint v = DP_%s;\nint m = DP_%s_MIN;\n' "$name" "$name" > "$T/l.c"
    # the default, an override at the minimum, one below it, and the shrunk flavour
    got=$("$CC" -E -P -Iruntime/gen "$T/l.c" | sed -n 's/^int v = \([0-9]*\)u;$/\1/p')
    [ "$got" = "$value" ] || bad "REQ-EMB-008 DP_$name is '$got', spec says $value"
    "$CC" -c -Iruntime/gen "-DDP_$name=${min}u" "$T/l.c" -o "$T/l.o" 2>/dev/null ||
        bad "REQ-EMB-008 DP_$name=$min (its minimum) was refused"
    if [ "$min" -gt 0 ] && "$CC" -c -Iruntime/gen "-DDP_$name=$((min - 1))u" "$T/l.c" \
            -o "$T/l.o" 2>"$T/err"; then
        bad "REQ-EMB-008 DP_$name=$((min - 1)) (below its minimum) was accepted"
    elif [ "$min" -gt 0 ] && ! grep -q "DP_$name is below its minimum" "$T/err"; then
        bad "REQ-EMB-008 DP_$name below its minimum failed without the expected message"
    fi
    got=$("$CC" -E -P -DDP_SHRINK -Iruntime/gen "$T/l.c" | sed -n 's/^int v = \([0-9]*\)u;$/\1/p')
    [ "$got" = "$min" ] || bad "REQ-EMB-008 DP_SHRINK gives DP_$name=$got, expected $min"
done < "$T/limits"
ok "REQ-EMB-008 $n limits: default, override at minimum, refusal below it, shrunk value"

# --- REQ-EMB-008: no limit value is typed outside the generated header ---
if grep -rnE '\b(1536|262144|2097152)\b' runtime/core runtime/include 2>/dev/null; then
    bad "REQ-EMB-008 a limit value is written by hand in the runtime (use config.h)"
else ok "REQ-EMB-008 the runtime takes its limits from config.h only"; fi

[ $fails -eq 0 ] || { echo "emb-tests: $fails failure(s)"; exit 1; }
echo "emb-tests: all passed"
