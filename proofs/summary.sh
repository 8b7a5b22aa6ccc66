#!/bin/sh
# The WP results of every file, and their total, from the summaries proofs/wp.sh wrote.
#   proofs/summary.sh WPDIR SRC... [-- PENDING...]
# Fails when a file has no summary (it was not proved). The files after -- are not yet
# proven (WP_PENDING in mk/proofs.mk): they are listed as such and do not fail the run. A
# file in both lists is partly proven (WP_FCTS_* in mk/proofs.mk): the functions proved
# count among the results, the others are pending. A file's split/ run (WP_SPLIT_*) counts
# with the file.
set -eu
DIR=$1
shift
n=0
proved=0
total=0
smoke=0
assume=0
steps=0
status=0
npending=0
printf '%-32s %15s %7s %8s\n' "file" "proved / goals" "smoke" "time"
pending=
gated=
for src in "$@"; do
    if [ "$src" = "--" ]; then pending=yes; continue; fi
    if [ -n "$pending" ]; then
        case " $gated " in
        *" $src "*) printf '%-32s %15s\n' "$src" "PENDING: ITS OTHER FUNCTIONS NOT YET PROVEN" ;;
        *)          printf '%-32s %15s\n' "$src" "PENDING: NOT YET PROVEN" ;;
        esac
        npending=$((npending + 1))
        continue
    fi
    gated="$gated $src"
    f=$DIR/${src%.c}/summary
    if [ ! -f "$f" ]; then
        printf '%-32s %15s\n' "$src" "NOT PROVED"
        status=1
        continue
    fi
    # shellcheck disable=SC2034 # the summary line's fields
    read -r name p t s sm a st < "$f"
    # the file's -wp-split run (WP_SPLIT_* in mk/proofs.mk) counts with it
    if [ -d "$DIR/${src%.c}/split" ]; then
        if [ ! -f "$DIR/${src%.c}/split/summary" ]; then
            printf '%-32s %15s\n' "$src" "NOT PROVED (its -wp-split run)"
            status=1
            continue
        fi
        # shellcheck disable=SC2034
        read -r name p2 t2 s2 sm2 a2 st2 < "$DIR/${src%.c}/split/summary"
        p=$((p + p2)); t=$((t + t2)); s=$((s + s2)); sm=$((sm + sm2)); a=$((a + a2))
        [ "$st2" -le "${st:-0}" ] || st=$st2
    fi
    if [ -f "$DIR/${src%.c}/replayed" ]; then s=replayed; else s=${s}s; fi
    printf '%-32s %7d / %-5d %7d %8s\n' "$src" "$p" "$t" "$sm" "$s"
    n=$((n + 1))
    proved=$((proved + p))
    total=$((total + t))
    smoke=$((smoke + sm))
    assume=$((assume + a))
    [ "${st:-0}" -le "$steps" ] || steps=$st
done
echo "proofs-wp: $n files, Proved goals: $proved / $total (of which $smoke smoke tests)"
echo "proofs-wp: the hardest proof took $steps prover steps (limit: ${WP_STEPS:-?})"
if [ "$assume" -gt 0 ]; then
    echo "proofs-wp: $assume functions rely on WP's memory-model separation hypotheses" \
         "(listed in the logs; see proofs/README.md)"
fi
if [ "$npending" -gt 0 ]; then
    echo "proofs-wp: $npending runtime files are NOT YET (wholly) PROVEN (WP_PENDING, WP_FCTS_* in mk/proofs.mk)"
fi
[ $status -eq 0 ] && [ "$proved" -eq "$total" ]
