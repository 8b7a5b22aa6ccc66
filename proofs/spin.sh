#!/bin/sh
# SPIN on the generated Promela model of the boot flow: every `ltl NAME { ... }` claim of
# the model is checked exhaustively, one verification run per claim.
#
#   proofs/spin.sh MODEL.pml OUTDIR
#
# Works in OUTDIR only (a copy of the model, pan.c, pan, one NAME.out per claim, and for a
# violated claim NAME.trail and the counterexample NAME.cex). Writes OUTDIR/results, one
# line per claim: `NAME ERRORS STATES DEPTH`. Prints each claim with its `errors:` line.
#
# Exit status: 0 every claim holds (errors: 0, search complete); 1 some claim is violated
# (errors: 1 or more); 2 a search did not complete (memory or depth limit, time limit, a
# tool error): then the remaining claims are not run, since they would not complete either.
#
# Settings (environment): SPIN_DEPTH (-m, default 100000), SPIN_MEMLIM (MB, -DMEMLIM,
# default 4096), SPIN_TIMEOUT (seconds per claim, default 120), CC. Each claim of the
# model takes well under a second: the limits only stop a model that grew out of reach,
# which then fails (a search that did not complete proves nothing).
set -eu

MODEL=$1
OUT=$2
DEPTH=${SPIN_DEPTH:-100000}
MEMLIM=${SPIN_MEMLIM:-4096}
TIMEOUT=${SPIN_TIMEOUT:-120}
CC=${CC:-cc}

case $OUT in /*) ;; *) OUT=$(pwd)/$OUT ;; esac
rm -rf "$OUT"
mkdir -p "$OUT"
cp "$MODEL" "$OUT/model.pml"
cd "$OUT"

props=$(sed -n 's/^ltl \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' model.pml)
if [ -z "$props" ]; then
    echo "spin: $MODEL has no ltl claim"
    exit 2
fi

# One pan for all claims (-N selects one). -DNOREDUCE: no partial-order reduction, which
# is only sound for next-free (stutter-invariant) claims; the model has one process, so it
# would gain nothing anyway.
if ! spin -a model.pml > spin-a.log 2>&1; then
    cat spin-a.log
    echo "spin: spin -a failed on $MODEL"
    exit 2
fi
if ! $CC -O2 -w -DNOREDUCE -DMEMLIM="$MEMLIM" -DVECTORSZ=4096 -o pan pan.c > cc.log 2>&1; then
    cat cc.log
    echo "spin: compiling pan failed"
    exit 2
fi

: > results
status=0
for p in $props; do
    rc=0
    timeout "$TIMEOUT" ./pan -a -m"$DEPTH" -N "$p" > "$p.out" 2>&1 || rc=$?
    errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' "$p.out" | tail -1)
    states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' "$p.out" | tail -1)
    depth=$(sed -n 's/.*depth reached \([0-9]*\).*/\1/p' "$p.out" | tail -1)
    incomplete=
    if [ $rc -eq 124 ]; then
        incomplete="time limit (${TIMEOUT}s) reached"
    elif [ -z "$errors" ]; then
        incomplete="pan did not finish (status $rc)"
    elif [ "$errors" -eq 0 ] && grep -q -i -E 'search not completed|max search depth too small|reached -DMEMLIM|out of memory|VECTORSZ' "$p.out"; then
        incomplete=$(grep -i -m1 -E 'search not completed|max search depth too small|reached -DMEMLIM|out of memory|VECTORSZ' "$p.out")
    fi
    if [ -n "$incomplete" ]; then
        printf 'spin: %-28s INCOMPLETE: %s (see %s)\n' "$p" "$incomplete" "$OUT/$p.out"
        echo "$p ? ${states:-?} ${depth:-?}" >> results
        exit 2
    fi
    printf 'spin: %-28s errors: %s  (%s states, depth %s)\n' "$p" "$errors" "$states" "$depth"
    echo "$p $errors $states $depth" >> results
    if [ "$errors" -ne 0 ]; then
        status=1
        if [ -f model.pml.trail ]; then
            mv model.pml.trail "$p.trail"
            spin -t -k "$p.trail" -p -g model.pml > "$p.cex" 2>&1 || true
            echo "      counterexample: $OUT/$p.cex"
        fi
    fi
done
exit $status
