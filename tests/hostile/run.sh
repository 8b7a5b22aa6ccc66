#!/bin/bash
# The hostile file server tests (issue 6): a provisioned phone (deskprov boot) against
# tests/hostile/server.c, one boot per scenario of its table (hostile-server list). For each
# scenario the phone is a clone of one that installed a good image and committed its
# settings; the boot is run under tests/hostile/measure.c and must give:
#   - the expected exit status and the expected `why` rules of its steps, in order (and the
#     expected diagnostic, when the scenario names one): the specific error;
#   - a wall time and a peak memory (ru_maxrss of the deskprov process) under the
#     scenario's bounds, and no more requests than the scenario allows;
#   - the phone's flash as before: every file byte-identical (state "same"), or, when the
#     attack comes after the image's payload started to be written (state "active"), the
#     active bank, the settings records and the decoded metadata byte-identical but for
#     the inactive bank, which is then no longer valid (REQ-SEC-015: a run that installs no
#     image and commits no settings leaves them byte-identical).
# Each scenario prints `ok   NAME` or `FAIL NAME` with what failed.
#
# It also runs the power-cut and interrupted-download cases of the integration tests
# (tests/integration/run.sh, REQ-SEC-015 and REQ-DL-027, in a folder of their own) and
# writes BUILD/hostile/robustness.md, the table of docs/robustness.md, from the results.
#
#   tests/hostile/run.sh BUILD_DIR [SCENARIO-PATTERN]
#
# With a SCENARIO-PATTERN only the matching scenarios run (and no table is written).
set -uo pipefail
B=${1:-build}
ONLY=${2:-}
export DESKPROV=$B/deskprov
FAST=$B/tests/deskprov-fast
SERVER=$B/tests/hostile-server
MEASURE=$B/tests/hostile-measure
W=$B/hostile
IT=tests/integration/it.py
. ./tests/integration/lib.sh

for f in "$DESKPROV" "$FAST" "$SERVER" "$MEASURE"; do
    [ -x "$f" ] || { echo "hostile: $f is missing (make BUILD=$B hostile-tests builds it)"; exit 2; }
done
T0=$(date +%s)
SERVER_PID=
IT_BG=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
    [ -n "$IT_BG" ] && kill "$IT_BG" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT
rm -rf "$W"
mkdir -p "$W/www/main" "$W/phones" "$W/out" "$W/snap"

# ---- the integration cases of the table, in the background (their own folder and ports) --

# When the integration tests of this build ran whole after deskprov was built (make check
# runs them just before), their results are taken as they are instead of running the cases
# again.
ITW=$B/integration
REUSE=
if [ -z "$ONLY" ] && [ -s "$ITW/results.tsv" ] && [ -s "$ITW/power-cuts.tsv" ] &&
   [ "$ITW/results.tsv" -nt "$B/deskprov" ] && [ "$ITW/results.tsv" -nt "$B/tests/deskprov-fast" ] &&
   grep -q '^REQ-SEC-015' "$ITW/results.tsv" && [ "$(grep -c '^REQ-DL-027' "$ITW/results.tsv")" -ge 3 ]; then
    REUSE=1
fi
if [ -z "$ONLY" ] && [ -z "$REUSE" ]; then
    mkdir -p "$W/it/tests"
    ln -s "$(cd "$B" && pwd)/deskprov" "$W/it/deskprov"
    ln -s "$(cd "$B" && pwd)/tests/deskprov-fast" "$W/it/tests/deskprov-fast"
    ./tests/integration/run.sh "$W/it" '@(REQ-SEC-015|REQ-DL-027)' > "$W/it.log" 2>&1 &
    IT_BG=$!
fi

# ---- PKI: the integration tests' (server, other name, expired), plus a self-signed
# certificate and one from a CA the phone does not trust, both with the right names --------

PKI=$W/pki
it_pki "$PKI" >/dev/null
(
    cd "$PKI" || exit 1
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj "/CN=localhost" -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \
        -addext extendedKeyUsage=serverAuth -keyout selfsigned.key -out selfsigned.pem 2>/dev/null
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
        -subj "/CN=deskprov untrusted CA" -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=critical,keyCertSign,cRLSign -keyout evilca.key -out evilca.pem 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
        -keyout untrusted.key -out untrusted.csr 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > untrusted.ext
    openssl x509 -req -in untrusted.csr -CA evilca.pem -CAkey evilca.key -CAcreateserial -days 3650 \
        -extfile untrusted.ext -out untrusted.leaf 2>/dev/null
    cat untrusted.leaf evilca.pem > untrusted.pem
    rm -f untrusted.csr untrusted.ext untrusted.leaf ./*.srl
)
for c in server expired selfsigned other untrusted; do
    [ -s "$PKI/$c.pem" ] && [ -s "$PKI/$c.key" ] || { echo "hostile: PKI: $c.pem missing"; exit 2; }
done

# ---- the site: main (what a good server serves) and each scenario's own files -----------

WWW=$W/www
cp examples/site/* "$WWW/main/"
# img DIR FILE NAME MODELS COUNTER [BYTES] [KIND]: a signed image named NAME in DIR/FILE
img() {
    mkdir -p "$WWW/$1"
    head -c "${6:-20000}" /dev/urandom > "$W/payload"
    "$DESKPROV" image create --key "$PKI/signer.key" --cert "$PKI/signer.pem" --chain "$PKI/inter.pem" \
        --kind "${7:-app}" --model "$4" --version "$3" --counter "$5" --name "$3" "$W/payload" -o "$WWW/$1/$2" > /dev/null
}
# script DIR TEXT: the scenario's upgrade script
script() { mkdir -p "$WWW/$1"; printf '%b' "$2" > "$WWW/$1/16xxupgrade.txt"; }
img main hb16cc_1_0_1.bin hb16cc_1_0_1.bin 16cc 3 30000 boot
img main S16CC_1_0_2.bin S16CC_1_0_2.bin 16cc 3 60000

up() { script "$1" "SET APPNAME $2\nGET 46xxsettings.txt\n"; }
up slowloris-image S16CC_2_1_0.bin
img slowloris-image S16CC_2_1_0.bin S16CC_2_1_0.bin 16cc 5 20000
up reset-mid-image S16CC_2_1_1.bin
img reset-mid-image S16CC_2_1_1.bin S16CC_2_1_1.bin 16cc 5 200000
up image-endless S16CC_2_1_2.bin
img image-endless S16CC_2_1_2.bin S16CC_2_1_2.bin 16cc 5 20000
up image-503 S16CC_2_1_3.bin
up image-wrong-model S16CC_2_0_1.bin
img image-wrong-model S16CC_2_0_1.bin S16CC_2_0_1.bin '96*' 5 16000000
up image-rollback S16CC_2_0_2.bin
img image-rollback S16CC_2_0_2.bin S16CC_2_0_2.bin 16cc 1
# mix and match: the header of one signed image, the payload of another of the same length
up image-mix-match S16CC_2_0_3.bin
img image-mix-match A S16CC_2_0_3.bin 16cc 5 20000
img image-mix-match B S16CC_2_0_3.bin 16cc 5 20000
{ head -c $(( $(stat -c %s "$WWW/image-mix-match/A") - 20000 )) "$WWW/image-mix-match/A"
  tail -c 20000 "$WWW/image-mix-match/B"; } > "$WWW/image-mix-match/S16CC_2_0_3.bin"
cmp -s "$WWW/image-mix-match/A" "$WWW/image-mix-match/S16CC_2_0_3.bin" && { echo "hostile: mix-match is not mixed"; exit 2; }
rm -f "$WWW/image-mix-match/A" "$WWW/image-mix-match/B"
# a valid image of another name, under the name the script asks for
up image-wrong-name S16CC_2_0_5.bin
img image-wrong-name S16CC_2_0_5.bin S16CC_2_0_6.bin 16cc 5
up image-header-cut S16CC_2_0_7.bin
img image-header-cut full S16CC_2_0_7.bin 16cc 5
head -c 100 "$WWW/image-header-cut/full" > "$WWW/image-header-cut/S16CC_2_0_7.bin"
rm -f "$WWW/image-header-cut/full"
up image-trailing S16CC_2_0_8.bin
img image-trailing S16CC_2_0_8.bin S16CC_2_0_8.bin 16cc 5
head -c 100 /dev/urandom >> "$WWW/image-trailing/S16CC_2_0_8.bin"
up image-short S16CC_2_0_9.bin
img image-short full S16CC_2_0_9.bin 16cc 5
head -c $(( $(stat -c %s "$WWW/image-short/full") - 1000 )) "$WWW/image-short/full" > "$WWW/image-short/S16CC_2_0_9.bin"
rm -f "$WWW/image-short/full"
script script-gets-itself 'SET APPNAME S16CC_1_0_2.bin\nGET 16xxupgrade.txt\n'
script goto-loop 'SET APPNAME S16CC_1_0_2.bin\n# LOOP\nGOTO LOOP\nGET 46xxsettings.txt\n'
rm -f "$W/payload"

# ---- the server --------------------------------------------------------------------------

CTL=$W/scenario
SLOG=$W/requests.log
echo main > "$CTL"
: > "$SLOG"
"$SERVER" serve --www "$WWW" --pki "$PKI" --control "$CTL" --log "$SLOG" --ports "$W/ports" 2> "$W/server.stderr" &
SERVER_PID=$!
for _ in $(seq 200); do [ -s "$W/ports" ] && break; sleep 0.05; done
read -r HP SP < "$W/ports" || { echo "hostile: the server did not start:"; cat "$W/server.stderr"; exit 2; }
SERVERS=(--server "https://127.0.0.1:$SP/p/" --server "http://127.0.0.1:$HP/p/")
MAC=00:04:0d:aa:bb:cc
BOOT_ARGS=(boot --model 16CC --model4 16cc --mac "$MAC" --ca "$PKI/tls-ca.pem" --image-root "$PKI/root.pem"
           --json "${SERVERS[@]}")

# ---- the provisioned phone ---------------------------------------------------------------

NPASS=0
NFAIL=0
mkdir -p "$W/phones/base"
"$DESKPROV" "${BOOT_ARGS[@]}" --state "$W/phones/base" --until-done --no-wait > "$W/out/base.json" 2>&1
rc=$?
st() { python3 "$IT" state "$1"; }
if [ $rc -ne 0 ] || [ "$(st "$W/phones/base" | grep -E '^(meta.active|meta.trial|meta.appname|set.PHNEMERGNUM)=' | paste -sd,)" != \
     "meta.active=0,meta.trial=0,meta.appname=S16CC_1_0_2.bin,set.PHNEMERGNUM=112" ]; then
    echo "hostile: the phone was not provisioned (exit $rc, $W/out/base.json)"
    exit 2
fi
# snap DIR: every file of the phone's flash with its SHA-256
snap() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs -r sha256sum); }
# a good boot changes nothing: the comparison below means something
cp -a "$W/phones/base" "$W/phones/control"
"$DESKPROV" "${BOOT_ARGS[@]}" --state "$W/phones/control" --no-wait > "$W/out/control.json" 2>&1
rc=$?
if [ $rc -ne 0 ] || [ "$(snap "$W/phones/base")" != "$(snap "$W/phones/control")" ]; then
    echo "hostile: a good boot of the provisioned phone is not steady (exit $rc): the byte comparison would mean nothing"
    exit 2
fi
echo "ok   control ... a good boot of the provisioned phone: done, its flash byte-identical"
BASE_STATE=$(st "$W/phones/base")

# ---- the scenarios -----------------------------------------------------------------------

ROWS=$W/rows.tsv
: > "$ROWS"
NKNOWN=0
while IFS=$'\t' read -r name cmd opts xexit xwhys xdiag xstate tlim mlim rlim desc kwhat kwhy; do
    [ -z "$ONLY" ] || [[ "$name $desc" == *$ONLY* ]] || continue
    ph=$W/phones/$name
    cp -a "$W/phones/base" "$ph"
    echo "$name" > "$CTL"
    before=$(wc -l < "$SLOG")
    bin=$DESKPROV
    [ "$cmd" = fast ] && bin=$FAST
    out=$W/out/$name.json
    opts=${opts//\{H\}/$HP}
    opts=${opts//\{S\}/$SP}
    [ "$opts" = - ] && opts=
    # shellcheck disable=SC2086
    read -r rc ms kib < <("$MEASURE" "$tlim" "$out" "$out.err" -- "$bin" "${BOOT_ARGS[@]}" --state "$ph" $opts)
    sleep 0.1   # the server's last log line
    echo main > "$CTL"
    errs=
    kinds=
    fail() { # fail KIND WHAT: a failed assertion of kind exit, why, diag, time, mem, req or flash
        kinds="$kinds $1"
        shift
        errs="$errs
       - $*"
    }
    whys=$(jq -r '[.boots[-1].steps[].why // empty] | join(" ")' "$out" 2>/dev/null)
    diags=$(jq -r '.boots[-1].diagnostics | join(" ")' "$out" 2>/dev/null)
    [ -n "$whys" ] || whys=-
    [ "$rc" = "$xexit" ] || fail exit "exit status $xexit expected, got $rc"
    [ "$whys" = "$xwhys" ] || fail why "steps' why: expected '$xwhys', got '$whys'"
    [ "$xdiag" = - ] || [[ " $diags " == *" $xdiag "* ]] || fail diag "diagnostic $xdiag expected, got '$diags'"
    [ "$rc" != killed ] && [ "$ms" -le $((tlim * 1000)) ] || fail time "wall time over ${tlim} s (${ms} ms)"
    [ "$kib" -le "$mlim" ] || fail mem "peak memory ${kib} KiB over ${mlim} KiB"
    reqs=$(tail -n +$((before + 1)) "$SLOG" | awk -v s="$name" '$1 == s && $3 != "-"')
    nreq=$(grep -c . <<< "$reqs")
    [ "$nreq" -le "$rlim" ] || fail req "$nreq requests, at most $rlim expected"
    case $name in
    auth-*)
        ! grep -q '^[^ ]* H ' <<< "$reqs" || fail req "a request over HTTP under AUTH=1" ;;
    redirect-other-scheme)
        [ "$(awk '{print $2}' <<< "$reqs" | paste -sd' ')" = "S H" ] || fail req "one request a server, the redirect not followed" ;;
    image-wrong-model)
        # the phone closed the connection long before the 16 MB image could be sent whole
        sent=$(awk '$3 ~ /\.bin$/ { split($5, a, "/"); print a[1] }' <<< "$reqs")
        [ -n "$sent" ] && [ "$sent" -lt 8000000 ] || fail req "the image's payload was read (${sent:-?} bytes sent)" ;;
    script-gets-itself)
        [ "$nreq" -eq 8 ] || fail req "8 requests (the upgrade script and 7 nested GETs) expected, got $nreq" ;;
    esac
    if [ "$xstate" = same ]; then
        [ "$(snap "$W/phones/base")" = "$(snap "$ph")" ] || fail flash "the flash changed: $(diff <(snap "$W/phones/base") <(snap "$ph") | grep '^>' | awk '{print $3}' | paste -sd' ')"
    else
        now=$(st "$ph")
        a=$(sed -n 's/^meta.active=//p' <<< "$now")
        i=$((1 - a))
        keep() { grep -vE "^(meta\.seq|bank$i\.[a-z]+|part\.[a-z]+)=" <<< "$1"; }
        [ "$(keep "$BASE_STATE")" = "$(keep "$now")" ] || fail flash "the metadata changed: $(diff <(keep "$BASE_STATE") <(keep "$now") | grep '^>' | paste -sd' ')"
        cmp -s "$W/phones/base/bank$a.img" "$ph/bank$a.img" || fail flash "the active bank $a changed"
        [ "$(snap "$W/phones/base" | grep ' ./settings')" = "$(snap "$ph" | grep ' ./settings')" ] ||
            fail flash "the settings records changed"
        if ! cmp -s "$W/phones/base/bank$i.img" "$ph/bank$i.img"; then
            [ "$(sed -n "s/^bank$i.valid=//p" <<< "$now")" = 0 ] || fail flash "the inactive bank $i was written but is still valid"
        fi
    fi
    unknown=
    for k in $kinds; do [[ " $kwhat " == *" $k "* ]] || unknown=1; done
    if [ -z "$errs" ]; then
        NPASS=$((NPASS + 1))
        res=pass
        echo "ok   $name ... $desc ($ms ms, $kib KiB, $nreq requests)"
        [ "$kwhat" = - ] || echo "       (a known failure no more: remove it from the known table of tests/hostile/server.c)"
    elif [ -z "$unknown" ]; then
        NKNOWN=$((NKNOWN + 1))
        res="known failure: $kwhy"
        echo "known $name ... $desc: $kwhy$errs"
    else
        NFAIL=$((NFAIL + 1))
        res=FAIL
        echo "FAIL $name ... $desc$errs"
        echo "       (phone output: $out, ${ms} ms, ${kib} KiB, $nreq requests)"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$desc" "$cmd" "$xexit" "$xwhys" "$xdiag" "$xstate" \
        "$tlim" "$mlim" "$res" >> "$ROWS"
done < <("$SERVER" list)

echo "hostile: $NPASS passed, $NFAIL failed, $NKNOWN known failures ($(( $(date +%s) - T0 )) s)"
[ -z "$ONLY" ] || { [ "$NFAIL" -eq 0 ]; exit; }

# ---- the integration cases, then the table -----------------------------------------------

if [ -n "$REUSE" ]; then
    echo "hostile: the power-cut and resume results of this build's integration run ($ITW)"
    RES=$ITW/results.tsv
    CUTS=$ITW/power-cuts.tsv
    grep -P '^(REQ-SEC-015|REQ-DL-027)\t(?!ok\t)' "$RES" && NFAIL=$((NFAIL + 1))
else
    wait "$IT_BG"
    itrc=$?
    IT_BG=
    sed -n '$p' "$W/it.log"
    if [ $itrc -ne 0 ]; then
        grep -v '^ok ' "$W/it.log"
        NFAIL=$((NFAIL + 1))
    fi
    RES=$W/it/integration/results.tsv
    CUTS=$W/it/integration/power-cuts.tsv
fi
[ -s "$RES" ] && [ -s "$CUTS" ] || { echo "hostile: the integration run left no results ($W/it.log)"; exit 1; }

md() { sed 's/|/\\|/g'; }   # a table cell
itres() { case $1 in ok) echo pass ;; gap) echo "known gap" ;; "") echo missing ;; *) echo "$1" ;; esac; }
{
    echo "<!-- Generated by tests/hostile/run.sh (make hostile-tests). DO NOT EDIT: run \`make hostile-doc\`. -->"
    echo "# Robustness"
    echo
    echo "What a phone does when its file server attacks it, when its power is cut and when a download"
    echo "breaks off (issue 6). Every row is a test of \`make check\` (\`make hostile-tests\`); this"
    echo "page is written by that run from its results, and \`make check\` fails when it differs."
    echo
    echo "## A hostile file server"
    echo
    echo "\`tests/hostile/server.c\` on 127.0.0.1, an HTTPS and an HTTP listener (the phone tries HTTPS"
    echo "first, then HTTP; both attack unless the row says otherwise), against a clone of a"
    echo "provisioned phone (application S16CC_1_0_2.bin in bank 0, security counter floor 3,"
    echo "settings committed), one boot each. The attack is on the upgrade script unless the row"
    echo "names another file."
    echo "*Errors*: the \`why\` of the boot's steps, in order (\`deskprov boot --json\`), and a"
    echo "diagnostic the boot reports; [docs/diagnostics.md](diagnostics.md) lists them. *Exit*:"
    echo "0 done, 11 retry wait (\`--no-wait\`). *Flash*: \`same\`, every file of the phone's flash"
    echo "byte-identical after the boot; \`active\`, the active bank, the settings records and the"
    echo "metadata byte-identical but for the inactive bank (written, then marked invalid)."
    echo "*Bounds*: the wall time and the peak memory (\`ru_maxrss\`) of the boot must stay under"
    echo "them. *Build*: \`fast\` is deskprov with short timing limits (IT_FAST_FLAGS in"
    echo "mk/tests.mk: 64 B/s over 1 s, a 5 s deadline, 2 s to connect, 1-2 s retry waits)."
    echo
    echo "| # | scenario | what the server does | build | exit | errors (why) | diagnostic | flash | bounds | result |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    k=0
    while IFS=$'\t' read -r name desc cmd xexit xwhys xdiag xstate tlim mlim res; do
        k=$((k + 1))
        printf '| %d | `%s` | %s | %s | %s | %s | %s | %s | %s s, %s MiB | %s |\n' "$k" "$name" "$(md <<< "$desc")" \
            "$cmd" "$xexit" "$([ "$xwhys" = - ] && echo - || echo "\`$xwhys\`")" \
            "$([ "$xdiag" = - ] && echo - || echo "\`$xdiag\`")" "$xstate" "$tlim" "$((mlim / 1024))" "$res"
    done < "$ROWS"
    echo
    echo "$NPASS of $k scenarios pass, $NKNOWN known failures (deskprov bugs reported, not yet fixed)."
    echo
    echo "## Power cuts"
    echo
    echo "From \`tests/integration/run.sh\` (case REQ-SEC-015): the POSIX port's fault injector"
    echo "(\`deskprov boot --fault-at N\`) cuts the power at the N-th write, sync or rename of the"
    echo "flash during an upgrade (an image install, then a settings commit), for every N until a"
    echo "run ends without a cut; \`--torn\` makes the cut write write half its bytes first. After"
    echo "each cut the active bank must hold a verified image, the settings must be exactly the old"
    echo "or the new set, and the next boots must finish on the new image and settings."
    echo
    echo "| mode | cut points exercised | result |"
    echo "|---|---|---|"
    total=0
    r=$(itres "$(awk -F'\t' '$1 == "REQ-SEC-015" { print $2 }' "$RES" | head -1)")
    while IFS=$'\t' read -r mode n; do
        total=$((total + n))
        printf '| %s | %s | %s |\n' "$([ "$mode" = plain ] && echo "cut between operations" || echo "torn write")" "$n" "$r"
    done < "$CUTS"
    printf '| all | %s | %s |\n' "$total" "$r"
    echo
    echo "## Interrupted downloads"
    echo
    echo "From \`tests/integration/run.sh\` (cases REQ-DL-027, against lighttpd and a canned responder)."
    echo
    echo "| case | result |"
    echo "|---|---|"
    awk -F'\t' '$1 == "REQ-DL-027" { print $3 "\t" $2 }' "$RES" | while IFS=$'\t' read -r d r; do
        printf '| %s | %s |\n' "$(md <<< "$d")" "$(itres "$r")"
    done
} > "$W/robustness.md"
echo "hostile: wrote $W/robustness.md ($(( $(date +%s) - T0 )) s in all)"
[ "$NFAIL" -eq 0 ]
