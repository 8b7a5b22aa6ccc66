#!/bin/bash
# The fuzz farm on one machine (docs/fuzzing.md). For each target, in turn:
#   1. fuzzes for SECS seconds with libFuzzer's fork mode (-fork=JOBS, crashes, timeouts and
#      OOMs collected and the run going on), from the committed seeds fuzz/corpus/NAME plus
#      the work corpus OUT/corpus/NAME that earlier runs left; new inputs go to a scratch dir;
#   2. merges and minimises (-merge=1) the seeds, the old work corpus and the new inputs into
#      a new work corpus: what the old corpus covered (features, edges) and what the new
#      inputs added are libFuzzer's MERGE-OUTER figures;
#   3. collects each crash (crash-*, leak-*, timeout-*, oom-* in OUT/crashes/NAME/) with its
#      reproducer command line and the first lines of its report (FILE.txt beside it).
# Then it writes OUT/summary.tsv and OUT/summary.md and prints the latter.
#
#   fuzz/farm.sh [-t SECS] [-j JOBS] [-o OUT] [-b BUILD] [-s] [-n] [TARGET...]
#     -t SECS   seconds of fuzzing per target (default 600)
#     -j JOBS   libFuzzer -fork=JOBS: fuzzing processes per target (default 1)
#     -o OUT    output dir (default BUILD/fuzz/farm); OUT/corpus/ is kept from run to run
#     -b BUILD  build dir of the targets (default $BUILD or build): BUILD/fuzz/fuzz_NAME,
#               BUILD/fuzz/shrink/fuzz_NAME for the shrunk flavour
#     -s        also every target of the list in the shrunk flavour (shrink/NAME)
#     -n        do not run make first (the binaries must exist)
#     TARGET    NAME (default flavour) or shrink/NAME; default: every target, default flavour
# Exit status: 0 when no crash was found, 1 when one was, 2 on a usage or build error.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)

secs=600 jobs=1 out='' build=${BUILD:-build} shrink=no make_first=yes
usage() { sed -n '/^#   fuzz\/farm.sh/,/^# Exit/p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "t:j:o:b:snh" opt; do
    case $opt in
        t) secs=$OPTARG ;;
        j) jobs=$OPTARG ;;
        o) out=$OPTARG ;;
        b) build=$OPTARG ;;
        s) shrink=yes ;;
        n) make_first=no ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
case "$secs$jobs" in *[!0-9]*) usage ;; esac
if [ "$secs" -le 0 ] || [ "$jobs" -le 0 ]; then usage; fi
out=${out:-$build/fuzz/farm}
mkdir -p "$out" || exit 2
out=$(cd "$out" && pwd)

all=()
for f in fuzz/fuzz_*.c; do f=${f#fuzz/fuzz_}; all+=("${f%.c}"); done
list=("$@")
[ ${#list[@]} -gt 0 ] || list=("${all[@]}")
targets=()
for t in "${list[@]}"; do
    name=${t#shrink/}
    [ -f "fuzz/fuzz_$name.c" ] || { echo "farm: no target $name (targets: ${all[*]})" >&2; exit 2; }
    targets+=("$t")
done
if [ $shrink = yes ]; then
    for t in "${list[@]}"; do
        case $t in shrink/*) ;; *) targets+=("shrink/$t") ;; esac
    done
fi

if [ $make_first = yes ]; then
    goals=fuzz
    case " ${targets[*]}" in *" shrink/"*) goals="fuzz fuzz-shrink" ;; esac
    echo "farm: make BUILD=$build $goals (log: $out/build.log)"
    # shellcheck disable=SC2086
    if ! make --no-print-directory BUILD="$build" -j"$jobs" $goals >"$out/build.log" 2>&1; then
        tail -n 30 "$out/build.log"
        echo "farm: the build failed" >&2
        exit 2
    fi
fi

count() { [ -d "$1" ] && find "$1" -maxdepth 1 -type f | wc -l || echo 0; }
bytes() { [ -d "$1" ] && du -sb "$1" | cut -f1 || echo 0; }
# MERGE-OUTER: N new files with F new features added; E new coverage edges
merge_figs() { sed -n 's/^MERGE-OUTER: \([0-9]*\) new files with \([0-9]*\) new features added; \([0-9]*\) new coverage edges.*/\1 \2 \3/p' "$1" | tail -n 1; }

tsv=$out/summary.tsv
md=$out/summary.md
crashes_md=$out/crashes.md
printf 'target\tsecs\tjobs\truns\texec_per_s\tseeds\twork_before\tnew_inputs\twork_after\twork_after_bytes\tfeatures_before\tfeatures_added\tedges_before\tedges_added\tcrashes\n' >"$tsv"
: >"$crashes_md"
total_crashes=0
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)

for t in "${targets[@]}"; do
    name=${t#shrink/}
    if [ "$t" = "$name" ]; then bin=$build/fuzz/fuzz_$name; else bin=$build/fuzz/shrink/fuzz_$name; fi
    [ -x "$bin" ] || { echo "farm: $bin is missing (shrink/spec does not exist; run make fuzz fuzz-shrink)" >&2; exit 2; }
    bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
    key=${t//\//-}                    # shrink/boot -> shrink-boot
    seeds=fuzz/corpus/$name
    work=$out/corpus/$key
    run=$out/run/$key
    art=$out/crashes/$key
    flags=$(fuzz/options.sh "$name")
    rm -rf "$run"
    mkdir -p "$work" "$run/new" "$art" "$seeds"
    touch "$run/start"
    n_seeds=$(count "$seeds") n_before=$(count "$work")
    echo "farm: $t: fuzzing ${secs} s, -fork=$jobs, from $n_seeds seeds + $n_before work inputs (log: $run/fuzz.log)"

    # 1. fork mode: new inputs go to the first dir
    # shellcheck disable=SC2086
    timeout -k 30 $((secs + 600)) "$bin" $flags -fork="$jobs" -max_total_time="$secs" \
        -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -print_final_stats=1 \
        -artifact_prefix="$art/" "$run/new" "$work" "$seeds" >"$run/fuzz.log" 2>&1
    rc=$?
    # #RUNS: cov: E ft: F corp: N exec/s X oom/timeout/crash: O/T/C time: Ss job: J dft_time: D
    last=$(grep -E '^#[0-9]+: cov: ' "$run/fuzz.log" | tail -n 1)
    runs=$(sed -n 's/^#\([0-9]*\): .*/\1/p' <<<"$last")
    # executions per second over the whole run: runs / seconds (the line's own exec/s is the last job's)
    took=$(sed -n 's/.* time: \([0-9]*\)s .*/\1/p' <<<"$last")
    eps=
    [ -n "$runs" ] && [ -n "$took" ] && [ "$took" -gt 0 ] && eps=$((runs / took))
    if [ -z "$last" ]; then
        echo "farm: $t: no progress line (exit $rc); last lines of $run/fuzz.log:"
        tail -n 15 "$run/fuzz.log"
    fi

    # 2. merge and minimise: seeds + old work corpus first (what was covered), then the new inputs
    mkdir -p "$run/merged"
    # shellcheck disable=SC2086
    "$bin" $flags -merge=1 "$run/merged" "$seeds" "$work" >"$run/merge-old.log" 2>&1
    read -r _ f0 e0 <<<"$(merge_figs "$run/merge-old.log")"
    # shellcheck disable=SC2086
    "$bin" $flags -merge=1 "$run/merged" "$run/new" >"$run/merge-new.log" 2>&1
    read -r _ f1 e1 <<<"$(merge_figs "$run/merge-new.log")"
    n_new=$(count "$run/new")
    if [ -n "${f0:-}" ] && [ -n "${f1:-}" ]; then
        rm -rf "$work"
        mv "$run/merged" "$work"
    else
        echo "farm: $t: the merge failed (logs: $run/merge-*.log); the work corpus is left as it was"
    fi
    n_after=$(count "$work") b_after=$(bytes "$work")

    # 3. crashes of this run, each with its reproducer and the head of its report; the
    #    summary lists one input per distinct report line (the smallest), with their count
    n_crash=0
    declare -A sig_n=() sig_file=()
    while IFS= read -r -d '' c; do
        n_crash=$((n_crash + 1))
        # shellcheck disable=SC2086
        timeout -k 5 120 "$bin" $flags "$c" >"$c.log" 2>&1
        what=$(grep -m1 -E '^SUMMARY: |ERROR: libFuzzer: |runtime error: ' "$c.log" | sed 's/^==[0-9]*==//')
        what=${what:-see $c.log}
        { echo "reproduce: cd $root && $bin $flags $c"; echo "report: $what"; } >"$c.txt"
        sig_n[$what]=$(( ${sig_n[$what]:-0} + 1 ))
        if [ -z "${sig_file[$what]:-}" ] || [ "$(stat -c %s "$c")" -lt "$(stat -c %s "${sig_file[$what]}")" ]; then
            sig_file[$what]=$c
        fi
    done < <(find "$art" -maxdepth 1 -type f -newer "$run/start" \
                 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
                 ! -name '*.txt' ! -name '*.log' -print0 | sort -z)
    for what in "${!sig_n[@]}"; do
        c=${sig_file[$what]}
        {
            echo "- \`$t\`: $what (${sig_n[$what]} inputs; smallest \`$(basename "$c")\`, $(stat -c %s "$c") bytes)"
            echo "  reproduce: \`cd $root && $bin $flags $c\`"
        } >>"$crashes_md"
    done
    unset sig_n sig_file
    total_crashes=$((total_crashes + n_crash))

    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$secs" "$jobs" \
        "${runs:--}" "${eps:--}" "$n_seeds" "$n_before" "$n_new" "$n_after" "$b_after" \
        "${f0:--}" "${f1:--}" "${e0:--}" "${e1:--}" "$n_crash" >>"$tsv"
    echo "farm: $t: ${runs:-?} runs, ${eps:-?} exec/s; corpus $n_before -> $n_after" \
         "(+$n_new new inputs); features ${f0:-?} +${f1:-?}, edges ${e0:-?} +${e1:-?}; $n_crash crashes"
done

{
    echo "# Fuzz farm summary"
    echo
    echo "Started $started, ended $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname) ($(nproc) cores)," \
         "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- runtime fuzz 2>/dev/null || echo ' + local changes')."
    echo "${secs} s per target, -fork=$jobs. Work corpora: \`$out/corpus/\`."
    echo "Corpus: committed seeds, work corpus before the run, new inputs the run wrote, work"
    echo "corpus after merging and minimising all three (-merge=1). Features and edges: what"
    echo "the seeds and the old work corpus cover, and what the new inputs added (libFuzzer's"
    echo "MERGE-OUTER lines)."
    echo
    echo "| target | runs | exec/s | seeds | work before | new inputs | work after | features | + new | edges | + new | crashes |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    tail -n +2 "$tsv" | while IFS=$'\t' read -r t _ _ r e ns nb nn na _ f0 f1 e0 e1 nc; do
        echo "| $t | $r | $e | $ns | $nb | $nn | $na | $f0 | $f1 | $e0 | $e1 | $nc |"
    done
    echo
    if [ "$total_crashes" -gt 0 ]; then
        echo "## Crashes ($total_crashes inputs; every one with its reproducer in \`$out/crashes/TARGET/FILE.txt\`)"
        echo
        cat "$crashes_md"
    else
        echo "No crash, leak, timeout or OOM."
    fi
} >"$md"
cat "$md"
[ "$total_crashes" -eq 0 ]
