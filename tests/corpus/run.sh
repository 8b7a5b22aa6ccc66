#!/bin/sh
# Corpus tests: the real script and settings files of $CORPUS (default tests/corpus/real,
# copied byte for byte from ../shared/corpus/real; SOURCES.md there names their origins)
# through the deskprov command.
#   1. every file lints with no error under each profile (`deskprov lint` exit 0)
#   2. every file traces without a crash, under each profile, for every MODEL4 value its
#      IF lines test (REQ-SCR-020, REQ-SCR-035)
#   3. the upgrade scripts give the APPNAME of each row of tests/corpus/appname.tsv
#      (REQ-SCR-018..022, REQ-SCR-030..031, REQ-SCR-035), their settings file copied beside
#      them as 46xxsettings.txt so that the GET lines resolve
# Usage: tests/corpus/run.sh BUILD_DIR     (needs jq: scripts/deps.sh installs it)
set -eu
BUILD=${1:?usage: tests/corpus/run.sh BUILD_DIR}
CORPUS=${CORPUS:-tests/corpus/real}
DP=$BUILD/deskprov
TABLE=$(dirname "$0")/appname.tsv
PROFILES="16cc 96x1 4600"

command -v jq >/dev/null 2>&1 || { echo "corpus-tests: jq is missing (make deps)" >&2; exit 1; }
[ -x "$DP" ] || { echo "corpus-tests: $DP is missing (make)" >&2; exit 1; }
[ -d "$CORPUS" ] || { echo "corpus-tests: no corpus at $CORPUS (set CORPUS)" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
passed=0
ok()  { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; fails=$((fails + 1)); }

files=$(ls "$CORPUS"/*.txt)
[ -n "$files" ] || { echo "corpus-tests: no file in $CORPUS" >&2; exit 1; }

# ---- 1. lint: no error under any profile ------------------------------------------------
for f in $files; do
    for p in $PROFILES; do
        if "$DP" lint --profile "$p" "$f" > "$T/lint.out" 2>&1; then
            ok
        else
            bad "lint --profile $p $(basename "$f") exits $?:"
            sed 's/^/    /' "$T/lint.out" | head -20
        fi
    done
done

# ---- 2. trace without a crash for every MODEL4 value the file tests -----------------------
for f in $files; do
    # shellcheck disable=SC2016
    models=$(grep -aiE '^if[[:space:]]+\$MODEL4[[:space:]]+seq[[:space:]]' "$f" |
             awk '{ v = $4; gsub(/["\r]/, "", v); print v }' | sort -u)
    [ -n "$models" ] || models=9620D01A    # a file that tests no model: one phone
    for m in $models; do
        for p in $PROFILES; do
            # --model sets MODEL, and MODEL4 to its first 4 characters (a 5-character value
            # such as 9630G stands for a 9630G phone, whose MODEL4 is 9630)
            st=0
            "$DP" trace --profile "$p" --model "$m" --json "$f" > "$T/trace.json" 2> "$T/trace.err" || st=$?
            if [ "$st" -ne 0 ]; then
                bad "trace --profile $p --model $m $(basename "$f") exits $st: $(head -3 "$T/trace.err")"
            elif ! jq -e '.appname | type == "string"' "$T/trace.json" > /dev/null 2>&1; then
                bad "trace --profile $p --model $m $(basename "$f"): output is not the trace JSON"
            else
                ok
            fi
        done
    done
done

# ---- 3. APPNAME table -------------------------------------------------------------------
settings_of() {
    case $1 in
        everslab-96xxupgrade.txt) echo everslab-46xxsettings.txt ;;
        rzfeeser-96xxupgrade.txt) echo template-2011-46xxsettings.txt ;;
        zadarma-96x1Supgrade.txt) echo zadarma-46xxsettings.txt ;;
        *) echo "" ;;
    esac
}

TAB=$(printf '\t')
n=0
set -f   # options are split on blanks, never globbed
while IFS=$TAB read -r script prof opts want checks branch; do
    case $script in ''|'#'*) continue ;; esac
    n=$((n + 1))
    d=$T/case$n
    mkdir -p "$d"
    name=${script#*-}                      # 96xxupgrade.txt, 96x1Supgrade.txt
    cp "$CORPUS/$script" "$d/$name"
    s=$(settings_of "$script")
    [ -n "$s" ] || { bad "row $n: no settings file known for $script"; continue; }
    cp "$CORPUS/$s" "$d/46xxsettings.txt"
    st=0
    # shellcheck disable=SC2086
    "$DP" trace --profile "$prof" $opts --json "$d/$name" > "$d/out.json" 2> "$d/err" || st=$?
    if [ "$st" -ne 0 ]; then
        bad "row $n ($branch): trace exits $st: $(head -3 "$d/err")"
        continue
    fi
    [ "$want" = '""' ] && want=
    got=$(jq -r '.appname' "$d/out.json")
    if [ "$got" != "$want" ]; then
        bad "row $n: $script --profile $prof $opts: APPNAME '$got', expected '$want' ($branch)"
        continue
    fi
    rowok=1
    [ "$checks" = "-" ] && checks=
    for c in $checks; do
        case $c in
            get:*)
                g=${c#get:}
                if ! jq -e --arg g "$g" \
                        '[.executed[] | select(.kind == "get" and .applied) | .value] | index($g) != null' \
                        "$d/out.json" > /dev/null; then
                    bad "row $n ($branch): no GET of $g"
                    rowok=0
                fi ;;
            end:*)
                e=${c#end:}
                v=$(jq -r '.end // "null"' "$d/out.json")
                if [ "$v" != "$e" ]; then
                    bad "row $n ($branch): end '$v', expected '$e'"
                    rowok=0
                fi ;;
            *=*)
                k=${c%%=*}
                e=${c#*=}
                v=$(jq -r --arg k "$k" '.params[$k]' "$d/out.json")
                if [ "$v" != "$e" ]; then
                    bad "row $n ($branch): $k = '$v', expected '$e'"
                    rowok=0
                fi ;;
            *)
                bad "row $n: bad check '$c'"
                rowok=0 ;;
        esac
    done
    [ $rowok -eq 1 ] && ok
done < "$TABLE"
set +f
[ "$n" -gt 0 ] || bad "no row read from $TABLE"

echo "corpus-tests: $passed passed, $fails failed ($n APPNAME rows, $(echo "$files" | wc -w) files)"
[ "$fails" -eq 0 ]
