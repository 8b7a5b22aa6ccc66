#!/bin/sh
# The check that SPIN can fail: for every deliberately broken flow tests/spin/CASE/boot.fsm
# (a copy of spec/boot.fsm with one transition changed), dpgen compiles it with the real
# spec/*.spec into a scratch folder, proofs/spin.sh checks every claim of the generated
# model, and the test requires that
#   - the claims SPIN reports violated (errors: 1 or more) are exactly those listed in
#     tests/spin/CASE/violates, one name per line, and
#   - each of them holds (errors: 0) for the real spec, in REAL_RESULTS (the results file
#     of `make proofs-spin`).
#
#   tests/spin/run.sh DPGEN OUTDIR REAL_RESULTS
set -eu
DPGEN=$1
OUT=$2
REAL=$3

[ -f "$REAL" ] || { echo "spin-broken-test: $REAL is missing (run make proofs-spin)"; exit 1; }
case $OUT in /*) ;; *) OUT=$(pwd)/$OUT ;; esac
rm -rf "$OUT"
mkdir -p "$OUT"

status=0
ncase=0
for dir in tests/spin/*/; do
    case=$(basename "$dir")
    [ -f "$dir/boot.fsm" ] || continue
    ncase=$((ncase + 1))
    gen=$OUT/$case/gen
    mkdir -p "$gen"
    if ! "$DPGEN" -o "$gen" spec/*.spec "$dir/boot.fsm" > "$OUT/$case/dpgen.log" 2>&1; then
        cat "$OUT/$case/dpgen.log"
        echo "spin-broken-test: $case: dpgen refused tests/spin/$case/boot.fsm"
        status=1
        continue
    fi
    echo "spin-broken-test: $case: $(sed -n 's/^#   *//p' "$dir/boot.fsm" | head -1)"
    ok=1
    rc=0
    ./proofs/spin.sh "$gen/proofs/gen/boot_fsm.pml" "$OUT/$case/spin" || rc=$?
    if [ $rc -eq 2 ]; then
        echo "spin-broken-test: $case: a SPIN search did not complete"
        status=1
        continue
    fi
    awk '$2 != "0" { print $1 }' "$OUT/$case/spin/results" | sort > "$OUT/$case/violated"
    grep -v '^#' "$dir/violates" | sed '/^$/d' | sort > "$OUT/$case/expected"
    if ! cmp -s "$OUT/$case/violated" "$OUT/$case/expected"; then
        echo "spin-broken-test: $case: SPIN found violated: $(tr '\n' ' ' < "$OUT/$case/violated")"
        echo "spin-broken-test: $case: expected violated: $(tr '\n' ' ' < "$OUT/$case/expected")"
        status=1
        continue
    fi
    while read -r p; do
        real=$(awk -v p="$p" '$1 == p { print $2 }' "$REAL")
        if [ "$real" != "0" ]; then
            echo "spin-broken-test: $case: $p is not proved for the real spec (errors: ${real:-missing})"
            status=1
            ok=0
        fi
    done < "$OUT/$case/expected"
    [ $ok -eq 0 ] || echo "spin-broken-test: $case: violated exactly as expected:" \
        "$(tr '\n' ' ' < "$OUT/$case/expected")(all errors: 0 for the real spec)"
done
if [ $ncase -eq 0 ]; then
    echo "spin-broken-test: no case under tests/spin/"
    exit 1
fi
[ $status -eq 0 ] && echo "spin-broken-test: $ncase broken flows, each caught by exactly its claims"
exit $status
