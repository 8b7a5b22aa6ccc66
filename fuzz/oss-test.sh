#!/bin/bash
# The test of fuzz/oss-fuzz-build.sh (make fuzz-oss-test): given the OUT it filled, checks
# that every target NAME of fuzz/fuzz_NAME.c (and NAME_shrink for each but spec) is there
# with its options, its dictionary and its seed corpus zip, then runs each binary once over
# its seeds as OSS-Fuzz would unpack them (-runs=0 on the unzipped corpus, with its options).
#   fuzz/oss-test.sh OUT
set -euo pipefail
out=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "fuzz-oss-test: FAIL: $*"; exit 1; }
n=0
for f in fuzz/fuzz_*.c; do
    t=${f#fuzz/fuzz_}
    t=${t%.c}
    names=$t
    [ "$t" = spec ] || names="$t ${t}_shrink"
    for name in $names; do
        bin=$out/$name
        [ -x "$bin" ] || fail "$bin missing"
        [ -f "$out/$name.options" ] || fail "$out/$name.options missing"
        [ -f "$out/${name}_seed_corpus.zip" ] || fail "$out/${name}_seed_corpus.zip missing"
        # the options, as OSS-Fuzz passes them: the dictionary beside the binary
        flags=$(sed -n '/^\[libfuzzer\]/,/^\[/{
            /^[A-Za-z_][A-Za-z_0-9]*[[:space:]]*=/{
                s/[[:space:]]*=[[:space:]]*/=/
                s/[[:space:]]*$//
                s/^/-/
                p
            }
        }' "$out/$name.options" | tr '\n' ' ')
        dict=$(sed -n 's/^-dict=//p' <<<"${flags// /$'\n'}")
        [ -z "$dict" ] || [ -f "$out/$dict" ] || fail "$name: its dictionary $out/$dict is missing"
        flags=${flags//-dict=/-dict=$out\/}
        rm -rf "${tmp:?}/seeds"
        mkdir -p "$tmp/seeds"
        python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
            "$out/${name}_seed_corpus.zip" "$tmp/seeds"
        seeds=$(find "$tmp/seeds" -type f | wc -l)
        want=$(find "fuzz/corpus/$t" -type f | wc -l)
        [ "$seeds" -eq "$want" ] || fail "$name: $seeds seeds in its zip, $want in fuzz/corpus/$t"
        # shellcheck disable=SC2086
        if ! "$bin" $flags -runs=0 "$tmp/seeds" >"$tmp/$name.log" 2>&1; then
            tail -n 30 "$tmp/$name.log"
            fail "$name fails on its seeds"
        fi
        grep -q 'INITED\|DONE' "$tmp/$name.log" || { tail -n 20 "$tmp/$name.log"; fail "$name did not run its seeds"; }
        n=$((n + 1))
        echo "fuzz-oss-test: $name: ok: $seeds seeds"
    done
done
echo "fuzz-oss-test: ok: $n binaries built by fuzz/oss-fuzz-build.sh ran their seeds"
