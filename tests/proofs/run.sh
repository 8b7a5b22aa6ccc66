#!/bin/sh
# The check of what `make proofs-update` writes (proofs/wp-cache.sh), on run folders made up
# here, without Frama-C: a file that the run proved gives its own answers and record line; a
# file or harness that the run carried over (its key in the committed record) keeps the
# committed ones, and nothing else of theirs; a pack of format 1 (no file per answer) is
# kept whole by an update and read back by a replay; a folder with neither a record nor a
# committed line to carry fails the run.
#
#   tests/proofs/run.sh OUTDIR
set -eu
OUT=$1
rm -rf "$OUT"
mkdir -p "$OUT"
CACHE=${WP_CACHE_SH:-$(pwd)/proofs/wp-cache.sh}   # the script under test
cd "$OUT"
fails=0
checks=0
check() {   # check NAME COMMAND...: the command must succeed
    name=$1
    shift
    checks=$((checks + 1))
    if "$@"; then :; else echo "proofs-scripts-test: FAILED: $name"; fails=$((fails + 1)); fi
}
K1=1111111111111111111111111111111111111111111111111111111111111111
K2=2222222222222222222222222222222222222222222222222222222222222222
K3=3333333333333333333333333333333333333333333333333333333333333333
FORMAT="# Each line: the WP cache key of a goal, its file, the prover's answer (format 2)."

# A WP run: a.c proved (its cache and record), b.c carried over (replayed with key K2).
mkdir -p wp/src/a/cache wp/src/b
printf '{ "prover": "Z3", "verdict": "valid" }\n' > wp/src/a/cache/aaaa.json
echo "src/a.c $K1 5 5 1 0 10" > wp/src/a/record
echo "$K2" > wp/src/b/replayed
# The committed pack and record of the run before: b.c's answer, an older a.c's, and one
# of an unknown file.
{
    echo "# header"
    echo "$FORMAT"
    echo "bbbb src/b.c { \"prover\": \"CVC4\", \"verdict\": \"valid\" }"
    echo "old0 src/a.c { \"prover\": \"CVC4\", \"verdict\": \"valid\" }"
    echo "unkn - { \"prover\": \"CVC4\", \"verdict\": \"valid\" }"
} > pack
{ echo "# header"; echo "src/a.c $K3 4 4 1 0 9"; echo "src/b.c $K2 7 7 2 0 8"; } > record

check "pack" "$CACHE" pack pack wp src/a.c src/b.c
check "pack: format 2" grep -qxF "$FORMAT" pack
check "pack: the proved file's answer" grep -q '^aaaa src/a.c {' pack
check "pack: the carried file's answer" grep -q '^bbbb src/b.c {' pack
check "pack: an unknown file's answer, kept by an update" grep -q '^unkn - {' pack
check "pack: no answer of the proved file's last run" sh -c '! grep -q "^old0 " pack'
check "record" "$CACHE" record record "FILE KEY" wp/src/a wp/src/b
check "record: the proved file's new line" grep -qx "src/a.c $K1 5 5 1 0 10" record
check "record: the carried file's committed line" grep -qx "src/b.c $K2 7 7 2 0 8" record
check "record: nothing else" test "$(grep -vc '^#' record)" -eq 2

# A full run carries nothing, so answers of unknown files go.
rm wp/src/b/replayed
mkdir -p wp/src/b/cache
check "pack (full)" "$CACHE" pack pack wp src/a.c src/b.c
check "pack (full): unknown files' answers dropped" sh -c '! grep -q "^unkn " pack'

# An EVA harness carried over: the key its log names.
mkdir -p eva/h1 eva/h2
echo "h1 $K1 0 0 0 3 10 10" > eva/h1/record
echo "replayed: the inputs are those the last full run analysed (rec, key $K3)" > eva/h2/eva.log
{ echo "# header"; echo "h2 $K3 0 1 2 4 20 30"; } > evarec
check "record (EVA)" "$CACHE" record evarec "HARNESS KEY" eva/h1 eva/h2
check "record (EVA): the carried harness's line" grep -qx "h2 $K3 0 1 2 4 20 30" evarec

# A folder with no record and no committed line to carry: the run fails.
mkdir -p eva/h3
if "$CACHE" record evarec "HARNESS KEY" eva/h3 2> /dev/null; then
    echo "proofs-scripts-test: FAILED: a folder with nothing to record was accepted"
    fails=$((fails + 1))
fi

# A pack of format 1 (an update keeps its answers, as of an unknown file; a replay reads it).
{ echo "# header"; echo "cccc { \"prover\": \"Z3\", \"verdict\": \"valid\" }"; } > pack1
cp pack1 pack1.orig
echo "$K2" > wp/src/b/replayed
check "pack from format 1" "$CACHE" pack pack1 wp src/a.c src/b.c
check "pack from format 1: kept" grep -q '^cccc - { "prover": "Z3"' pack1
check "unpack format 1" "$CACHE" unpack pack1.orig dir1 > /dev/null
check "unpack format 1: the answer" grep -qx '{ "prover": "Z3", "verdict": "valid" }' dir1/cccc.json
check "unpack format 2" "$CACHE" unpack pack1 dir2 > /dev/null
check "unpack format 2: the answer" grep -qx '{ "prover": "Z3", "verdict": "valid" }' dir2/cccc.json

[ $fails -eq 0 ] || exit 1
echo "proofs-scripts-test: what make proofs-update carries over and writes, as specified ($checks checks)"
