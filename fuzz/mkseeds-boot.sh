#!/bin/bash
# Regenerates the seeds of fuzz/corpus/boot (fuzz/fuzz_boot.c): byte 0 seeds the slicing,
# then the responses of the servers in the order a phone asks, separated by "\n--8<--\n".
# Images are signed with the fuzz build's test key (as fuzz/mkseeds-image.sh does), for a
# 16CC with hardware version 3. Run from the repository root:
#   fuzz/mkseeds-boot.sh BUILD_DIR
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
