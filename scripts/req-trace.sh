#!/bin/sh
# Traceability: which REQ lines of spec/requirements.md are named by a test.
# A test names a requirement by writing its ID (REQ-SCR-007) in its name or source, under
# tests/, fuzz/ or bench/. Prints the coverage per prefix and the uncovered IDs.
#   scripts/req-trace.sh            fails when a test names an ID that does not exist
#   scripts/req-trace.sh --strict   also fails when a REQ line is named by no test
set -eu
strict=0
[ "${1:-}" = "--strict" ] && strict=1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

grep -oE '^- \*\*REQ-[A-Z]+-[0-9]{3}\*\*' spec/requirements.md | grep -oE 'REQ-[A-Z]+-[0-9]{3}' |
    sort -u > "$T/declared"
dirs=""
for d in tests fuzz bench; do [ -d "$d" ] && dirs="$dirs $d"; done
# shellcheck disable=SC2086
grep -rhoE 'REQ-[A-Z]+-[0-9]{3}' $dirs 2>/dev/null | sort -u > "$T/named" || true

status=0
dangling=$(comm -13 "$T/declared" "$T/named")
if [ -n "$dangling" ]; then
    echo "req-trace: tests name requirements that spec/requirements.md does not declare:"
    printf '  %s\n' $dangling
    status=1
fi
total=$(wc -l < "$T/declared")
covered=$(comm -12 "$T/declared" "$T/named" | wc -l)
for p in $(sed 's/^REQ-\([A-Z]*\)-.*/\1/' "$T/declared" | sort -u); do
    d=$(grep -c "^REQ-$p-" "$T/declared")
    c=$(comm -12 "$T/declared" "$T/named" | grep -c "^REQ-$p-" || true)
    printf 'req-trace: REQ-%-4s %3d of %3d named by a test\n' "$p" "$c" "$d"
done
echo "req-trace: $covered of $total requirements named by a test"
uncovered=$(comm -23 "$T/declared" "$T/named")
if [ -n "$uncovered" ] && [ $strict -eq 1 ]; then
    echo "req-trace: not yet named by any test:"
    printf '  %s\n' $uncovered
    status=1
fi
exit $status
