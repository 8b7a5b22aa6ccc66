#!/bin/sh
# Benchmarks, each against a real baseline measured in the same run, printed as a ratio.
#   bench/run.sh BUILD_DIR [CORPUS_DIR]
#
# script: the runtime's parser + interpreter over the 2017 Avaya template (416 KB, CRLF),
#         against `grep -c '^SET'` over the same bytes (grep reads, splits lines and
#         matches; the runtime also tokenizes, parses, validates and stores every SET).
#         Both run over the file repeated R times so process start-up does not count.
set -eu
B=$1
CORPUS=${2:-tests/corpus/real}
FILE=$CORPUS/template-2017-46xxsettings.txt
R=${R:-200}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

i=0
while [ $i -lt "$R" ]; do cat "$FILE"; i=$((i + 1)); done > "$T/big"
bytes=$(wc -c < "$T/big")

ours=$("$B/bench/bench_script" "$FILE" "$R")
ours_bps=$(echo "$ours" | sed -n 's/.*bytes_per_s \([0-9]*\).*/\1/p')
start=$(date +%s.%N)
matches=$(LC_ALL=C grep -c '^SET' "$T/big")
end=$(date +%s.%N)
grep_bps=$(echo "$bytes $start $end" | awk '{ printf "%.0f", $1 / ($3 - $2) }')

echo "bench script: deskprov parse+interpret $ours"
echo "bench script: grep -c '^SET' over the same $bytes bytes: $matches matches, $grep_bps bytes/s"
echo "$ours_bps $grep_bps" | awk '{ printf "bench script: ratio deskprov/grep = %.3f (%.1f MB/s vs %.1f MB/s)\n", $1 / $2, $1 / 1e6, $2 / 1e6 }'
