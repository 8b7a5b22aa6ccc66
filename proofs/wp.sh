#!/bin/sh
# Frama-C/WP on one C file of the runtime, exactly as it ships, with runtime-error guards
# (-wp-rte plus every -warn-* flag) and smoke tests; fails unless every goal is proved.
#
#   proofs/wp.sh SRC OUTDIR
#
# Writes OUTDIR/cmdline (the command), OUTDIR/wp.log (the whole Frama-C output),
# OUTDIR/wp.json (-wp-report-json: every goal, its prover and steps) and OUTDIR/summary
# (one line, read by proofs/summary.sh).
# Prints `SRC: Proved goals: N / M`. Exit status 0 only when
#   - frama-c exits 0, and
#   - WP prints `Proved goals: N / M` with N = M (smoke tests included), or generates no goal
#     at all (a file without functions), and
#   - no smoke test failed (a precondition or loop invariant that is inconsistent), and
#   - WP warns about no missing specification (every function has requires/assigns/ensures).
#
# Plain frama-c exits 0 with unproved goals: the gate is the summary line, not the status.
#
# Settings (environment, defaults below; mk/proofs.mk passes them):
#   WHY3CONFIG    the project's why3.conf (build/proofs/why3.conf), required
#   WP_PROVERS    cvc4,z3
#   WP_STEPS      prover step limit: the verdict does not depend on the machine's load
#   WP_TIMEOUT    seconds; a safety net far above what any goal needs (see README.md)
#   WP_PAR        parallel proof tasks inside Frama-C (hides its scheduler's latency)
#   WP_CACHE      none|update|replay|offline|rebuild (-wp-cache); WP_CACHE_DIR its folder
#   WP_EXTRA      more Frama-C options (e.g. -wp-fct NAME while working on one function)
#   WP_RECORD     replay: the committed record of a full run (proofs/wp-record.txt). When it
#                 holds SRC with the same key (below), the file is not proved again: its
#                 inputs are those the full run proved, and the summary is taken from it.
#
# The key of a file: SHA-256 over the file and every header it includes (their names and
# bytes), this script, the prover limits and the versions of Frama-C, Why3, CVC4 and Z3. A
# full run (WP_RECORD unset) writes OUTDIR/record: `SRC KEY PROVED TOTAL SMOKE ASSUMPTIONS
# STEPS`, which `make proofs` gathers into proofs/wp-record.txt.
set -eu

SRC=$1
OUT=$2
: "${WHY3CONFIG:?proofs/wp.sh needs WHY3CONFIG (see mk/proofs.mk)}"
PROVERS=${WP_PROVERS:-cvc4,z3}
STEPS=${WP_STEPS:-20000000}
TIMEOUT=${WP_TIMEOUT:-120}
PAR=${WP_PAR:-6}
CACHE=${WP_CACHE:-none}
CACHE_DIR=${WP_CACHE_DIR:-}
EXTRA=${WP_EXTRA:-}
RECORD=${WP_RECORD:-}

mkdir -p "$OUT"
rm -f "$OUT/summary" "$OUT/record" "$OUT/replayed"
LOG=$OUT/wp.log

key() {
    deps=$(cc -MM -MT x -D__FRAMAC__ -Iruntime/include -Iruntime/gen "$SRC" | sed 's/^x://; s/\\$//' |
           tr ' ' '\n' | sed '/^$/d' | LC_ALL=C sort -u)
    {
        for f in $deps; do printf '%s ' "$f"; sha256sum < "$f"; done
        sha256sum < "$0"
        echo "$PROVERS $STEPS $TIMEOUT"
        frama-c -version; why3 --version; cvc4 --version | head -1; z3 --version
    } | sha256sum | cut -c1-64
}
KEY=$(key)

if [ -n "$RECORD" ] && [ -z "$EXTRA" ] && [ -f "$RECORD" ]; then
    rec=$(awk -v s="$SRC" -v k="$KEY" '$1 == s && $2 == k' "$RECORD")
    if [ -n "$rec" ]; then
        # shellcheck disable=SC2086 # the record's fields
        set -- $rec
        echo "$1 $3 $4 0 $5 $6 $7" > "$OUT/summary"
        echo "$KEY" > "$OUT/replayed"
        printf '%s: Proved goals: %d / %d  (replayed: the inputs are those the last full run proved)\n' \
            "$SRC" "$3" "$4"
        exit 0
    fi
fi

set -- -wp -wp-rte \
    -warn-signed-overflow -warn-unsigned-overflow \
    -warn-signed-downcast -warn-unsigned-downcast \
    -warn-left-shift-negative -warn-right-shift-negative \
    -warn-invalid-bool \
    -cpp-extra-args="-Iruntime/include -Iruntime/gen" \
    -wp-prover "$PROVERS" -wp-steps "$STEPS" -wp-timeout "$TIMEOUT" -wp-par "$PAR" \
    -wp-smoke-tests -wp-no-smoke-dead-code -wp-no-smoke-dead-call -wp-smoke-timeout 1 \
    -wp-session "$OUT/session" -wp-report-json "$OUT/wp.json" \
    -wp-cache "$CACHE"
if [ -n "$CACHE_DIR" ]; then
    mkdir -p "$CACHE_DIR"
    set -- "$@" -wp-cache-dir "$CACHE_DIR"
fi
rm -f "$OUT/wp.json"   # WP reads an existing report to stabilise its step ranges

echo "frama-c $* $EXTRA $SRC" > "$OUT/cmdline"   # for proofs/REPORT.md
start=$(date +%s)
status=0
# shellcheck disable=SC2086 # WP_EXTRA is a list of options
frama-c "$@" $EXTRA "$SRC" > "$LOG" 2>&1 || status=$?
secs=$(( $(date +%s) - start ))

fail() {
    echo "$SRC: FAILED: $*  (${secs}s, log: $LOG)"
    # the goals that failed, with the provers' answers
    grep -A3 -E '^\[wp\] \[(Failed|Unknown|Timeout|Stepout)\]' "$LOG" | head -40 || true
    grep -E 'User Error|Fatal|Failure|Warning: (Neither code|Missing)|pedantic-assigns' "$LOG" | head -20 || true
    exit 1
}

[ $status -eq 0 ] || fail "frama-c exited with status $status"

line=$(grep -E '^\[wp\] Proved goals: *[0-9]+ / [0-9]+' "$LOG" | tail -1 || true)
if [ -n "$line" ]; then
    proved=$(echo "$line" | sed -E 's/.*Proved goals: *([0-9]+) \/ ([0-9]+).*/\1/')
    total=$(echo "$line" | sed -E 's/.*Proved goals: *([0-9]+) \/ ([0-9]+).*/\2/')
elif grep -q '^\[wp\] Warning: No goal generated' "$LOG"; then
    proved=0
    total=0
else
    fail "no 'Proved goals' line in the WP output"
fi

smoke=$(grep -c '^\[wp\] \[Passed\] Smoke-test' "$LOG" || true)
assumptions=$(grep -c 'Memory model hypotheses for function' "$LOG" || true)
# the most prover steps a proved goal took, against the limit (the proofs' safety margin)
maxsteps=$(grep -E '^\[wp\] \[[A-Za-z0-9 .]+\] Goal .* : Valid .*\([0-9]+\)( \(cached\))?$' "$LOG" |
           sed -E 's/.*\(([0-9]+)\)( \(cached\))?$/\1/' | sort -n | tail -1)
echo "$SRC $proved $total $secs $smoke $assumptions ${maxsteps:-0}" > "$OUT/summary.tmp"

[ "$proved" -eq "$total" ] || fail "Proved goals: $proved / $total"
if grep -q -E 'Smoke-test.*(Failed|Unsuccess|Invalid|Dead)|^\[wp\] \[Failed\] Smoke' "$LOG"; then
    fail "a smoke test found an inconsistent precondition or loop invariant"
fi
if grep -q -E 'pedantic-assigns|Warning: Neither code nor specification|Missing assigns clause|No code nor implicit assigns' "$LOG"; then
    fail "a function lacks a complete specification (see the warnings in the log)"
fi

# Every function defined in the file has a contract with assigns and ensures clauses (and
# requires wherever it has a precondition): read back from Frama-C's normalised code, where
# the contract of a function (written at its definition or its prototype) precedes it.
frama-c -cpp-extra-args="-Iruntime/include -Iruntime/gen" -no-unicode -print \
    -ocode "$OUT/normalised.c" "$SRC" > "$OUT/print.log" 2>&1 || fail "frama-c -print failed"
nospec=$(awk '
    /^\/\*@/        { inspec = 1; spec = "" }
    inspec          { spec = spec " " $0 }
    inspec && /\*\// { inspec = 0; endline = NR; last = spec; next }
    /^[^ {}#\/].*\(/ { header = $0; hline = NR }
    /^{$/           { name = header; sub(/\(.*/, "", name); n = split(name, w, /[ *]+/); name = w[n]
                      ok = (endline == hline - 1) && last ~ /assigns/ && last ~ /ensures/
                      if (!ok) print name }
' "$OUT/normalised.c")
[ -z "$nospec" ] || fail "functions without a contract with assigns and ensures: $(echo "$nospec" | tr '\n' ' ')"

read -r _ _ _ _ smoke assumptions steps < "$OUT/summary.tmp"
echo "$SRC $KEY $proved $total $smoke $assumptions $steps" > "$OUT/record"
mv "$OUT/summary.tmp" "$OUT/summary"
printf '%s: Proved goals: %d / %d  (%d smoke tests passed, at most %s prover steps, %ss)\n' \
    "$SRC" "$proved" "$total" "$smoke" "${maxsteps:-0}" "$secs"
