#!/bin/bash
# The coverage rail (make fuzz-coverage, docs/fuzzing.md): replays corpora through the
# coverage build of every target (OUT/bin/fuzz_NAME: llvm source-based coverage, the
# standalone driver fuzz/coverage_main.c), merges the profiles and reports line and branch
# coverage of runtime/core and runtime/gen, per file and in total, into OUT/report.txt
# (OUT/html/index.html shows the lines). Prints whether the goal (at least 95% of the lines of
# runtime/core and runtime/gen) is met and the least-covered files; it measures, and fails
# only when a tool or a replay fails, never on the figure.
#   fuzz/coverage.sh OUT "CORPUS_DIR..." NAME...
# Each CORPUS_DIR holds one folder per target (fuzz/corpus; a farm's OUT/corpus).
# LLVM_PROFDATA and LLVM_COV name the tools (default llvm-profdata-14, llvm-cov-14).
set -euo pipefail
out=$1 corpora=$2
shift 2
profdata=${LLVM_PROFDATA:-llvm-profdata-14}
cov=${LLVM_COV:-llvm-cov-14}
goal=95
for tool in "$profdata" "$cov"; do
    command -v "$tool" >/dev/null 2>&1 ||
        { echo "fuzz-coverage: $tool is missing (Debian package llvm-14; make deps)"; exit 1; }
done
rm -rf "$out/profiles" "$out/html"
mkdir -p "$out/profiles"
bins=()
for t in "$@"; do
    bin=$out/bin/fuzz_$t
    dirs=()
    for c in $corpora; do
        [ -d "$c/$t" ] && dirs+=("$c/$t")
    done
    [ ${#dirs[@]} -gt 0 ] || continue
    bins+=("$bin")
    if ! LLVM_PROFILE_FILE="$out/profiles/$t-%p.profraw" "$bin" "${dirs[@]}" >"$out/profiles/$t.log" 2>&1; then
        tail -n 20 "$out/profiles/$t.log"
        echo "fuzz-coverage: $t: the replay failed (log: $out/profiles/$t.log)"
        exit 1
    fi
    echo "fuzz-coverage: $t: $(sed -n 's/.*: ran \([0-9]*\) inputs/\1/p' "$out/profiles/$t.log") inputs from ${dirs[*]}"
done
[ ${#bins[@]} -gt 0 ] || { echo "fuzz-coverage: no corpus in $corpora"; exit 1; }
"$profdata" merge -sparse -o "$out/merged.profdata" "$out"/profiles/*.profraw

objs=("${bins[0]}")
for b in "${bins[@]:1}"; do objs+=(-object "$b"); done
srcs=(runtime/core/*.c runtime/core/*.h runtime/gen/*.c runtime/gen/*.h)
ignore='(^|/)(fuzz|grammar|obj|include)/|^/usr/'
"$cov" report -instr-profile="$out/merged.profdata" -ignore-filename-regex="$ignore" \
    "${objs[@]}" "${srcs[@]}" >"$out/llvm-cov.txt"
"$cov" show -format=html -output-dir="$out/html" -instr-profile="$out/merged.profdata" \
    -ignore-filename-regex="$ignore" -show-branches=count "${objs[@]}" "${srcs[@]}" >/dev/null

# llvm-cov's columns: Filename Regions Missed Cover Functions Missed Executed Lines Missed
# Cover Branches Missed Cover. Per file, per folder and in total: lines and branches.
root=$(pwd)/
awk -v root="$root" -v goal="$goal" -v corpora="$corpora" '
function pct(m, n) { return n ? sprintf("%6.2f%%", 100 * (n - m) / n) : "     -" }
function row(name, l, lm, b, bm) {
    printf "%-40s %7d %7d %s %8d %7d %s\n", name, l, lm, pct(lm, l), b, bm, pct(bm, b)
}
$1 ~ /\.[ch]$/ && NF == 13 {
    f = $1; sub(root, "", f)
    if (f !~ /^runtime\//) f = "runtime/" f   # llvm-cov drops the prefix the files share
    if ($8 == 0) next
    n++; name[n] = f; L[n] = $8; LM[n] = $9; B[n] = $11; BM[n] = $12
    d = f; sub(/\/[^\/]*$/, "", d)
    DL[d] += $8; DLM[d] += $9; DB[d] += $11; DBM[d] += $12
    TL += $8; TLM += $9; TB += $11; TBM += $12
}
END {
    printf "Coverage of runtime/core and runtime/gen by the fuzz targets over: %s\n\n", corpora
    printf "%-40s %7s %7s %7s %8s %7s %7s\n", "file", "lines", "missed", "cover", "branches", "missed", "cover"
    for (i = 1; i <= n; i++) row(name[i], L[i], LM[i], B[i], BM[i])
    print ""
    for (d in DL) row(d, DL[d], DLM[d], DB[d], DBM[d])
    row("TOTAL", TL, TLM, TB, TBM)
    lp = TL ? 100 * (TL - TLM) / TL : 0
    printf "\nGoal (at least %d%% of the lines of runtime/core and runtime/gen): %s (%.2f%% of %d lines)\n",
        goal, (lp >= goal ? "MET" : "NOT MET"), lp, TL
    printf "\nLeast-covered files (lines):\n"
    for (k = 1; k <= 8 && k <= n; k++) {
        best = 0
        for (i = 1; i <= n; i++)
            if (!done[i] && L[i] > 0 && (best == 0 || (L[i] - LM[i]) / L[i] < (L[best] - LM[best]) / L[best]))
                best = i
        if (best == 0) break
        done[best] = 1
        printf "  %-40s %s of %d lines (%d missed), branches %s\n", name[best], pct(LM[best], L[best]), L[best], LM[best], pct(BM[best], B[best])
    }
}' "$out/llvm-cov.txt" >"$out/report.txt"
cat "$out/report.txt"
echo "fuzz-coverage: report $out/report.txt, lines in $out/html/index.html"
