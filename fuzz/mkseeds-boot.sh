#!/bin/bash
# Regenerates the seeds of fuzz/corpus/boot (fuzz/fuzz_boot.c): byte 0 seeds the slicing,
# then the responses of the servers in the order a phone asks, separated by "\n--8<--\n".
# Images are signed with the fuzz build's test key (as fuzz/mkseeds-image.sh does), for a
# 16CC with hardware version 3. Run from the repository root:
#   fuzz/mkseeds-boot.sh BUILD_DIR
# ONLY="NAME..." in the environment writes only those seeds (the others stay as committed).
set -eu
B=$1
OUT=fuzz/corpus/boot
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
seed=$(sed -n '/dp_fuzz_test_seed\[32\] = {/,/};/p' fuzz/port_testkey.c | grep -o '0x[0-9a-f][0-9a-f]' | sed 's/0x//' | tr -d '\n')
{ printf '302e020100300506032b657004220420%s' "$seed" | xxd -r -p; } > "$T/key.der"
openssl pkey -inform DER -in "$T/key.der" -out "$T/key.pem" 2>/dev/null
openssl req -x509 -new -key "$T/key.pem" -subj "/CN=deskprov fuzz test key" -days 3650 \
    -addext extendedKeyUsage=codeSigning -out "$T/cert.pem" 2>/dev/null
mkdir -p "$OUT"

img() { # img FILE KIND MODELS COUNTER BYTES
    head -c "$5" /dev/zero | tr '\0' 'p' > "$T/payload"
    "$B/deskprov" image create --key "$T/key.pem" --cert "$T/cert.pem" --version 1.0 --kind "$2" \
        --model "$3" --hw 3 --counter "$4" --name "$1" "$T/payload" -o "$T/$1" >/dev/null
}
ok() { # ok FILE: a 200 with Content-Length
    printf 'HTTP/1.1 200 OK\r\nContent-Length: %d\r\nETag: "1"\r\n\r\n' "$(stat -c %s "$1")"
    cat "$1"
}
text() { printf '%b' "$1" > "$T/t"; ok "$T/t"; }
chunked() { # chunked TEXT: two chunks
    printf '%b' "$1" > "$T/t"
    n=$(stat -c %s "$T/t")
    h=$((n / 2))
    printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n' "$h"
    head -c "$h" "$T/t"
    printf '\r\n%x\r\n' $((n - h))
    tail -c +$((h + 1)) "$T/t"
    printf '\r\n0\r\n\r\n'
}
status() { printf 'HTTP/1.1 %s\r\nContent-Length: 0\r\n\r\n' "$1"; }
sep() { printf '\n--8<--\n'; }
seedfile() { # seedfile NAME SEEDBYTE: stdin, prefixed with the seed byte
    if [ -n "${ONLY:-}" ]; then
        case " $ONLY " in *" $1 "*) ;; *) cat >/dev/null; return 0;; esac
    fi
    { printf "\\x$2"; cat; } > "$OUT/$1"
}

img S16CC_1.bin app 16cc 5 900
img hb16cc_1.bin boot 16cc 5 300
img S16CC_9.bin app 9620 5 200
img S16CC_0.bin app 16cc 1 200
SCRIPT='SET APPNAME S16CC_1.bin\nGET 46xxsettings.txt\n'
SETTINGS='SET SIPDOMAIN example.com\nSET AGENTTONE 7\nGET $MACADDR.txt\n'
MACFILE='SET PHNEMERGNUM 112\n'
TWOSTAGE='IF $BOOTNAME SEQ hb16cc_1.bin GOTO APP\nSET APPNAME hb16cc_1.bin\nGOTO GETSET\n# APP\nSET APPNAME S16CC_1.bin\n# GETSET\nGET 46xxsettings.txt\n'

# a factory-new phone: script, image (reboot), then script, settings, per-MAC file (done)
{ text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep; text "$MACFILE"; } \
    | seedfile factory-new 05
# boot image, then application, then settings
{ text "$TWOSTAGE"; sep; ok "$T/hb16cc_1.bin"; sep; text "$TWOSTAGE"; sep; ok "$T/S16CC_1.bin"; sep;
  text "$TWOSTAGE"; sep; text "$SETTINGS"; sep; text "$MACFILE"; } | seedfile two-stage 07
# the TLS server fails (404), the HTTP server answers with chunked files and a redirect
{ status '404 Not Found'; sep; chunked "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; chunked "$SCRIPT"; sep;
  printf 'HTTP/1.1 302 Found\r\nLocation: /other/46xxsettings.txt\r\nContent-Length: 0\r\n\r\n'; sep;
  chunked "$SETTINGS"; sep; status '404 Not Found'; } | seedfile chunked-redirect 11
# an image for another model refused (the settings still come); an image installed, a
# rollback refused; on trial, the server silent, then reverted
{ text 'SET APPNAME S16CC_9.bin\nGET 46xxsettings.txt\n'; sep; ok "$T/S16CC_9.bin"; sep; text "$SETTINGS"; sep;
  text "$MACFILE"; sep; text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep;
  text "$MACFILE"; sep; text 'SET APPNAME S16CC_0.bin\nGET 46xxsettings.txt\n'; sep; ok "$T/S16CC_0.bin"; sep;
  text "$SETTINGS"; } | seedfile rejected 13
# network and flash faults: a TLS failure, a stall, a reset in the image, a failed bank
# write, a failed record write; then a trial boot with no server, reverted
{ printf '!tls\n'; sep; printf '!stall\n'; text "$SCRIPT"; sep; text "$SCRIPT"; sep; printf '!reset\n';
  head -c 700 <(ok "$T/S16CC_1.bin"); sep; text "$SCRIPT"; sep; printf '!flash\n'; ok "$T/S16CC_1.bin"; sep;
  text "$SETTINGS"; sep; printf '!nv\n'; text "$MACFILE"; sep; text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep;
  printf '!connect\n'; sep; printf '!connect\n'; sep; printf '!connect\n'; sep; text "$SCRIPT"; } | seedfile faults 23
# interim response, a body delimited by the end of the connection, an HTTP/1.0 server
{ printf 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\n\r\n'; printf '%b' "$SCRIPT"; sep;
  ok "$T/S16CC_1.bin"; sep; printf 'HTTP/1.0 200 OK\r\n\r\n'; printf '%b' "$SCRIPT"; sep;
  printf 'HTTP/1.0 200 OK\r\n\r\n'; printf '%b' "$SETTINGS"; } | seedfile close-delimited 17
# no server answers
{ status '500 Internal Server Error'; sep; status '404 Not Found'; sep; status '503 Unavailable'; } \
    | seedfile no-server 19
# REQ-DL-027: an image broken off after K bytes resumed with a 206 in the same run; then,
# broken off again with no server to resume from, the next boot's answer to the range
# request is the whole file (200)
img S16CC_2.bin app 16cc 5 10000
ok "$T/S16CC_2.bin" > "$T/full"
N=$(stat -c %s "$T/S16CC_2.bin")
H=$(( $(stat -c %s "$T/full") - N ))
K=6000
SCRIPT2='SET APPNAME S16CC_2.bin\nGET 46xxsettings.txt\n'
{ text "$SCRIPT2"; sep; printf '!reset\n'; head -c $((H + K)) "$T/full"; sep;
  printf 'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %d-%d/%d\r\nContent-Length: %d\r\nETag: "1"\r\n\r\n' \
      "$K" $((N - 1)) "$N" $((N - K))
  tail -c +$((K + 1)) "$T/S16CC_2.bin"; sep; text "$SCRIPT2"; sep; text "$SETTINGS"; sep; text "$MACFILE"; } \
    | seedfile resume-in-run 29
{ text "$SCRIPT2"; sep; printf '!reset\n'; head -c $((H + K)) "$T/full"; sep; printf '!connect\n'; sep;
  printf '!connect\n'; sep; printf '!connect\n'; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$SCRIPT2"; sep; cat "$T/full"; sep; text "$SCRIPT2"; sep; text "$SETTINGS"; } | seedfile resume-next-boot 31
# REQ-SEC-010: TRUSTCERTS names two files: both arrive (stored with the settings); then,
# at the next boot, the second is a key, so the stored set stays
PEM='-----BEGIN CERTIFICATE-----\nMIIBqTCCAU+gAwIBAgIUHO34ylRecZHPaKoMevlXWjlGZpIw\nAwIw==\n-----END CERTIFICATE-----\n'
CERTS='SET TRUSTCERTS a.pem,b.pem\nSET SIPDOMAIN example.com\n'
{ text 'GET 46xxsettings.txt\n'; sep; text "$CERTS"; sep; text "Certificate:\n$PEM"; sep; text "$PEM$PEM"; sep;
  text 'GET 46xxsettings.txt\n'; sep; text "$CERTS"; sep; text "$PEM"; sep;
  text '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'; } | seedfile trustcerts 37
# Coverage seeds (issue 8): the paths the seeds above miss.
# REQ-DL-027 across boots: the first boot stores a resume point P (the first bank offset past
# DP_RESUME_CHECKPOINT, 4096 in the fuzz build, where a write ended: it depends on the slicing
# of the seed byte only), breaks off, and finds no server to resume from; the next boot asks for
# bytes P- and gets them (206): the bank's bytes are read back to the verifier first
# (dp_boot_bank_data), then the rest comes from the network. FUZZ_BOOT_TRACE=1 shows the second
# boot install (commit_bank) when P is right.
P=6000
CUT='SET APPNAME S16CC_2.bin\nGET 46xxsettings.txt\n'
part206() { # part206 FROM [ETAG]: the image from byte FROM
    printf 'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %d-%d/%d\r\nContent-Length: %d\r\nETag: "%s"\r\n\r\n' \
        "$1" $((N - 1)) "$N" $((N - $1)) "${2:-1}"
    tail -c +$(($1 + 1)) "$T/S16CC_2.bin"
}
cutboot() { text "$CUT"; sep; printf '!reset\n'; head -c $((H + K)) "$T/full"; sep; printf '!connect\n'; sep;
    printf '!connect\n'; sep; printf '!connect\n'; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep; }
# (seed byte 01: the first read back is shorter than the header; 27: a read fails, the image
# is refused and the resume point dropped)
{ cutboot; text "$CUT"; sep; part206 $P; sep; text "$CUT"; sep; text "$SETTINGS"; } | seedfile resume-cross-boot 01
{ cutboot; text "$CUT"; sep; part206 $P; sep; text "$CUT"; sep; text "$SETTINGS"; } | seedfile resume-read-error 27
# the same, but the next boot's 206 starts elsewhere (refused, asked again: the whole file),
# then in a run a resume answered with the whole file (200), and one with another ETag
{ cutboot; text "$CUT"; sep; part206 $((P + 1)); sep; cat "$T/full"; sep; text "$CUT"; sep; text "$SETTINGS"; } \
    | seedfile resume-cross-boot-bad 31
{ text "$CUT"; sep; printf '!reset\n'; head -c $((H + K)) "$T/full"; sep; cat "$T/full"; sep; text "$SETTINGS"; sep;
  text "$CUT"; sep; part206 $P 2; sep; text "$SETTINGS"; } | seedfile resume-refused 29
# redirects: to another scheme, without Location, to a URL with user information; then
# more than HTTP_REDIRECTS_MAX; then a relative one and a 303 that work
redir() { printf 'HTTP/1.1 %s\r\nLocation: %s\r\nContent-Length: 0\r\n\r\n' "$1" "$2"; }
{ redir '302 Found' 'http://192.0.2.9/16xxupgrade.txt'; sep; status '301 Moved Permanently'; sep;
  redir '307 Temporary Redirect' 'http://user@192.0.2.9/x'; sep;
  for i in 1 2 3 4 5 6; do redir '308 Permanent Redirect' "/r$i"; sep; done
  redir '307 Temporary Redirect' 'files/16xxupgrade.txt'; sep; text 'GET 46xxsettings.txt\n'; sep;
  redir '303 See Other' '//192.0.2.1/s.txt'; sep; text "$MACFILE"; } | seedfile redirects 41
# AUTH: a settings file served over HTTP sets AUTH 1: its GET is not made over HTTP; at the
# next boot the HTTP servers are not used (reported); a reboot ordered by the call server
{ printf '!tls\n'; sep; text 'GET 46xxsettings.txt\n'; sep; text 'SET AUTH 1\nGET $MACADDR.txt\n'; sep;
  printf '!tls\n'; sep; printf '!order\n'; text 'SET AUTH 0\n'; } | seedfile auth-order 43
# TRUSTCERTS: more files than CERT_FILES_MAX, a file too large for the set's memory; a file
# name longer than a file name; files with no block, an unterminated block
BIG=$(head -c 5000 /dev/zero | tr '\0' 'A')
{ text 'SET TRUSTCERTS a.pem,b.pem,c.pem,d.pem,e.pem\n'; sep; text "$PEM"; sep; text "$PEM$BIG"; sep;
  text "SET TRUSTCERTS $(head -c 60 /dev/zero | tr '\0' 'n').pem\n"; sep;
  text 'SET TRUSTCERTS c.pem,d.pem\n'; sep; text 'no certificate here\n'; sep;
  text 'SET TRUSTCERTS d.pem\n'; sep; text '-----BEGIN CERTIFICATE-----\nAAAA\n'; } | seedfile certs-limits 47
# images refused on the way: the script ends with an image to fetch (no GET); not an image;
# no connection for it; a bank write fails in INSTALL; the trial confirmed, its record write
# fails
{ text 'SET APPNAME S16CC_1.bin\n'; sep; text 'not an image at all, not at all, not at all\n'; sep;
  text 'SET APPNAME S16CC_1.bin\n'; sep; printf '!connect\n'; sep;
  text 'SET APPNAME S16CC_1.bin\n'; sep; printf '!flash\n'; ok "$T/S16CC_1.bin"; sep;
  text "$TWOSTAGE"; sep; ok "$T/hb16cc_1.bin"; sep; text "$TWOSTAGE"; sep; printf '!nv\n'; ok "$T/S16CC_1.bin"; } \
    | seedfile image-faults 53
# an image installed, the trial fails (no server twice): reverted; then its name is blocked
{ text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; printf '!connect\n'; sep; printf '!connect\n'; sep;
  printf '!connect\n'; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text 'SET APPNAME S16CC_9.bin\n'; sep; ok "$T/S16CC_9.bin"; } | seedfile blocked 59
# the interpreter's findings reported by the run: a GET with a bad name, GETs nested deeper
# than SCRIPT_GET_DEPTH, a GOTO out of the file, a value set again; more GETs than
# SCRIPT_GETS_MAX (none served); a loop that spends the statement budget
{ text 'SET SIPDOMAIN a.example\nSET SIPDOMAIN a.example\nGET bad/name.txt\nGET d1.txt\nGOTO NOWHERE\n'; sep;
  for i in 2 3 4 5 6 7 8 9; do text "SET SIPDOMAIN a.example\\nGET d$i.txt\\nGOTO NOWHERE\\n"; sep; done
  text "SET TRUSTCERTS a.pem\\n$(for i in $(seq 17); do printf 'GET f%d.txt\\n' "$i"; done)"; sep;
  for i in $(seq 16); do printf '!connect\n'; sep; done
  text '# L\nGOTO L\n'; } | seedfile script-events 61
{ text "$(for i in $(seq 17); do printf 'GET f%d.txt\\n' "$i"; done)"; sep;
  for i in $(seq 16); do printf '!connect\n'; sep; done; } | seedfile gets-spent 61
# an image whose signature is broken (refused at its header), one whose payload is not the
# one signed (refused at its end); in a run, the resumed download's closing record write
# fails; an image installed, then on trial the settings record write fails
flip() { # flip FILE OFFSET OUT: FILE with the byte at OFFSET inverted
    cp "$1" "$3"
    printf "$(printf '\\x%02x' $(( $(od -An -tu1 -j "$2" -N1 "$1") ^ 255 )))" |
        dd of="$3" bs=1 seek="$2" conv=notrunc 2>/dev/null
}
S=$(stat -c %s "$T/S16CC_1.bin")
flip "$T/S16CC_1.bin" $((S - 900 - 8)) "$T/badsig.bin"
flip "$T/S16CC_1.bin" $((S - 10)) "$T/badhash.bin"
{ text "$SCRIPT"; sep; ok "$T/badsig.bin"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$SCRIPT"; sep; ok "$T/badhash.bin"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$SCRIPT2"; sep; printf '!reset\n'; head -c $((H + K)) "$T/full"; sep; printf '!nv\n';
  printf 'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %d-%d/%d\r\nContent-Length: %d\r\nETag: "1"\r\n\r\n' \
      "$K" $((N - 1)) "$N" $((N - K))
  tail -c +$((K + 1)) "$T/S16CC_2.bin"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep; printf '!nv\n';
  text 'SET SIPDOMAIN trial.example\n'; } | seedfile sig-hash-nv 67
# an image with a byte after its payload (refused while it is installed); a settings file
# too large for the program memory given (refused whole)
{ cp "$T/S16CC_1.bin" "$T/trail.bin"; printf 'x' >> "$T/trail.bin"
  text "$SCRIPT"; sep; ok "$T/trail.bin"; sep; text "$(for i in $(seq 600); do printf 'GOTO A\\n'; done)"; } \
    | seedfile image-trailing-full 71
# record writes that fail late: on trial, with the settings unchanged, the confirmation;
# with an image confirmed, the settings
{ text "$SCRIPT"; sep; printf '!connect\n'; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep; printf '!nv\n';
  text "$MACFILE"; } | seedfile nv-confirm 73
{ text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$SCRIPT"; sep; printf '!nv\n'; text 'SET SIPDOMAIN other.example\n'; } | seedfile nv-settings 79
# a record buffer too small (REQ-SET-010): the first boot installs with a whole buffer; the
# second has 18 bytes, room for an empty record only (the confirmation and the settings do
# not fit), the third 60
{ printf '!nvcap 18\n'; text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; printf '!nvcap 60\n';
  text "$SCRIPT"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep; text "$SCRIPT"; sep;
  text 'SET SIPDOMAIN other.example\n'; } | seedfile nv-small 5a
# images refused at their header: a payload larger than the bank (chunked, so that no
# Content-Length refuses it first; only its first 3000 bytes are sent),
# another file name than the one asked for, a signer the phone does not trust
img S16CC_big.bin app 16cc 5 70000
openssl genpkey -algorithm ed25519 -out "$T/other.pem" 2>/dev/null
openssl req -x509 -new -key "$T/other.pem" -subj "/CN=someone else" -days 3650 \
    -addext extendedKeyUsage=codeSigning -out "$T/other-cert.pem" 2>/dev/null
head -c 900 /dev/zero | tr '\0' 'p' > "$T/payload"
"$B/deskprov" image create --key "$T/other.pem" --cert "$T/other-cert.pem" --version 1.0 --kind app \
    --model 16cc --hw 3 --counter 5 --name S16CC_3.bin "$T/payload" -o "$T/S16CC_3.bin" >/dev/null
{ text 'SET APPNAME S16CC_big.bin\n'; sep;
  printf 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nbb8\r\n'; head -c 3000 "$T/S16CC_big.bin"; sep;
  text 'SET APPNAME S16CC_7.bin\n'; sep; ok "$T/S16CC_1.bin"; sep;
  text 'SET APPNAME S16CC_3.bin\n'; sep; ok "$T/S16CC_3.bin"; } | seedfile image-refusals 83
# the record write before an install fails; a resume point's record write fails (the
# download goes on); an APPNAME blocked after a revert, then another one (the block lifts)
{ text "$SCRIPT"; sep; printf '!nv\n'; ok "$T/S16CC_1.bin"; sep; text "$SETTINGS"; sep; text "$MACFILE"; sep;
  text "$CUT"; sep; printf '!reset\n'; head -c $((H + 2000)) "$T/full"; sep; printf '!nv\n'; part206 2000; sep;
  text "$CUT"; sep; text "$SETTINGS"; } | seedfile install-nv 03
# The shrunk flavour (build/fuzz/shrink/fuzz_boot: DP_IMAGE_HEADER_MAX 512, 64-byte HTTP lines,
# 80-byte script lines): images signed with a certificate with a one-letter name, whose
# header fits, so that the shrunk boots install too; then a factory-new phone as above.
openssl req -x509 -new -key "$T/key.pem" -subj "/CN=k" -days 3650 \
    -addext extendedKeyUsage=codeSigning -out "$T/cert.pem" 2>/dev/null
img S16CC_1.bin app 16cc 5 900
img hb16cc_1.bin boot 16cc 5 300
{ text "$SCRIPT"; sep; ok "$T/S16CC_1.bin"; sep; text "$SCRIPT"; sep; text "$SETTINGS"; sep; text "$MACFILE"; } \
    | seedfile shrink-factory-new 05
{ text "$TWOSTAGE"; sep; ok "$T/hb16cc_1.bin"; sep; text "$TWOSTAGE"; sep; ok "$T/S16CC_1.bin"; sep;
  text "$TWOSTAGE"; sep; text "$SETTINGS"; sep; text "$MACFILE"; } | seedfile shrink-two-stage 07
ls "$OUT" | wc -l
