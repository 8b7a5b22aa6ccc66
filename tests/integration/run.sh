#!/bin/bash
# The integration tests of the boot flow (issue 5): a simulated phone (deskprov boot, the
# runtime's engine through the POSIX port) against a real lighttpd on 127.0.0.1 serving HTTP,
# HTTPS, HTTPS with a certificate of another name, CGI (chunked, slow, odd statuses) and
# redirects, plus a canned responder (it.py canned) for what lighttpd cannot send.
#
# One case per behaviour; each prints `ok   REQ-... ... what` or `FAIL REQ-... ... what`
# with the failed assertions, and asserts real behaviour: the phone's exit status and steps
# (deskprov boot --json), its state folder (decoded on its own by it.py state) and the
# server's access log (port, request, status). The last line is the total; the exit status
# is 1 when a case failed. A case whose requirement the flow or the engine does not meet
# yet, for a reason reported to the lead, prints `gap` instead of FAIL (see gap()): it
# still runs every assertion and turns ok by itself once the gap is closed.
#
#   tests/integration/run.sh BUILD_DIR [CASE-PATTERN]
#
# CASE-PATTERN runs only the cases whose ID or description contains it (the provisioned
# phone the others clone is made anyway). Everything lands in BUILD_DIR/integration:
# phones/ (state folders), out/ (each boot's --json output), log/ (access logs), www/.
#
# BUILD_DIR holds deskprov and tests/deskprov-fast: the same command built with short
# timing limits (mk/tests.mk, IT_FAST_FLAGS) for the cases about waits and deadlines.
set -uo pipefail
B=${1:-build}
ONLY=${2:-}
export DESKPROV=$B/deskprov
FAST=$B/tests/deskprov-fast
W=$B/integration
IT=tests/integration/it.py
. ./tests/integration/lib.sh

for f in "$DESKPROV" "$FAST"; do
    [ -x "$f" ] || { echo "run.sh: $f is missing (make BUILD=$B integration-tests builds it)"; exit 2; }
done
T0=$(date +%s)
CANNED_PID=
cleanup() {
    it_stop
    [ -n "$CANNED_PID" ] && kill "$CANNED_PID" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT
rm -rf "$W"
mkdir -p "$W/www" "$W/phones" "$W/out" "$W/log"
PKI=$W/pki
it_pki "$PKI" >/dev/null

# ---- the framework -----------------------------------------------------------------------

NPASS=0
NFAIL=0
NOUT=0
CASE=
DESC=
ERRS=
MAC=00:04:0d:aa:bb:cc

# begin ID DESCRIPTION: a case starts; 1 (skip it) when it does not match CASE-PATTERN
begin() {
    CASE=$1
    DESC=$2
    ERRS=
    GAP=
    [ -z "$ONLY" ] || [[ "$CASE $DESC" == *$ONLY* ]]
}

# chk WHAT COMMAND...: an assertion; WHAT is reported when COMMAND fails
chk() {
    local what=$1
    shift
    "$@" >/dev/null 2>&1 || ERRS="$ERRS
       - $what"
}

# gap WHY: a known gap between a requirement and the flow, reported to the lead: when the
# case's assertions fail, it prints `gap` (not counted as a failure) instead of FAIL; when
# they pass, the gap is closed and the case prints ok.
GAP=
NGAP=0
gap() { GAP=$1; }

end() {
    if [ -n "$ERRS" ] && [ -n "$GAP" ]; then
        NGAP=$((NGAP + 1))
        echo "gap  $CASE ... $DESC: $GAP$ERRS"
    elif [ -z "$ERRS" ]; then
        NPASS=$((NPASS + 1))
        echo "ok   $CASE ... $DESC"
    else
        NFAIL=$((NFAIL + 1))
        echo "FAIL $CASE ... $DESC$ERRS"
        echo "       (last phone output: $OUT, access log: ${LOG:-none})"
    fi
    # the case's result, for the table of docs/robustness.md (tests/hostile/run.sh)
    printf '%s\t%s\t%s\n' "$CASE" "$([ -z "$ERRS" ] && echo ok || { [ -n "$GAP" ] && echo gap || echo FAIL; })" "$DESC" >> "$W/results.tsv"
}

# boot PHONE [deskprov boot options...]: one boot of the phone whose flash is
# $W/phones/PHONE (created when missing), as a 16CC with MAC 00:04:0d:aa:bb:cc trusting
# the test TLS CA and the test product root; sets RC and OUT (its --json output).
# BIN=... overrides the command (the fast-clock build); a retry wait ends the command
# (--no-wait) unless WAIT=1. Later options override the defaults (--model, --ca...).
boot() {
    local ph=$1 nowait=--no-wait
    shift
    [ "${WAIT:-0}" = 1 ] && nowait=
    mkdir -p "$W/phones/$ph"
    rm -f "$W/out/state-$ph"
    NOUT=$((NOUT + 1))
    OUT=$W/out/$NOUT-$ph.json
    "${BIN:-$DESKPROV}" boot --state "$W/phones/$ph" --model 16CC --model4 16cc --mac "$MAC" \
        --ca "$PKI/tls-ca.pem" --image-root "$PKI/root.pem" --json $nowait "$@" > "$OUT" 2> "$OUT.err"
    RC=$?
}

clone() { rm -rf "$W/phones/$2" "$W/out/state-$2"; cp -a "$W/phones/$1" "$W/phones/$2"; }

# Queries of the last boot's JSON (jq), of the state folder and of the access log.
q() { jq -r "$1" "$OUT" 2>/dev/null; }
outcome() { q '.boots[-1].outcome'; }
acts() { q '[.boots[-1].steps[].action] | join(" ")'; }
whys() { q '[.boots[-1].steps[].why // empty] | join(" ")'; }
diags() { q '.boots[-1].diagnostics | join(" ")'; }
files() { q '[.boots[-1].steps[].file // empty] | join(" ")'; }
# st PHONE KEY: a value of the phone's state (it.py state), decoded once per boot
st() {
    local f=$W/out/state-$1
    [ -f "$f" ] || python3 "$IT" state "$W/phones/$1" > "$f"
    sed -n "s/^$2=//p" "$f"
}
has() { [[ " $1 " == *" $2 "* ]]; }       # has LIST WORD
hasnt() { ! has "$@"; }
eq() { [ "$1" = "$2" ]; }

# take_log: the access log of what happened since the last take_log, as lines
# "S|H|O|X path status" (S the HTTPS port, H the HTTP port, O and X the HTTPS ports with
# the certificate of another name and the expired one) in $LOG; lighttpd restarts on the
# same ports.
take_log() {
    NOUT=$((NOUT + 1))
    LOG=$W/log/$NOUT
    it_log > "$LOG.raw"    # not in a subshell: it_log restarts lighttpd and sets IT_PID
    awk -v s="$IT_HTTPS" -v h="$IT_HTTP" -v o="$IT_OTHER" -v x="$IT_EXPIRED" '
        NF { p = $1 == s ? "S" : $1 == h ? "H" : $1 == o ? "O" : $1 == x ? "X" : $1; print p, $3, $5 }' "$LOG.raw" > "$LOG"
}
logseq() { paste -sd'|' "$LOG"; }
nolog() { [ ! -s "$LOG" ]; }

# ---- the site ----------------------------------------------------------------------------

WWW=$W/www
img() { # img DIR FILE KIND MODELS COUNTER [BYTES] [SIGNER]: a signed image
    local signer=${7:-signer}
    head -c "${6:-20000}" /dev/urandom > "$W/payload"
    "$DESKPROV" image create --key "$PKI/$signer.key" --cert "$PKI/$signer.pem" \
        --chain "$PKI/inter.pem" --kind "$3" --model "$4" --version "$2" --counter "$5" --name "$2" \
        "$W/payload" -o "$WWW/$1/$2" > /dev/null
}
# scenario DIR SCRIPT: a folder holding the example settings files and this upgrade script
scenario() {
    mkdir -p "$WWW/$1"
    cp examples/site/46xxsettings.txt examples/site/00040DAABBCC.txt "$WWW/$1/"
    printf '%b' "$2" > "$WWW/$1/16xxupgrade.txt"
}

mkdir -p "$WWW/main"
cp examples/site/* "$WWW/main/"
img main hb16cc_1_0_1.bin boot '16cc' 3 30000
img main S16CC_1_0_2.bin app '16cc' 3 60000
# an upgrade to a newer application, and images the phone must refuse
scenario up 'SET APPNAME S16CC_1_0_3.bin\nGET 46xxsettings.txt\n'
img up S16CC_1_0_3.bin app '16cc' 4
scenario up2 'SET APPNAME S16CC_1_0_4.bin\nGET 46xxsettings.txt\n'
img up2 S16CC_1_0_4.bin app '16cc' 4
scenario badsig 'SET APPNAME S16CC_2_0_0.bin\nGET 46xxsettings.txt\n'
"$DESKPROV" image create --key "$PKI/evil.key" --cert "$PKI/evil.pem" --kind app --model 16cc \
    --version 2.0.0 --counter 5 --name S16CC_2_0_0.bin "$W/payload" -o "$WWW/badsig/S16CC_2_0_0.bin" > /dev/null
scenario forged 'SET APPNAME S16CC_2_0_4.bin\nGET 46xxsettings.txt\n'
img forged S16CC_2_0_4.bin app '16cc' 5
# a signed header altered after signing (its version string): the signature fails
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); i=d.find(b"S16CC_2_0_4.bin"); d[i+6]^=1; open(p,"wb").write(d)' \
    "$WWW/forged/S16CC_2_0_4.bin"
scenario wrongmodel 'SET APPNAME S16CC_2_0_1.bin\nGET 46xxsettings.txt\n'
img wrongmodel S16CC_2_0_1.bin app '96*' 5
scenario rollback 'SET APPNAME S16CC_2_0_2.bin\nGET 46xxsettings.txt\n'
img rollback S16CC_2_0_2.bin app '16cc' 1
scenario corrupt 'SET APPNAME S16CC_2_0_3.bin\nGET 46xxsettings.txt\n'
img corrupt S16CC_2_0_3.bin app '16cc' 5
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); d[-1]^=1; open(p,"wb").write(d)' \
    "$WWW/corrupt/S16CC_2_0_3.bin"
scenario big 'SET APPNAME S16CC_3_0_0.bin\nGET 46xxsettings.txt\n'
img big S16CC_3_0_0.bin app '16cc' 5 300000
# settings: a GET of a missing file, a settings file that sets APPNAME
scenario nosettings 'GET nosuch.txt\nGET 46xxsettings.txt\n'
scenario setapp 'GET appset.txt\n'
printf 'SET APPNAME S16CC_9_9_9.bin\nSET SIPDOMAIN setapp.example\n' > "$WWW/setapp/appset.txt"
scenario noapp 'GET 46xxsettings.txt\n'
mkdir -p "$WWW/noscript" "$WWW/names"
# REQ-SET-003: a mirror of main, so that a new directory from option 242 changes nothing else
mkdir -p "$WWW/mirror"
cp "$WWW"/main/*.txt "$WWW/mirror/"
# REQ-DL-006: a settings file that sets AUTH 1, then GETs more (and an image after it)
scenario authset 'GET authset.txt\n'
printf 'SET AUTH 1\nGET $MACADDR.txt\n' > "$WWW/authset/authset.txt"
# REQ-SEC-015: an upgrade with a settings change, for the power cuts
scenario cut 'SET APPNAME S16CC_1_0_3.bin\nGET cut.txt\n'
printf 'SET SIPDOMAIN cut.example\nSET AGENTTONE 1\n' > "$WWW/cut/cut.txt"
cp "$WWW/up/S16CC_1_0_3.bin" "$WWW/cut/"
# REQ-DL-027: a larger image, for a power cut in the middle of its download
scenario resume 'SET APPNAME S16CC_1_0_6.bin\nGET 46xxsettings.txt\n'
img resume S16CC_1_0_6.bin app '16cc' 4 200000
# REQ-SEC-010: a settings file naming certificate files (the TLS CA, with text around it as
# `openssl x509 -text` writes it, and the product root); then sets with a bad file
scenario certs 'GET 46xxsettings.txt\n'
printf 'SET TRUSTCERTS certs.pem,root.pem\nSET SIPDOMAIN certs.example\n' > "$WWW/certs/46xxsettings.txt"
{ echo "The deskprov test TLS CA"; cat "$PKI/tls-ca.pem"; } > "$WWW/certs/certs.pem"
cp "$PKI/root.pem" "$WWW/certs/"
for bad in key b64 missing; do
    scenario "certs-$bad" 'GET 46xxsettings.txt\n'
    printf 'SET TRUSTCERTS certs.pem,%s.pem\nSET SIPDOMAIN %s.example\n' "$bad" "$bad" > "$WWW/certs-$bad/46xxsettings.txt"
    cp "$PKI/root.pem" "$WWW/certs-$bad/certs.pem"
done
cat "$PKI/tls-ca.pem" "$PKI/tls-ca.key" > "$WWW/certs-key/key.pem"
sed '3s/^./!/' "$PKI/tls-ca.pem" > "$WWW/certs-b64/b64.pem"
# REQ-DL-004: a settings file that moves HTTPDIR
scenario dl004 'GET dl004.txt\n'
printf 'SET HTTPDIR dl004b\n' > "$WWW/dl004/dl004.txt"
scenario dl004b 'SET APPNAME S16CC_1_0_2.bin\n'
# REQ-DL-022: an upgrade script over its cap; a settings file of the official template's
# size (972,412 bytes), and one over the settings cap (2 MiB)
scenario caps 'GET template.txt\n'
python3 - "$WWW/caps" <<'PY'
import sys
d = sys.argv[1]
line = b"## " + b"x" * 76 + b"\n"
body = b"SET SIPDOMAIN template.example\n"
tail = b"SET AGENTTONE 3\nGET huge.txt\n"
n = 972412 - len(body) - len(tail)
t = body + line * (n // len(line)) + b"#" * (n % len(line) - 1) + b"\n" + tail
assert len(t) == 972412
open(d + "/template.txt", "wb").write(t)
open(d + "/huge.txt", "wb").write(b"SET SNTPSRVR huge.example\n" + line * (2 * 1024 * 1024 // len(line) + 10))
PY
mkdir -p "$WWW/bigscript"
python3 -c 'import sys; open(sys.argv[1],"wb").write(b"SET APPNAME x.bin\n" + b"#" * 300000 + b"\n")' \
    "$WWW/bigscript/16xxupgrade.txt"
# CGI (lighttpd mod_cgi, every file under /cgi/): chunked responses (no Content-Length,
# streamed), a 204, a server that says nothing, one that trickles
mkdir -p "$WWW/cgi/chunked" "$WWW/cgi/s204" "$WWW/cgi/hang" "$WWW/cgi/trickle" "$WWW/cgi/deadline"
cgi() { # cgi FILE BODY-COMMANDS
    printf '#!/bin/sh\n%s\n' "$2" > "$WWW/cgi/$1"
}
cgi chunked/16xxupgrade.txt 'printf "Content-Type: text/plain\r\n\r\n"; echo "SET APPNAME S16CC_1_0_5.bin"; sleep 0.2; echo "GET 46xxsettings.txt"'
cgi chunked/46xxsettings.txt 'printf "Content-Type: text/plain\r\n\r\n"; printf "SET SIPDOMAIN chunked"; sleep 0.2; printf ".example.com\nSET AGE"; sleep 0.2; echo "NTTONE 5"'
img main S16CC_1_0_5.bin app '16cc' 4 40000
mv "$WWW/main/S16CC_1_0_5.bin" "$W/S16CC_1_0_5.bin"
cgi chunked/S16CC_1_0_5.bin "printf 'Content-Type: application/octet-stream\r\n\r\n'; f=$(cd "$W" && pwd)/S16CC_1_0_5.bin
head -c 10000 \"\$f\"; sleep 0.2; tail -c +10001 \"\$f\" | head -c 20000; sleep 0.2; tail -c +30001 \"\$f\""
cgi s204/16xxupgrade.txt 'printf "Status: 204\r\n\r\n"'
# 300 KiB of comments, chunked (no Content-Length): past the script cap while it streams
mkdir -p "$WWW/cgi/bigchunked"
cgi bigchunked/16xxupgrade.txt 'printf "Content-Type: text/plain\r\n\r\n"; i=0; while [ $i -lt 300 ]; do head -c 1023 /dev/zero | tr "\\0" "#"; echo; i=$((i + 1)); done'
cgi hang/16xxupgrade.txt 'sleep 8'
# 39 bytes a second: below the fast build's 64 B/s over a 1 s window
cgi trickle/16xxupgrade.txt 'printf "Content-Type: text/plain\r\n\r\n"; for i in 1 2 3 4 5 6; do printf "## trickle trickle trickle trickle ##\n"; sleep 1; done'
# 100 bytes every 0.25 s (400 B/s, above the minimum rate) for 8 s: past the 5 s deadline
cgi deadline/16xxupgrade.txt 'printf "Content-Type: text/plain\r\n\r\n"; i=0; while [ $i -lt 32 ]; do printf "## %96s\n" x; sleep 0.25; i=$((i + 1)); done'

IT_HTTP_PORT=$(it_free_port 1)
IT_HTTPS_PORT=$(it_free_port 2)
while [ "$IT_HTTPS_PORT" = "$IT_HTTP_PORT" ]; do IT_HTTPS_PORT=$((IT_HTTPS_PORT + 1)); done
IT_OTHER=$((IT_HTTPS_PORT + 1))
while [ "$IT_OTHER" = "$IT_HTTP_PORT" ] || (echo > "/dev/tcp/127.0.0.1/$IT_OTHER") 2>/dev/null; do
    IT_OTHER=$((IT_OTHER + 1))
done
IT_EXPIRED=$((IT_OTHER + 1))
while [ "$IT_EXPIRED" = "$IT_HTTP_PORT" ] || (echo > "/dev/tcp/127.0.0.1/$IT_EXPIRED") 2>/dev/null; do
    IT_EXPIRED=$((IT_EXPIRED + 1))
done
DEAD=$((IT_EXPIRED + 1))    # nothing listens there
while [ "$DEAD" = "$IT_HTTP_PORT" ] || (echo > "/dev/tcp/127.0.0.1/$DEAD") 2>/dev/null; do DEAD=$((DEAD + 1)); done
P=$(cd "$PKI" && pwd)
# redirects: /rNNN/F answers NNN to /main/F (relative Location); /hopN/F takes N hops to
# /main/F; /abs/F an absolute URL; /totls/F to the HTTPS port (another scheme); /tlsmove/F
# to https://localhost (another host, same certificate), /tlsother/F to the HTTPS port
# whose certificate names another host
redir=
for c in 301 302 303 307 308; do
    redir="$redir
\$HTTP[\"url\"] =~ \"^/r$c/\" { url.redirect = ( \"^/r$c/(.*)\$\" => \"/main/\$1\" ) url.redirect-code = $c }"
done
IT_EXTRA_CONF="server.modules += ( \"mod_cgi\" )
server.stream-response-body = 2
\$SERVER[\"socket\"] == \"127.0.0.1:$IT_OTHER\" {
    ssl.engine  = \"enable\"
    ssl.pemfile = \"$P/other.pem\"
    ssl.privkey = \"$P/other.key\"
}
\$SERVER[\"socket\"] == \"127.0.0.1:$IT_EXPIRED\" {
    ssl.engine  = \"enable\"
    ssl.pemfile = \"$P/expired.pem\"
    ssl.privkey = \"$P/expired.key\"
}
\$HTTP[\"url\"] =~ \"^/cgi/\" { cgi.assign = ( \".txt\" => \"/bin/sh\", \".bin\" => \"/bin/sh\" ) }
\$HTTP[\"url\"] =~ \"^/(hop|abs|totls|tlsmove|tlsother)\" {
    url.redirect = ( \"^/hop6/(.*)\$\" => \"/hop5/\$1\", \"^/hop5/(.*)\$\" => \"/hop4/\$1\",
                     \"^/hop4/(.*)\$\" => \"/hop3/\$1\", \"^/hop3/(.*)\$\" => \"/hop2/\$1\",
                     \"^/hop2/(.*)\$\" => \"/hop1/\$1\", \"^/hop1/(.*)\$\" => \"/main/\$1\",
                     \"^/abs/(.*)\$\" => \"http://127.0.0.1:$IT_HTTP_PORT/main/\$1\",
                     \"^/totls/(.*)\$\" => \"https://127.0.0.1:$IT_HTTPS_PORT/main/\$1\",
                     \"^/tlsmove/(.*)\$\" => \"https://localhost:$IT_HTTPS_PORT/main/\$1\",
                     \"^/tlsother/(.*)\$\" => \"https://127.0.0.1:$IT_OTHER/main/\$1\" )
    url.redirect-code = 302
}$redir"
IT_PEM=$P/server.pem IT_KEY=$P/server.key it_start "$WWW" "$W/lighttpd" || exit 2
S=https://127.0.0.1:$IT_HTTPS
H=http://127.0.0.1:$IT_HTTP
# the servers of a scenario folder: HTTPS first, then HTTP (REQ-DL-005)
srv() { echo "--server $S/$1 --server $H/$1"; }

# ---- the cases ---------------------------------------------------------------------------

if begin REQ-DL-001 "a factory-new phone provisions fully: boot image, application, settings (REQ-DL-012, REQ-DL-016, REQ-DL-019)"; then
    boot new $(srv main) --until-done
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "three boots: reboot, reboot, done" eq "$(q '[.boots[].outcome] | join(" ")')" "reboot reboot done"
    chk "first boot: script, boot image, commit, reboot" eq "$(q '[.boots[0].steps[].action] | join(" ")')" \
        "fetch_script run_script start_image begin_install commit_bank reboot"
    chk "third boot: settings chain, commit, confirm" eq "$(acts)" \
        "fetch_script run_script fetch_file continue_script fetch_file continue_script commit_settings confirm_image finish"
    take_log
    chk "access log: the whole flow over HTTPS, in order" eq "$(logseq)" \
        "S /main/16xxupgrade.txt 200|S /main/hb16cc_1_0_1.bin 200|S /main/16xxupgrade.txt 200|S /main/S16CC_1_0_2.bin 200|S /main/16xxupgrade.txt 200|S /main/46xxsettings.txt 200|S /main/00040DAABBCC.txt 200"
    chk "state: application active in bank 0, confirmed" eq "$(st new meta.active),$(st new meta.trial),$(st new bank0.name),$(st new bank0.kind)" "0,0,S16CC_1_0_2.bin,app"
    chk "state: boot image in bank 1" eq "$(st new bank1.valid),$(st new bank1.name),$(st new bank1.kind)" "1,hb16cc_1_0_1.bin,boot"
    chk "state: names confirmed, counter floor raised to 3" eq "$(st new meta.bootname),$(st new meta.appname),$(st new meta.min_counter)" "hb16cc_1_0_1.bin,S16CC_1_0_2.bin,3"
    chk "state: settings of 46xxsettings.txt and the per-MAC file stored" eq "$(st new set.SIPDOMAIN),$(st new set.PHNEMERGNUM),$(st new set.AGENTTONE)" "example.com,112,7"
    chk "bank 0 holds the application image byte for byte" cmp -n "$(stat -c %s "$WWW/main/S16CC_1_0_2.bin")" "$WWW/main/S16CC_1_0_2.bin" "$W/phones/new/bank0.img"
    end
else
    boot new $(srv main) --until-done   # the provisioned phone the other cases clone
    take_log
fi

if begin REQ-DL-017 "an up-to-date phone downloads no binary"; then
    clone new uptodate
    boot uptodate $(srv main)
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "no start_image step" hasnt "$(acts)" start_image
    take_log
    chk "access log: script and settings only, no .bin" eq "$(logseq)" \
        "S /main/16xxupgrade.txt 200|S /main/46xxsettings.txt 200|S /main/00040DAABBCC.txt 200"
    chk "state: the same application, confirmed" eq "$(st uptodate meta.active),$(st uptodate meta.trial),$(st uptodate meta.appname)" "0,0,S16CC_1_0_2.bin"
    chk "settings unchanged: no settings write (the same sequence number)" eq "$(st uptodate settings.seq)" "$(st new settings.seq)"
    end
fi

if begin REQ-DL-014 "boot image then application: BOOTNAME two-stage, one boot at a time (REQ-DL-019)"; then
    boot twostage $(srv main)
    chk "boot 1: exit 10 (reboot)" eq "$RC" 10
    chk "boot 1: hb16cc_1_0_1.bin fetched" eq "$(files)" "16xxupgrade.txt hb16cc_1_0_1.bin"
    chk "boot 1: boot image on trial in bank 1" eq "$(st twostage meta.active),$(st twostage meta.trial),$(st twostage bank1.name)" "1,1,hb16cc_1_0_1.bin"
    chk "boot 1: nothing confirmed yet, counter floor 0" eq "$(st twostage meta.bootname),$(st twostage meta.min_counter)" ",0"
    boot twostage $(srv main)
    chk "boot 2: exit 10 (reboot)" eq "$RC" 10
    chk "boot 2: BOOTNAME matched, application fetched; the trial confirmed before bank 0 is overwritten" \
        eq "$(acts)" "fetch_script run_script start_image confirm_trial begin_install commit_bank reboot"
    chk "boot 2: boot image confirmed (REQ-DL-019), application on trial in bank 0" \
        eq "$(st twostage meta.bootname),$(st twostage meta.active),$(st twostage meta.trial),$(st twostage bank0.name)" \
        "hb16cc_1_0_1.bin,0,1,S16CC_1_0_2.bin"
    boot twostage $(srv main)
    chk "boot 3: exit 0 (done)" eq "$RC" 0
    chk "boot 3: application confirmed at DONE" eq "$(st twostage meta.trial),$(st twostage meta.appname)" "0,S16CC_1_0_2.bin"
    take_log
    chk "access log: no settings file in a boot that installs (REQ-DL-016)" eq "$(logseq)" \
        "S /main/16xxupgrade.txt 200|S /main/hb16cc_1_0_1.bin 200|S /main/16xxupgrade.txt 200|S /main/S16CC_1_0_2.bin 200|S /main/16xxupgrade.txt 200|S /main/46xxsettings.txt 200|S /main/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-006 "a settings file that sets AUTH 1 over HTTP: no further request over HTTP in that run, and none in the next"; then
    boot authset --server "https://127.0.0.1:$DEAD/authset" --server "$H/authset"
    chk "a retry wait: no image to hand over to (REQ-DL-018; got $RC)" eq "$RC" 11
    chk "AUTH=1 stored" eq "$(st authset set.AUTH)" 1
    chk "the per-MAC file not applied (not fetched over HTTP)" eq "$(st authset set.PHNEMERGNUM)" ""
    boot authset --server "https://127.0.0.1:$DEAD/authset" --server "$H/authset"
    chk "next boot: retry wait, HTTPS only (got $RC)" eq "$RC,$(acts)" "11,fetch_script schedule_retry"
    take_log
    chk "access log: no HTTP request once AUTH is 1" eq "$(logseq)" "H /authset/16xxupgrade.txt 200|H /authset/authset.txt 200"
    end
fi

if begin REQ-DL-005 "the HTTPS server is down: the HTTP server is used, and serves every file of the run (REQ-DL-007, REQ-DL-008)"; then
    clone new hdown
    boot hdown --server "https://127.0.0.1:$DEAD/main" --server "$H/main"
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "HTTPS first, then the next server" eq "$(q '[.boots[-1].steps[0:2][] | .action + "@" + .server] | join(" ")')" \
        "fetch_script@https://127.0.0.1:$DEAD next_server@http://127.0.0.1:$IT_HTTP"
    chk "the HTTPS failure is a connection failure" has "$(whys)" net-connect
    take_log
    chk "access log: every file from the HTTP server" eq "$(logseq)" \
        "H /main/16xxupgrade.txt 200|H /main/46xxsettings.txt 200|H /main/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-006 "AUTH=1 refuses the HTTP fallback when HTTPS is down (REQ-SEC-011), and every file of a run comes over HTTPS"; then
    clone new auth
    boot auth --server "https://127.0.0.1:$DEAD/main" --server "$H/main" --dhcp242 AUTH=1
    chk "exit status 11 (retry wait; got $RC)" eq "$RC" 11
    chk "no next_server: the HTTP server is not tried" eq "$(acts)" "fetch_script schedule_retry"
    chk "reported: auth-no-http" has "$(diags)" auth-no-http
    take_log
    chk "access log: no request at all" nolog
    chk "state: the installed image untouched" eq "$(st auth meta.active),$(st auth meta.trial),$(st auth meta.appname)" "0,0,S16CC_1_0_2.bin"
    clone new auth2
    boot auth2 $(srv main) --dhcp242 AUTH=1
    chk "HTTPS up: exit status 0 (got $RC)" eq "$RC" 0
    take_log
    chk "access log: only HTTPS requests" eq "$(logseq)" \
        "S /main/16xxupgrade.txt 200|S /main/46xxsettings.txt 200|S /main/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-008 "404 on the upgrade script: the next server is tried; when none has it, a retry wait (REQ-DL-009, REQ-DL-026)"; then
    clone new s404
    boot s404 --server "$S/noscript" --server "$H/main"
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "the 404 is a failure (http-not-ok) that moves to the next server" eq "$(q '.boots[-1].steps[1] | .action + " " + .why')" "next_server http-not-ok"
    take_log
    chk "access log: 404 over HTTPS, then the run over HTTP" eq "$(logseq)" \
        "S /noscript/16xxupgrade.txt 404|H /main/16xxupgrade.txt 200|H /main/46xxsettings.txt 200|H /main/00040DAABBCC.txt 200"
    boot s404 $(srv noscript)
    chk "nowhere: exit status 11 (retry wait; got $RC)" eq "$RC" 11
    chk "nowhere: fetch, next server, retry wait" eq "$(acts)" "fetch_script next_server schedule_retry"
    take_log
    chk "access log: 404 on both servers" eq "$(logseq)" "S /noscript/16xxupgrade.txt 404|H /noscript/16xxupgrade.txt 404"
    chk "state: the installed image untouched" eq "$(st s404 meta.active),$(st s404 meta.trial),$(st s404 meta.appname)" "0,0,S16CC_1_0_2.bin"
    end
fi

if begin REQ-DL-001 "404 on a settings file: the chain goes on with the next GET, the run ends done"; then
    clone new set404
    boot set404 $(srv nosettings)
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "steps: the failed GET, then the others" eq "$(acts)" \
        "fetch_script run_script fetch_file continue_script fetch_file continue_script fetch_file continue_script commit_settings finish"
    take_log
    chk "access log: nosuch.txt 404, then 46xxsettings.txt and the per-MAC file" eq "$(logseq)" \
        "S /nosettings/16xxupgrade.txt 200|S /nosettings/nosuch.txt 404|S /nosettings/46xxsettings.txt 200|S /nosettings/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-007 "GET chain to a per-MAC file: each phone fetches its own \$MACADDR.txt from the script's server"; then
    boot macA $(srv noapp)
    chk "phone A: exit 11 (no image: retry wait, REQ-DL-018; got $RC)" eq "$RC" 11
    chk "phone A: PHNEMERGNUM 112 from 00040DAABBCC.txt" eq "$(st macA set.PHNEMERGNUM),$(st macA set.SIPDOMAIN)" "112,example.com"
    MAC=00:04:0d:aa:bb:dd boot macB $(srv noapp)
    chk "phone B: exit 11 (no image: retry wait, REQ-DL-018; got $RC)" eq "$RC" 11
    chk "phone B: the per-MAC file of A not applied" eq "$(st macB set.PHNEMERGNUM),$(st macB set.SIPDOMAIN)" ",example.com"
    take_log
    chk "access log: each phone its own file" eq "$(logseq)" \
        "S /noapp/16xxupgrade.txt 200|S /noapp/46xxsettings.txt 200|S /noapp/00040DAABBCC.txt 200|S /noapp/16xxupgrade.txt 200|S /noapp/46xxsettings.txt 200|S /noapp/00040DAABBDD.txt 404"
    end
fi

if begin REQ-DL-024 "redirects 301, 302, 303, 307, 308 (relative Location) are followed for every file"; then
    for c in 301 302 303 307 308; do
        clone new "r$c"
        boot "r$c" $(srv "r$c")
        chk "$c: exit status 0 (got $RC)" eq "$RC" 0
        chk "$c: settings applied" eq "$(st "r$c" set.PHNEMERGNUM)" 112
        take_log
        chk "$c: access log: each file redirected to /main/" eq "$(logseq)" \
            "S /r$c/16xxupgrade.txt $c|S /main/16xxupgrade.txt 200|S /r$c/46xxsettings.txt $c|S /main/46xxsettings.txt 200|S /r$c/00040DAABBCC.txt $c|S /main/00040DAABBCC.txt 200"
    done
    end
fi

if begin REQ-DL-024 "redirects: 5 hops are followed, the 6th fails; an absolute Location is followed; another scheme is refused, another host is TLS-checked by its own name (REQ-SEC-012)"; then
    clone new hops
    boot hops $(srv hop5)
    chk "5 hops: exit status 0 (got $RC)" eq "$RC" 0
    take_log
    chk "5 hops: access log" eq "$(head -6 "$LOG" | paste -sd'|')" \
        "S /hop5/16xxupgrade.txt 302|S /hop4/16xxupgrade.txt 302|S /hop3/16xxupgrade.txt 302|S /hop2/16xxupgrade.txt 302|S /hop1/16xxupgrade.txt 302|S /main/16xxupgrade.txt 200"
    boot hops $(srv hop6)
    chk "6 hops: exit status 11 (got $RC)" eq "$RC" 11
    chk "6 hops: redirect-limit on each server" eq "$(whys)" "redirect-limit redirect-limit"
    take_log
    chk "6 hops: 6 requests per server, /main/ never reached" eq "$(grep -c ' 302$' "$LOG"),$(grep -c /main/ "$LOG")" "12,0"
    boot hops --server "https://127.0.0.1:$DEAD/abs" --server "$H/abs"
    chk "absolute: exit status 0 (got $RC)" eq "$RC" 0
    take_log
    chk "absolute: access log" eq "$(logseq)" \
        "H /abs/16xxupgrade.txt 302|H /main/16xxupgrade.txt 200|H /abs/46xxsettings.txt 302|H /main/46xxsettings.txt 200|H /abs/00040DAABBCC.txt 302|H /main/00040DAABBCC.txt 200"
    boot hops --server "https://127.0.0.1:$DEAD/totls" --server "$H/totls"
    chk "to https: exit status 11 (got $RC)" eq "$RC" 11
    chk "to https: redirect-scheme" has "$(whys)" redirect-scheme
    take_log
    chk "to https: the HTTPS URL is not requested" eq "$(logseq)" "H /totls/16xxupgrade.txt 302"
    boot hops --server "$S/tlsmove" --server "http://127.0.0.1:$DEAD/x"
    chk "to another host over https: followed, its certificate checked by its name (got $RC)" eq "$RC" 0
    take_log
    chk "to another host: access log" eq "$(head -2 "$LOG" | paste -sd'|')" "S /tlsmove/16xxupgrade.txt 302|S /main/16xxupgrade.txt 200"
    boot hops --server "$S/tlsother" --server "http://127.0.0.1:$DEAD/x"
    chk "to a host whose certificate names another: net-tls (got $RC)" eq "$RC,$(whys)" "11,net-tls net-connect"
    take_log
    chk "to a host whose certificate names another: only the redirect logged" eq "$(logseq)" "S /tlsother/16xxupgrade.txt 302"
    end
fi

if begin REQ-DL-025 "chunked responses (lighttpd CGI, streamed): upgrade script, image and settings file"; then
    chk "the server really sends chunked (curl)" bash -c "curl -s -D - -o /dev/null '$H/cgi/chunked/46xxsettings.txt' | grep -qi '^Transfer-Encoding: chunked'"
    chk "the server sends the image chunked too" bash -c "curl -s -D - -o /dev/null '$H/cgi/chunked/S16CC_1_0_5.bin' | grep -qi '^Transfer-Encoding: chunked'"
    take_log
    clone new chunked
    boot chunked $(srv cgi/chunked)
    chk "boot 1: exit status 10 (the new application; got $RC)" eq "$RC" 10
    chk "boot 1: the image installed on trial in bank 1" eq "$(st chunked meta.active),$(st chunked meta.trial),$(st chunked bank1.name)" "1,1,S16CC_1_0_5.bin"
    chk "bank 1 holds the image byte for byte" cmp -n "$(stat -c %s "$W/S16CC_1_0_5.bin")" "$W/S16CC_1_0_5.bin" "$W/phones/chunked/bank1.img"
    boot chunked $(srv cgi/chunked)
    chk "boot 2: exit status 0 (got $RC)" eq "$RC" 0
    chk "boot 2: the settings split across chunks applied" eq "$(st chunked set.SIPDOMAIN),$(st chunked set.AGENTTONE)" "chunked.example.com,5"
    chk "boot 2: the image confirmed" eq "$(st chunked meta.trial),$(st chunked meta.appname)" "0,S16CC_1_0_5.bin"
    take_log
    chk "access log" eq "$(logseq)" \
        "S /cgi/chunked/16xxupgrade.txt 200|S /cgi/chunked/S16CC_1_0_5.bin 200|S /cgi/chunked/16xxupgrade.txt 200|S /cgi/chunked/46xxsettings.txt 200"
    end
fi

# reject SCENARIO FILE WHY [begin_install]: a provisioned phone refuses the image (at the
# header, or after begin_install while writing the payload) and keeps its own
reject() {
    clone new "rej-$1"
    boot "rej-$1" $(srv "$1")
    chk "$1: exit status 0 (got $RC)" eq "$RC" 0
    chk "$1: refused with $3" eq "$(q '[.boots[-1].steps[] | select(.action == "reject_image") | .why] | join(" ")')" "$3"
    chk "$1: the settings still fetched, then done (REQ-DL-018)" eq "$(acts)" \
        "fetch_script run_script start_image ${4:+$4 }reject_image fetch_file continue_script fetch_file continue_script commit_settings finish"
    chk "$1: the installed application stays active and confirmed" \
        eq "$(st "rej-$1" meta.active),$(st "rej-$1" meta.trial),$(st "rej-$1" meta.appname),$(st "rej-$1" bank0.valid),$(st "rej-$1" bank0.name)" "0,0,S16CC_1_0_2.bin,1,S16CC_1_0_2.bin"
    chk "$1: bank 0 untouched" cmp -n "$(stat -c %s "$WWW/main/S16CC_1_0_2.bin")" "$WWW/main/S16CC_1_0_2.bin" "$W/phones/rej-$1/bank0.img"
    [ -n "${4:-}" ] || chk "$1: refused at the header: bank 1 untouched too" \
        cmp "$W/phones/new/bank1.img" "$W/phones/rej-$1/bank1.img"
    chk "$1: the counter floor unchanged" eq "$(st "rej-$1" meta.min_counter)" 3
    take_log
    chk "$1: access log: the image, then the settings" eq "$(logseq)" \
        "S /$1/16xxupgrade.txt 200|S /$1/$2 200|S /$1/46xxsettings.txt 200|S /$1/00040DAABBCC.txt 200"
}

if begin REQ-DL-018 "a rejected image (untrusted signer, forged header, wrong model, rollback, bad payload) leaves the installed one running, its metadata and the boot selection unchanged, a partly written bank not bootable (REQ-IMG-019)"; then
    reject badsig S16CC_2_0_0.bin image-untrusted
    reject forged S16CC_2_0_4.bin image-bad-signature
    reject wrongmodel S16CC_2_0_1.bin image-wrong-model
    reject rollback S16CC_2_0_2.bin image-rollback
    reject corrupt S16CC_2_0_3.bin image-hash-mismatch begin_install
    chk "bad payload: bank 1 (partly overwritten) is no longer valid" eq "$(st rej-corrupt bank1.valid)" 0
    chk "header refusals: nothing written, bank 1 still valid" eq "$(st rej-badsig bank1.valid)$(st rej-forged bank1.valid)$(st rej-wrongmodel bank1.valid)$(st rej-rollback bank1.valid)" 1111
    end
fi

if begin REQ-SEC-008 "TLS: a server certificate of another name is refused (accepted with TLSSRVRID=0, REQ-SEC-009); an untrusted CA or an expired certificate is refused"; then
    clone new tlsname
    boot tlsname --server "https://127.0.0.1:$IT_OTHER/main" --server "http://127.0.0.1:$DEAD/main"
    chk "other name: exit status 11 (got $RC)" eq "$RC" 11
    chk "other name: net-tls, then the (dead) HTTP server" eq "$(whys)" "net-tls net-connect"
    take_log
    chk "other name: no request reached the server" nolog
    boot tlsname --server "https://127.0.0.1:$IT_OTHER/main" --server "http://127.0.0.1:$DEAD/main" --dhcp242 TLSSRVRID=0
    chk "TLSSRVRID=0: exit status 0 (got $RC)" eq "$RC" 0
    take_log
    chk "TLSSRVRID=0: the run over that server" eq "$(logseq)" \
        "O /main/16xxupgrade.txt 200|O /main/46xxsettings.txt 200|O /main/00040DAABBCC.txt 200"
    clone new tlsca
    boot tlsca --server "$S/main" --server "http://127.0.0.1:$DEAD/main" --ca "$PKI/root.pem"
    chk "untrusted CA: exit status 11 (got $RC)" eq "$RC" 11
    chk "untrusted CA: net-tls" eq "$(whys)" "net-tls net-connect"
    boot tlsca --server "$S/main" --server "http://127.0.0.1:$DEAD/main" --ca "$PKI/root.pem" --dhcp242 TLSSRVRID=0
    chk "untrusted CA, TLSSRVRID=0: still refused (the chain is always checked)" eq "$RC,$(whys)" "11,net-tls net-connect"
    take_log
    chk "untrusted CA: no request reached the server" nolog
    clone new tlsexp
    chk "the expired server answers (curl -k) with an expired certificate" \
        bash -c "curl -sk -o /dev/null 'https://127.0.0.1:$IT_EXPIRED/main/16xxupgrade.txt' && ! curl -s -o /dev/null --cacert '$PKI/tls-ca.pem' 'https://127.0.0.1:$IT_EXPIRED/main/16xxupgrade.txt'"
    take_log
    boot tlsexp --server "https://127.0.0.1:$IT_EXPIRED/main" --server "http://127.0.0.1:$DEAD/main"
    chk "expired certificate: refused, net-tls (got $RC)" eq "$RC,$(whys)" "11,net-tls net-connect"
    boot tlsexp --server "https://127.0.0.1:$IT_EXPIRED/main" --server "http://127.0.0.1:$DEAD/main" --dhcp242 TLSSRVRID=0
    chk "expired certificate, TLSSRVRID=0: still refused (got $RC)" eq "$RC,$(whys)" "11,net-tls net-connect"
    take_log
    chk "expired certificate: no request reached the server" nolog
    end
fi

if begin REQ-DL-003 "option 242: names case-insensitive, values kept, bad pairs ignored and reported, the others applied"; then
    clone new dhcp
    boot dhcp --dhcp242 "tlssrvr=127.0.0.1,TlsPort=$DEAD,httpsrvr=127.0.0.1,NOSUCH=1,HTTPPORT=notaport,HttpPort=$IT_HTTP,SIPDOMAIN=x.example,httpdir=main"
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "the option's TLS server first, then its HTTP server" eq "$(q '[.boots[-1].steps[0:2][] | .server] | join(" ")')" "https://127.0.0.1:$DEAD http://127.0.0.1:$IT_HTTP"
    chk "reported: unknown name, invalid value, not settable by DHCP" eq "$(diags | tr ' ' '\n' | grep dhcp | sort | paste -sd' ')" \
        "dhcp-invalid-value dhcp-not-dhcp dhcp-unknown-param"
    chk "the pair not settable by DHCP ignored" eq "$(st dhcp set.SIPDOMAIN)" example.com
    boot dhcp --dhcp242 "TLSSRVR=127.0.0.1,TLSPORT=$DEAD,HTTPSRVR=127.0.0.1,HTTPPORT=$IT_HTTP,HTTPDIR=MAIN"
    take_log
    chk "access log: the valid HTTPPORT; the value kept as given (not case-folded)" eq "$(logseq)" \
        "H /main/16xxupgrade.txt 200|H /main/46xxsettings.txt 200|H /main/00040DAABBCC.txt 200|H /MAIN/16xxupgrade.txt 404"
    end
fi

if begin REQ-DL-004 "this boot's option-242 value wins over the stored one; the stored one is used when the option lacks it"; then
    clone new dl004
    boot dl004 --server "https://127.0.0.1:$DEAD/x" --server "$H/dl004"
    chk "boot 1: done (got $RC)" eq "$RC" 0
    chk "boot 1: HTTPDIR dl004b stored from the settings file" eq "$(st dl004 set.HTTPDIR)" dl004b
    boot dl004 --server "https://127.0.0.1:$DEAD/x" --server "$H/dl004"
    chk "boot 2: done (got $RC)" eq "$RC" 0
    boot dl004 --server "https://127.0.0.1:$DEAD/x" --server "$H/"
    chk "boot 3: done (got $RC)" eq "$RC" 0
    take_log
    chk "access log: the option's directory twice, then the stored one" eq "$(logseq)" \
        "H /dl004/16xxupgrade.txt 200|H /dl004/dl004.txt 200|H /dl004/16xxupgrade.txt 200|H /dl004/dl004.txt 200|H /dl004b/16xxupgrade.txt 200"
    end
fi

if begin REQ-DL-004 "an option-242 server value is committed even when the files change nothing, so a boot without the option still finds it (REQ-SET-003)"; then
    clone new mirror
    boot mirror --dhcp242 "TLSDIR=mirror"
    chk "boot 1: done (got $RC)" eq "$RC" 0
    chk "boot 1: TLSDIR=mirror stored" eq "$(st mirror set.TLSDIR)" mirror
    boot mirror
    chk "boot 2 (no option): done (got $RC)" eq "$RC" 0
    boot mirror
    chk "boot 3: no settings write when nothing changed (REQ-SET-006)" eq "$(q '.boots[-1].settings_written')" false
    take_log
    chk "access log: the stored directory used without the option" eq "$(logseq)" \
        "S /mirror/16xxupgrade.txt 200|S /mirror/46xxsettings.txt 200|S /mirror/00040DAABBCC.txt 200|S /mirror/16xxupgrade.txt 200|S /mirror/46xxsettings.txt 200|S /mirror/00040DAABBCC.txt 200|S /mirror/16xxupgrade.txt 200|S /mirror/46xxsettings.txt 200|S /mirror/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-010 "request paths: the directory's slashes collapse, no empty segment"; then
    clone new paths
    boot paths --dhcp242 "TLSSRVR=127.0.0.1,TLSPORT=$IT_HTTPS,TLSDIR=/main/"
    chk "TLSDIR=/main/: done (got $RC)" eq "$RC" 0
    boot paths --dhcp242 "TLSSRVR=127.0.0.1,TLSPORT=$IT_HTTPS,TLSDIR=/"
    boot paths --dhcp242 "TLSSRVR=127.0.0.1,TLSPORT=$IT_HTTPS,TLSDIR=//cgi//chunked"
    take_log
    chk "access log: /main/F, /F, /cgi/chunked/F" eq "$(grep '^S .*/16xxupgrade.txt' "$LOG" | awk '{print $2}' | paste -sd' ')" \
        "/main/16xxupgrade.txt /16xxupgrade.txt /cgi/chunked/16xxupgrade.txt"
    end
fi

if begin REQ-DL-012 "the upgrade script's name: 16xxupgrade.txt, overridden by UPGRADESCRIPT (REQ-DL-013: 96xx, 96x1 by SIG, 4600)"; then
    names=
    name_of() { # name_of PHONE [options]: the script file requested
        local ph=$1
        shift
        boot "$ph" --server "$H/names" "$@"
        names="$names $(q '.boots[-1].steps[0].file')"
    }
    name_of n16
    name_of n16o --dhcp242 UPGRADESCRIPT=custom.txt
    name_of n9620 --model 9620 --model4 9620
    name_of n9641h --profile 96x1 --model 9641 --model4 9641 --dhcp242 SIG=1
    name_of n9641s --profile 96x1 --model 9641 --model4 9641 --dhcp242 SIG=2
    name_of n9641 --profile 96x1 --model 9641 --model4 9641 --sys SIG_IN_USE=H323
    name_of n4610 --profile 4600 --model 4610 --model4 4610
    chk "names (got$names)" eq "$names" \
        " 16xxupgrade.txt custom.txt 96xxupgrade.txt 96x1Hupgrade.txt 96x1Supgrade.txt 96x1Hupgrade.txt 46xxupgrade.scr"
    take_log
    chk "access log: those names requested" eq "$(awk '{print $2}' "$LOG" | paste -sd' ')" \
        "/names/16xxupgrade.txt /names/custom.txt /names/96xxupgrade.txt /names/96x1Hupgrade.txt /names/96x1Supgrade.txt /names/96x1Hupgrade.txt /names/46xxupgrade.scr"
    end
fi

if begin REQ-DL-014 "no APPNAME: a factory-new phone downloads nothing, fetches its settings and waits to retry (no image)"; then
    boot noapp $(srv noapp)
    chk "exit status 11 (no image: a retry wait, REQ-DL-018; got $RC)" eq "$RC" 11
    chk "no start_image" hasnt "$(acts)" start_image
    chk "no bank written" bash -c "! ls '$W/phones/noapp/'bank* 2>/dev/null"
    take_log
    chk "access log: no .bin" eq "$(logseq)" "S /noapp/16xxupgrade.txt 200|S /noapp/46xxsettings.txt 200|S /noapp/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-015 "APPNAME set in a settings file changes APPNAME but downloads nothing"; then
    clone new setapp
    boot setapp $(srv setapp)
    chk "exit status 0 (got $RC)" eq "$RC" 0
    chk "no start_image" hasnt "$(acts)" start_image
    chk "the other SET of that file applied" eq "$(st setapp set.SIPDOMAIN)" setapp.example
    boot setapp $(srv setapp)
    chk "next boot: exit status 0 (got $RC)" eq "$RC" 0
    take_log
    chk "access log: no .bin in either boot" eq "$(logseq)" \
        "S /setapp/16xxupgrade.txt 200|S /setapp/appset.txt 200|S /setapp/16xxupgrade.txt 200|S /setapp/appset.txt 200"
    end
fi

if begin REQ-DL-020 "an unconfirmed trial image is reverted at the next boot, and its name is then not fetched again (REQ-DL-021)"; then
    clone new revert
    boot revert $(srv up)
    chk "boot 1: the new application installed on trial (got $RC)" eq "$RC,$(st revert meta.active),$(st revert meta.trial),$(st revert bank1.name)" "10,1,1,S16CC_1_0_3.bin"
    boot revert --server "https://127.0.0.1:$DEAD/up" --server "http://127.0.0.1:$DEAD/up"
    chk "boot 2 (trial): no server, retry wait, not confirmed (got $RC)" eq "$RC,$(st revert meta.trial),$(st revert meta.boots)" "11,1,1"
    boot revert $(srv up)
    chk "boot 3: reverted, reboot (got $RC)" eq "$RC,$(acts)" "10,revert_image"
    chk "boot 3: bank 0 active again, no trial, bank 1 invalid, name blocked" \
        eq "$(st revert meta.active),$(st revert meta.trial),$(st revert bank1.valid),$(st revert meta.blocked)" "0,0,0,S16CC_1_0_3.bin"
    chk "boot 3: the counter floor not raised by the reverted image (REQ-SEC-001)" eq "$(st revert meta.min_counter)" 3
    boot revert $(srv up)
    chk "boot 4: done on the old application (got $RC)" eq "$RC,$(q '.boots[-1].appname')" "0,S16CC_1_0_2.bin"
    chk "boot 4: no download, image-blocked reported" eq "$(acts | grep -c start_image),$(has "$(diags)" image-blocked && echo y)" "0,y"
    boot revert $(srv up2)
    chk "boot 5: another name is fetched, which clears the block (got $RC)" eq "$RC,$(st revert bank1.name),$(st revert meta.blocked)" "10,S16CC_1_0_4.bin,"
    boot revert $(srv up2)
    chk "boot 6: the new application confirmed (got $RC)" eq "$RC,$(st revert meta.trial),$(st revert meta.appname)" "0,0,S16CC_1_0_4.bin"
    chk "boot 6: the counter floor raised to its counter at confirmation (REQ-SEC-001)" eq "$(st revert meta.min_counter)" 4
    boot revert $(srv up)
    chk "boot 7: the once reverted name may come again (got $RC)" eq "$RC,$(st revert bank0.name),$(st revert meta.active)" "10,S16CC_1_0_3.bin,0"
    take_log
    chk "access log: no request while the trial has no server, no .bin at boot 4" eq "$(logseq)" \
        "S /up/16xxupgrade.txt 200|S /up/S16CC_1_0_3.bin 200|S /up/16xxupgrade.txt 200|S /up/46xxsettings.txt 200|S /up/00040DAABBCC.txt 200|S /up2/16xxupgrade.txt 200|S /up2/S16CC_1_0_4.bin 200|S /up2/16xxupgrade.txt 200|S /up2/46xxsettings.txt 200|S /up2/00040DAABBCC.txt 200|S /up/16xxupgrade.txt 200|S /up/S16CC_1_0_3.bin 200"
    end
fi

if begin REQ-DL-018 "a factory-new phone whose only image is refused ends in a bounded retry wait"; then
    boot rejnew $(srv badsig)
    chk "refused: image-untrusted" has "$(whys)" image-untrusted
    chk "no image installed" eq "$(st rejnew bank0.valid)$(st rejnew bank1.valid)" ""
    take_log
    chk "access log: the image requested once" eq "$(grep -c '\.bin 200$' "$LOG")" 1
    chk "a retry wait: exit status 11 (got $RC: $(acts))" eq "$RC" 11
    gap "spec/boot.fsm has no way from RUN_FILE to WAIT: the run ends done (exit 1) without an image"
    end
fi

if begin REQ-DL-022 "size caps: an upgrade script over its cap is refused by Content-Length, or aborted as it grows (chunked); the 972,412-byte template is accepted, a settings file over 2 MiB refused; an image larger than the bank refused"; then
    clone new caps
    boot caps $(srv bigscript)
    chk "big script: retry wait (got $RC)" eq "$RC" 11
    chk "big script: http-body-too-large on each server" eq "$(whys)" "http-body-too-large http-body-too-large"
    chk "the chunked CGI really streams chunked (curl, logged too)" bash -c "curl -s -D - -o /dev/null '$H/cgi/bigchunked/16xxupgrade.txt' | grep -qi '^Transfer-Encoding: chunked'"
    boot caps $(srv cgi/bigchunked)
    chk "big chunked script: aborted as it grows past the cap (got $RC)" eq "$RC,$(whys)" "11,http-body-too-large http-body-too-large"
    boot caps $(srv caps)
    chk "settings: done (got $RC)" eq "$RC" 0
    chk "the template applied, the huge file not" eq "$(st caps set.SIPDOMAIN),$(st caps set.AGENTTONE),$(st caps set.SNTPSRVR)" "template.example,3,pool.ntp.org"
    chk "the huge file failed (body too large)" eq "$(q '[.boots[-1].steps[] | select(.why) | .why] | join(" ")')" "http-body-too-large"
    boot caps $(srv big) --bank-size 200000
    chk "image over the bank: refused at the head (Content-Length), done (got $RC)" eq "$RC,$(q '[.boots[-1].steps[] | select(.why) | .action + " " + .why] | join(" ")')" "0,abandon_image http-body-too-large"
    chk "nothing written: bank 1 still valid" eq "$(st caps bank1.valid),$(st caps meta.active)" "1,0"
    take_log
    chk "access log" eq "$(awk '{print $2, $3}' "$LOG" | paste -sd'|')" \
        "/bigscript/16xxupgrade.txt 200|/bigscript/16xxupgrade.txt 200|/cgi/bigchunked/16xxupgrade.txt 200|/cgi/bigchunked/16xxupgrade.txt 200|/cgi/bigchunked/16xxupgrade.txt 200|/caps/16xxupgrade.txt 200|/caps/template.txt 200|/caps/huge.txt 200|/big/16xxupgrade.txt 200|/big/S16CC_3_0_0.bin 200|/big/46xxsettings.txt 200|/big/00040DAABBCC.txt 200"
    end
fi

# canned RESPONSE...: the canned responder (it.py canned) on a fresh port: CPORT, CLOG
canned() {
    [ -n "$CANNED_PID" ] && kill "$CANNED_PID" 2>/dev/null && wait "$CANNED_PID" 2>/dev/null
    NOUT=$((NOUT + 1))
    CLOG=$W/log/$NOUT.canned
    rm -f "$CLOG" "$CLOG.port"
    : > "$CLOG"
    python3 "$IT" canned "$CLOG.port" "$CLOG" "$@" &
    CANNED_PID=$!
    for _ in $(seq 100); do [ -s "$CLOG.port" ] && break; sleep 0.05; done
    CPORT=$(cat "$CLOG.port")
}
resp() { printf '%b' "$2" > "$W/$1"; echo "$W/$1"; }

if begin REQ-DL-011 "the request: GET path HTTP/1.1, a Host header with the port, no credentials, proxy or cookie"; then
    clone new req
    canned "$(resp r404 'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')"
    boot req --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/d/"
    chk "retry wait after the 404 (got $RC)" eq "$RC" 11
    chk "the request line" eq "$(head -1 "$CLOG" | tr -d '\r')" "GET /d/16xxupgrade.txt HTTP/1.1"
    chk "Host: 127.0.0.1:$CPORT" grep -qx "Host: 127.0.0.1:$CPORT"$'\r' "$CLOG"
    chk "no Authorization, Proxy-*, Cookie" bash -c "! grep -qiE '^(authorization|proxy-|cookie)' '$CLOG'"
    end
fi

if begin REQ-DL-025 "a body delimited by the end of the connection; a 100 interim response skipped (REQ-DL-026)"; then
    clone new close
    canned "$(resp c1 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\n\r\nGET close.txt\n')" \
        "$(resp c2 'HTTP/1.0 200 OK\r\n\r\nSET SIPDOMAIN close.example\nSET AGENTTONE 2\n')"
    boot close --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "done (got $RC)" eq "$RC" 0
    chk "the close-delimited settings applied" eq "$(st close set.SIPDOMAIN),$(st close set.AGENTTONE)" "close.example,2"
    chk "two requests" eq "$(grep -c '^GET ' "$CLOG")" 2
    end
fi

if begin REQ-DL-026 "only 200 succeeds: a 204 (CGI), a 206 to a request without Range and a 101 are failures; up to 8 interim responses are skipped, not 9"; then
    clone new status
    boot status $(srv cgi/s204)
    chk "204: retry wait, http-not-ok twice (got $RC)" eq "$RC,$(whys)" "11,http-not-ok http-not-ok"
    take_log
    chk "204: access log" eq "$(logseq)" "S /cgi/s204/16xxupgrade.txt 204|H /cgi/s204/16xxupgrade.txt 204"
    canned "$(resp s206 'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-13/14\r\nContent-Length: 14\r\n\r\nGET close.txt\n')"
    boot status --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "206: retry wait (got $RC)" eq "$RC" 11
    chk "206: refused" eq "$(q '.boots[-1].steps[-1].why')" http-not-ok
    canned "$(resp s101 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n')"
    boot status --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "101: retry wait, http-switching (got $RC)" eq "$RC,$(q '.boots[-1].steps[-1].why')" "11,http-switching"
    canned "$(resp s100x8 "$(printf 'HTTP/1.1 100 Continue\\r\\n\\r\\n%.0s' 1 2 3 4 5 6 7 8)HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n#\n")" \
        "$(resp s100x9 "$(printf 'HTTP/1.1 100 Continue\\r\\n\\r\\n%.0s' 1 2 3 4 5 6 7 8 9)HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n#\n")"
    boot status --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "8 interim responses skipped, then the script (got $RC)" eq "$RC,$(acts)" "0,fetch_script next_server run_script commit_settings finish"
    boot status --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "9 interim responses: http-too-many-interim (got $RC)" eq "$RC,$(q '.boots[-1].steps[-1].why')" "11,http-too-many-interim"
    end
fi

if begin REQ-SEC-013 "hostile responses refused end to end: an HTTP/0.9 reply, Content-Length with chunked, a control byte in the head, bytes after the body"; then
    clone new hostile
    for r in "no-status-line:SET APPNAME evil.bin\n" \
             "length-and-chunked:HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" \
             "control-byte:HTTP/1.1 200 OK\r\nX-A: \x01\r\nContent-Length: 0\r\n\r\n" \
             "extra-data:HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n#\nSET APPNAME evil.bin\n"; do
        rule=${r%%:*}
        canned "$(resp "h-$rule" "${r#*:}")"
        boot hostile --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
        chk "$rule: refused with http-$rule, retry wait (got $RC, $(whys))" eq "$RC,$(whys)" "11,net-connect http-$rule"
    done
    chk "the installed image untouched" eq "$(st hostile meta.active),$(st hostile meta.appname),$(st hostile meta.trial)" "0,S16CC_1_0_2.bin,0"
    end
fi

if begin REQ-DL-023 "slow servers (fast-clock build): silence times out, a trickle below the rate is cut, a transfer past its deadline is cut (REQ-SEC-007, REQ-DL-028)"; then
    clone new slow
    t=$(date +%s%N)
    BIN=$FAST boot slow --server "https://127.0.0.1:$DEAD/x" --server "$H/cgi/hang"
    ms=$(( ($(date +%s%N) - t) / 1000000 ))
    chk "silent server: net-timeout, retry wait (got $RC)" eq "$RC,$(whys)" "11,net-connect net-timeout"
    chk "silent server: abandoned within 1-3 s (took $ms ms)" bash -c "[ $ms -ge 900 ] && [ $ms -le 3000 ]"
    t=$(date +%s%N)
    BIN=$FAST boot slow --server "https://127.0.0.1:$DEAD/x" --server "$H/cgi/trickle"
    ms=$(( ($(date +%s%N) - t) / 1000000 ))
    chk "trickle: file-too-slow, retry wait (got $RC)" eq "$RC,$(whys)" "11,net-connect file-too-slow"
    chk "trickle: abandoned within 1-3 s (took $ms ms)" bash -c "[ $ms -ge 900 ] && [ $ms -le 3000 ]"
    t=$(date +%s%N)
    BIN=$FAST boot slow --server "https://127.0.0.1:$DEAD/x" --server "$H/cgi/deadline"
    ms=$(( ($(date +%s%N) - t) / 1000000 ))
    chk "deadline: file-deadline, retry wait (got $RC)" eq "$RC,$(whys)" "11,net-connect file-deadline"
    chk "deadline: abandoned at 5-6.5 s (took $ms ms)" bash -c "[ $ms -ge 4900 ] && [ $ms -le 6500 ]"
    take_log
    end
fi

if begin REQ-DL-009 "no server (fast-clock build): jittered backoff waits, then the installed image and stored settings after the round limit; a phone without an image keeps retrying"; then
    clone new backoff
    t=$(date +%s%N)
    WAIT=1 BIN=$FAST boot backoff --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$DEAD/x"
    ms=$(( ($(date +%s%N) - t) / 1000000 ))
    chk "done with the installed image (got $RC)" eq "$RC,$(q '.boots[-1].appname')" "0,S16CC_1_0_2.bin"
    chk "three rounds, two waits, then give_up" eq "$(acts)" \
        "fetch_script next_server schedule_retry fetch_script next_server schedule_retry fetch_script next_server give_up"
    chk "waits in [0.5,1] s then [1,2] s: 1.5-3 s in all (took $ms ms)" bash -c "[ $ms -ge 1500 ] && [ $ms -le 3300 ]"
    chk "the stored settings kept" eq "$(st backoff set.PHNEMERGNUM),$(st backoff settings.seq)" "112,$(st new settings.seq)"
    # a factory-new phone has nothing to fall back to: it keeps retrying, waits capped
    NOUT=$((NOUT + 1))
    OUT=$W/out/$NOUT-backoff-new.json
    mkdir -p "$W/phones/backoff-new"
    timeout 7 "$FAST" boot --state "$W/phones/backoff-new" --model 16CC --mac "$MAC" --json \
        --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$DEAD/x" > "$OUT" 2>&1
    RC=$?
    n=$(grep -c '"schedule_retry"' "$OUT")
    chk "factory-new: still retrying after 7 s (got $RC: timeout)" eq "$RC" 124
    chk "factory-new: more rounds than the limit, waits of at most 2 s: 4 to 14 retries in 7 s (got $n)" \
        bash -c "[ $n -ge 4 ] && [ $n -le 14 ]"
    chk "factory-new: never gives up" bash -c "! grep -q give_up '$OUT'"
    end
fi

# pair PHONE: the stored (SIPDOMAIN, AGENTTONE)
pair() { echo "$(st "$1" set.SIPDOMAIN),$(st "$1" set.AGENTTONE)"; }
# active_ok PHONE: the active bank is valid and holds, byte for byte, the image it names
active_ok() {
    local a n f
    a=$(st "$1" meta.active)
    [ "$(st "$1" "bank$a.valid")" = 1 ] || return 1
    n=$(st "$1" "bank$a.name")
    f=$(ls "$WWW"/main/"$n" "$WWW"/cut/"$n" 2>/dev/null | head -1)
    [ -n "$f" ] && cmp -s -n "$(stat -c %s "$f")" "$f" "$W/phones/$1/bank$a.img"
}

if begin REQ-SEC-015 "a power cut at every write, sync or rename of an upgrade and a settings commit (torn or not) leaves a verified image and exactly the old or the new settings (REQ-SET-010); the next boots finish it"; then
    cuts=0
    for torn in "" --torn; do
        n=1
        while [ $n -le 60 ]; do
            clone new cut
            boot cut $(srv cut) --until-done --fault-at $n $torn
            [ "$RC" = 12 ] || break
            cuts=$((cuts + 1))
            chk "cut at $n$torn: the active bank holds a verified image" active_ok cut
            chk "cut at $n$torn: the old or the new settings (got $(pair cut))" \
                bash -c "[ '$(pair cut)' = example.com,7 ] || [ '$(pair cut)' = cut.example,1 ]"
            boot cut $(srv cut) --until-done
            chk "cut at $n$torn: the next boots end done (got $RC)" eq "$RC" 0
            chk "cut at $n$torn: then the new application, confirmed, and the new settings" \
                eq "$(q '.boots[-1].appname'),$(st cut meta.trial),$(pair cut)" "S16CC_1_0_3.bin,0,cut.example,1"
            n=$((n + 1))
        done
        chk "no cut at $n$torn: the run is done (got $RC)" eq "$RC" 0
        printf '%s\t%s\n' "${torn:-plain}" $((n - 1)) >> "$W/power-cuts.tsv"   # for docs/robustness.md
    done
    chk "power cuts tried: $cuts (at least 20)" bash -c "[ $cuts -ge 20 ]"
    take_log
    end
fi

# cut_resume PHONE DIR: boots a clone of the factory-new phone against DIR with the power cut
# at the first flash operation after which a resume point is stored (sets CUT, or none).
# The REQ-DL-027 cases run the fast build, whose resume points are 64 KiB apart (4 MiB in
# the default build: a 200 KB image would store none).
cut_resume() {
    local n=3
    CUT=
    while [ $n -le 80 ]; do
        clone new "$1"
        boot "$1" $(srv "$2") --fault-at $n
        [ "$RC" = 12 ] || return 0
        if [ "$(st "$1" part.off)" ] && [ "$(st "$1" part.off)" -gt 0 ]; then
            CUT=$n
            return 0
        fi
        n=$((n + 1))
    done
}
# part NAME HEAD FILE FROM [TO]: a canned response, HEAD then the bytes FROM..TO-1 of FILE
part() {
    local to=${5:-$(stat -c %s "$3")}
    { printf '%b' "$2"; tail -c +$(($4 + 1)) "$3" | head -c $((to - $4)); } > "$W/$1"
    echo "$W/$1"
}

if begin REQ-DL-002 "a remote reboot order from the call server after provisioning: the phone reboots, and the next boot runs the whole flow again"; then
    clone new order
    take_log
    boot order $(srv main) --reboot-order
    chk "the order ends the run with a reboot (got $RC)" eq "$RC,$(outcome)" "10,reboot"
    chk "provisioning was over first" eq "$(acts)" \
        "fetch_script run_script fetch_file continue_script fetch_file continue_script commit_settings finish"
    chk "the same image stays active" eq "$(st order meta.active),$(st order meta.trial),$(st order bank0.name)" "0,0,S16CC_1_0_2.bin"
    boot order $(srv main)
    chk "the next boot runs the whole flow again (got $RC)" eq "$RC,$(acts)" \
        "0,fetch_script run_script fetch_file continue_script fetch_file continue_script commit_settings finish"
    take_log
    chk "access log: the script and the settings files, twice" eq "$(logseq)" \
        "S /main/16xxupgrade.txt 200|S /main/46xxsettings.txt 200|S /main/00040DAABBCC.txt 200|S /main/16xxupgrade.txt 200|S /main/46xxsettings.txt 200|S /main/00040DAABBCC.txt 200"
    end
fi

if begin REQ-DL-027 "a binary download cut by a power cut resumes after reboot with Range from the last resume point, the bytes already in the bank verified again"; then
    img=$WWW/resume/S16CC_1_0_6.bin
    BIN=$FAST
    cut_resume resume resume
    chk "a power cut after a resume point was stored (at flash operation $CUT)" test -n "$CUT"
    off=$(st resume part.off)
    chk "the resume point: bank 1, the image's name, its ETag, inside the image (got $off)" \
        bash -c "[ '$(st resume part.bank),$(st resume part.name)' = 1,S16CC_1_0_6.bin ] && [ -n '$(st resume part.etag)' ] && [ $off -lt $(stat -c %s "$img") ]"
    chk "bank 1 holds at least the bytes up to the resume point" \
        bash -c "[ \$(stat -c %s '$W/phones/resume/bank1.img') -ge $off ]"
    take_log
    boot resume $(srv resume)
    chk "the next boot installs it (got $RC)" eq "$RC,$(st resume bank1.name),$(st resume bank1.valid)" "10,S16CC_1_0_6.bin,1"
    chk "resumed (diagnostic)" has "$(diags)" resumed
    chk "bank 1 holds the image byte for byte" cmp -n "$(stat -c %s "$img")" "$img" "$W/phones/resume/bank1.img"
    chk "the resume point is forgotten once the image is committed" eq "$(st resume part.name)" ""
    take_log
    chk "access log: the script, then the image as a 206 (Range), no whole download" eq "$(logseq)" \
        "S /resume/16xxupgrade.txt 200|S /resume/S16CC_1_0_6.bin 206"
    BIN=
    end
fi

if begin REQ-DL-027 "a resume point of a file that changed on the server (another ETag): If-Range gets the whole new file, from byte 0"; then
    scenario resume2 'SET APPNAME S16CC_1_0_6.bin\nGET 46xxsettings.txt\n'
    img resume2 S16CC_1_0_6.bin app '16cc' 4 200000
    BIN=$FAST
    cut_resume resume2 resume2
    chk "a power cut after a resume point was stored (at $CUT)" test -n "$CUT"
    old=$(st resume2 part.etag)
    sleep 1
    img resume2 S16CC_1_0_6.bin app '16cc' 4 200000   # the same name, new bytes
    take_log
    boot resume2 $(srv resume2)
    chk "installed (got $RC)" eq "$RC,$(st resume2 bank1.valid)" "10,1"
    chk "not resumed" hasnt "$(diags)" resumed
    chk "bank 1 holds the new file byte for byte" cmp -n "$(stat -c %s "$WWW/resume2/S16CC_1_0_6.bin")" "$WWW/resume2/S16CC_1_0_6.bin" "$W/phones/resume2/bank1.img"
    take_log
    chk "access log: the image whole (200)" eq "$(logseq)" "S /resume2/16xxupgrade.txt 200|S /resume2/S16CC_1_0_6.bin 200"
    BIN=
    end
fi

if begin REQ-DL-027 "within a run: a transfer broken in the payload is asked again with Range and If-Range from the next byte to write; a server that ignores Range (200) is not restarted in that run"; then
    img=$WWW/resume/S16CC_1_0_6.bin
    size=$(stat -c %s "$img")
    k=100000
    etag='"r-1"'
    hd="HTTP/1.1 200 OK\r\nContent-Length: $size\r\nETag: $etag\r\n\r\n"
    script=$(resp rs1 'HTTP/1.1 200 OK\r\nContent-Length: 28\r\n\r\nSET APPNAME S16CC_1_0_6.bin\n')
    clone new inrun
    canned "$script" "$(part rs2 "$hd" "$img" 0 $k)" \
        "$(part rs3 "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes $k-$((size - 1))/$size\r\nContent-Length: $((size - k))\r\nETag: $etag\r\n\r\n" "$img" $k)"
    boot inrun --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "installed in the same run (got $RC)" eq "$RC,$(st inrun bank1.name)" "10,S16CC_1_0_6.bin"
    chk "the broken transfer was resumed (resume_image)" has "$(acts)" resume_image
    chk "bank 1 holds the image byte for byte" cmp -n "$size" "$img" "$W/phones/inrun/bank1.img"
    chk "the third request asks for the rest: Range: bytes=$k-" grep -qx "Range: bytes=$k-"$'\r' "$CLOG"
    chk "... only if it is the same file: If-Range: $etag" grep -qx "If-Range: $etag"$'\r' "$CLOG"
    clone new inrun200
    canned "$script" "$(part rs4 "$hd" "$img" 0 $k)" "$(part rs5 "$hd" "$img" 0)"
    boot inrun200 --server "https://127.0.0.1:$DEAD/x" --server "http://127.0.0.1:$CPORT/"
    chk "a 200 to the range request: the image is abandoned, the run ends done (got $RC)" \
        eq "$RC,$(st inrun200 bank1.valid)" "0,0"
    chk "resume-refused" has "$(whys)" resume-refused
    chk "no resume point is kept" eq "$(st inrun200 part.name)" ""
    end
fi

if begin REQ-SEC-010 "the certificate files named by TRUSTCERTS are requested after the settings files and stored with the settings commit"; then
    clone new certs
    boot certs $(srv certs)
    chk "done (got $RC)" eq "$RC" 0
    take_log
    chk "access log: the settings, then each certificate file" eq "$(logseq)" \
        "S /certs/16xxupgrade.txt 200|S /certs/46xxsettings.txt 200|S /certs/certs.pem 200|S /certs/root.pem 200"
    chk "the set stored with the settings: both files, byte for byte" \
        eq "$(st certs certs.len),$(st certs certs.sha256),$(st certs set.SIPDOMAIN)" \
        "$(cat "$WWW/certs/certs.pem" "$WWW/certs/root.pem" | wc -c),$(cat "$WWW/certs/certs.pem" "$WWW/certs/root.pem" | sha256sum | cut -d' ' -f1),certs.example"
    seq=$(st certs settings.seq)
    boot certs $(srv certs)
    chk "the same set again: nothing written (got $RC)" eq "$RC,$(st certs settings.seq)" "0,$seq"
    end
fi

if begin REQ-SEC-008 "with a certificate set stored from TRUSTCERTS, the HTTPS server is checked against it, not against the built-in roots"; then
    clone certs anchors
    boot anchors $(srv certs) --ca "$PKI/root.pem"
    chk "the built-in roots do not hold the TLS CA, the stored set does: done over HTTPS (got $RC)" \
        eq "$RC,$(q '.boots[-1].steps[0].action')" "0,fetch_script"
    take_log
    chk "access log: HTTPS only" eq "$(cut -c1 "$LOG" | sort -u | paste -sd,)" S
    clone new noanchors
    boot noanchors $(srv certs) --ca "$PKI/root.pem"
    chk "without a stored set the same built-in roots fail the HTTPS server (net-tls), HTTP serves" \
        eq "$(q '.boots[-1].steps[1].why')" net-tls
    end
fi

if begin REQ-SEC-010 "a certificate file that is a key, has a line that is not base64, or is missing leaves the stored set as it was; the other settings are committed"; then
    for bad in key b64 missing; do
        clone certs "cb-$bad"
        len=$(st "cb-$bad" certs.len)
        sum=$(st "cb-$bad" certs.sha256)
        boot "cb-$bad" $(srv "certs-$bad")
        chk "$bad: done (got $RC)" eq "$RC" 0
        chk "$bad: the stored set unchanged, the settings applied" \
            eq "$(st "cb-$bad" certs.len),$(st "cb-$bad" certs.sha256),$(st "cb-$bad" set.SIPDOMAIN)" "$len,$sum,$bad.example"
        chk "$bad: certs-kept" has "$(diags)" certs-kept
        case $bad in
        key) chk "key.pem: cert-not-cert at its BEGIN PRIVATE KEY line" \
                 eq "$(q '[.boots[-1].findings[] | select(.rule == "cert-not-cert") | "\(.line):\(.col)"] | join(" ")'),$(q '.boots[-1].steps | (map(.why) | index("cert-not-cert")) as $i | .[$i - 1].file')" \
                 "$(($(wc -l < "$PKI/tls-ca.pem") + 1)):1,key.pem" ;;
        b64) chk "b64.pem: cert-bad-line at line 3, column 1" \
                 eq "$(q '[.boots[-1].findings[] | select(.rule == "cert-bad-line") | "\(.line):\(.col)"] | join(" ")')" "3:1" ;;
        missing) chk "missing.pem: the 404 fails the set" has "$(whys)" http-not-ok ;;
        esac
    done
    end
fi

echo "integration: $NPASS passed, $NFAIL failed, $NGAP known gaps ($(( $(date +%s) - T0 )) s)"
[ "$NFAIL" -eq 0 ]
