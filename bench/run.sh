#!/bin/sh
# Benchmarks, each against a real baseline measured in the same run, printed as a ratio.
#   bench/run.sh BUILD_DIR [CORPUS_DIR]
#
# script: the runtime's parser + interpreter over the 2017 Avaya template (416 KB, CRLF),
#         against `grep -c '^SET'` over the same bytes (grep reads, splits lines and
#         matches; the runtime also tokenizes, parses, validates and stores every SET).
#         Both run over the file repeated R times so process start-up does not count.
# (image: see below)
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

# image: `deskprov image verify` of a signed image with a 256 MiB payload (header parse,
#        streaming SHA-256 of the payload, ECDSA P-256 signature, X.509 chain to the root)
#        against `openssl dgst -sha256` over the same file: the hashing limit.
#        Each is run N times and the best time kept. MiB=... changes the size.
MIB=${MIB:-256}
N=${N:-3}
DESKPROV=$B/deskprov
./tests/image/mkpki.sh "$T/pki" >/dev/null
head -c $((MIB * 1024 * 1024)) /dev/urandom > "$T/payload"
"$DESKPROV" image create --key "$T/pki/signer.key" --cert "$T/pki/signer.pem" \
    --chain "$T/pki/inter.pem" --kind app --model 16cc --version bench --counter 1 \
    --name S16CC_bench.bin "$T/payload" -o "$T/image" >/dev/null
rm -f "$T/payload" "$T/big"
best() { # best CMD...: the least wall time of N runs, in seconds
    b=
    k=0
    while [ $k -lt "$N" ]; do
        s=$(date +%s.%N)
        "$@" >/dev/null
        e=$(date +%s.%N)
        b=$(echo "$s $e ${b:-}" | awk '{ t = $2 - $1; if ($3 == "" || t < $3) print t; else print $3 }')
        k=$((k + 1))
    done
    echo "$b"
}
size=$(wc -c < "$T/image")
t_ours=$(best "$DESKPROV" image verify "$T/image" --root "$T/pki/root.pem" --model 16cc \
             --bank-size $((MIB * 1024 * 1024 + 65536)))
t_ssl=$(best openssl dgst -sha256 "$T/image")
echo "bench image: deskprov image verify, $size bytes: best of $N ${t_ours} s"
echo "bench image: openssl dgst -sha256 over the same file: best of $N ${t_ssl} s"
echo "$t_ours $t_ssl $size" | awk '{ printf "bench image: ratio deskprov/openssl = %.3f (%.0f MB/s vs %.0f MB/s)\n", $1 / $2, $3 / $1 / 1e6, $3 / $2 / 1e6 }'
