#!/bin/sh
# dpgen's own tests: bad specs are refused at the right place, good specs compile, and the
# output is deterministic.
#   tests/dpgen/run.sh DPGEN          (from anywhere; e.g. tests/dpgen/run.sh build/dpgen)
#
# - bad/*: each file's first line is `# expect: FILE:LINE:COL: error: MESSAGE`. dpgen runs
#   from tests/dpgen on `bad/NAME` alone; it must exit with status 1 and print that exact
#   line on stderr.
# - good/*: each file is a complete small spec; `dpgen --check` must exit 0 silently, and
#   generating its outputs must succeed.
# - the real spec (spec/*.spec spec/boot.fsm) passes --check, and two runs into two
#   different folders give identical files, with no absolute path in them.
# One line per case (ok / FAIL), then a total; the exit status is 1 when any case failed.
set -u
[ $# -eq 1 ] || { echo "usage: $0 DPGEN" >&2; exit 2; }
case $1 in /*) dpgen=$1 ;; *) dpgen=$PWD/$1 ;; esac
[ -x "$dpgen" ] || { echo "$0: $dpgen is not an executable" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s: %s\n' "$1" "$2"; [ -s "$tmp/err" ] && sed 's/^/     | /' "$tmp/err"; }

cd "$here" || exit 2
for f in bad/*; do
    [ -f "$f" ] || continue
    want=$(sed -n '1s/^# expect: //p' "$f")
    if [ -z "$want" ]; then
        : > "$tmp/err"
        bad "$f" "no '# expect: ' line first"
        continue
    fi
    "$dpgen" --check "$f" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -ne 1 ]; then
        bad "$f" "exit status $rc, expected 1"
    elif ! grep -Fxq -- "$want" "$tmp/err"; then
        bad "$f" "expected: $want"
    else
        ok "$f"
    fi
done

for f in good/*; do
    [ -f "$f" ] || continue
    "$dpgen" --check "$f" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
        bad "$f" "--check: exit status $rc, expected 0 and no message"
        continue
    fi
    rm -rf "$tmp/gen"
    "$dpgen" -o "$tmp/gen" "$f" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
        bad "$f" "generating: exit status $rc, expected 0 and no message"
    else
        ok "$f"
    fi
done

cd "$root" || exit 2
"$dpgen" --check spec/*.spec spec/boot.fsm > "$tmp/out" 2> "$tmp/err"
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
    ok "spec/*.spec spec/boot.fsm pass --check"
else
    bad "spec/*.spec spec/boot.fsm" "--check: exit status $rc, expected 0 and no message"
fi

: > "$tmp/err"
mkdir -p "$tmp/one" "$tmp/second-run"
if ! "$dpgen" -o "$tmp/one" spec/*.spec spec/boot.fsm 2> "$tmp/err" ||
   ! "$dpgen" -o "$tmp/second-run" spec/*.spec spec/boot.fsm 2>> "$tmp/err"; then
    bad "deterministic output" "dpgen failed"
elif [ -z "$(find "$tmp/one" -type f)" ]; then
    bad "deterministic output" "dpgen wrote no file"
elif ! diff -r "$tmp/one" "$tmp/second-run" > "$tmp/err" 2>&1; then
    bad "deterministic output" "two runs differ"
else
    ok "deterministic output ($(find "$tmp/one" -type f | wc -l) files identical over two runs)"
fi

if grep -rlF -e "$root" -e "$tmp" -e "$HOME" "$tmp/one" > "$tmp/err" 2>&1; then
    bad "no absolute paths in the output" "these files name a local path"
else
    ok "no absolute paths in the output"
fi

echo "dpgen tests: $pass passed, $fail failed"
[ $fail -eq 0 ]
