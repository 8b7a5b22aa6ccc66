#!/bin/bash
# The fuzz rail of `make check` (mk/fuzz.mk, docs/fuzzing.md). For each target NAME:
#   1. replays every committed seed fuzz/corpus/NAME/* (as file arguments: each runs once);
#   2. fuzzes for SECS seconds from a scratch copy of the seeds, with the target's options
#      and dictionary, so the committed corpus is never written.
# Any crash, leak, timeout or UBSan report fails. Logs and crash artifacts stay under
# OUT/smoke/NAME/ (the artifact file is the input to reproduce with: OUT/fuzz_NAME FILE).
# FUZZ_SMOKE_LABEL, when set, prefixes the target names in what it prints (shrink/).
#   fuzz/smoke.sh OUT SECS NAME...
set -euo pipefail
out=$1 secs=$2 label=${FUZZ_SMOKE_LABEL:-}
shift 2
for t in "$@"; do
    bin=$out/fuzz_$t seeds=fuzz/corpus/$t dir=$out/smoke/$t
    flags=$(fuzz/options.sh "$t")
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    n=0
    [ -d "$seeds" ] && n=$(find "$seeds" -type f | wc -l)
    start=$(date +%s)
    if [ "$n" -gt 0 ]; then
        # shellcheck disable=SC2086
        if ! find "$seeds" -type f -print0 | sort -z | xargs -0 \
                "$bin" $flags -artifact_prefix="$dir/artifacts/" >"$dir/replay.log" 2>&1; then
            tail -n 40 "$dir/replay.log"
            echo "fuzz-smoke: $label$t: FAIL: a committed seed fails (log: $dir/replay.log)"
            exit 1
        fi
        cp -r "$seeds"/. "$dir/corpus/"
    fi
    # shellcheck disable=SC2086
    if ! "$bin" $flags -max_total_time="$secs" -print_final_stats=1 \
            -artifact_prefix="$dir/artifacts/" "$dir/corpus" >"$dir/fuzz.log" 2>&1; then
        tail -n 40 "$dir/fuzz.log"
        echo "fuzz-smoke: $label$t: FAIL (log: $dir/fuzz.log; reproduce: $bin $dir/artifacts/<file>)"
        exit 1
    fi
    fstat() { sed -n "s/^stat::$1:[[:space:]]*//p" "$dir/fuzz.log"; }
    echo "fuzz-smoke: $label$t: ok: $n seeds replayed; $(fstat number_of_executed_units) runs in ${secs} s," \
         "$(fstat average_exec_per_sec) exec/s, peak RSS $(fstat peak_rss_mb) MB," \
         "$(( $(date +%s) - start )) s in all"
done
