#!/bin/sh
# Regenerates the seeds of fuzz/corpus/image: images signed with the fuzz build's test key
# (fuzz/port_testkey.c, the same 32-byte seed), one per branch of the verifier, each
# prefixed with the byte that seeds the chunking (written with octal escapes: /bin/sh's printf
# has no \x, which made the first seeds start with the 4 characters '\x05'), as NAME.img.
# small-header.img is signed with a certificate small enough for the header of the shrunk
# flavour (DP_IMAGE_HEADER_MAX 512 under -DDP_SHRINK). Run from the repository root:
#   fuzz/mkseeds-image.sh BUILD_DIR
set -eu
B=$1
OUT=fuzz/corpus/image
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# the test key as PKCS#8 PEM: the Ed25519 prefix, then the seed of port_testkey.c
seed=$(sed -n '/dp_fuzz_test_seed\[32\] = {/,/};/p' fuzz/port_testkey.c | grep -o '0x[0-9a-f][0-9a-f]' | sed 's/0x//' | tr -d '\n')
{ printf '302e020100300506032b657004220420%s' "$seed" | xxd -r -p; } > "$T/key.der"
openssl pkey -inform DER -in "$T/key.der" -out "$T/key.pem" 2>/dev/null
openssl req -x509 -new -key "$T/key.pem" -subj "/CN=deskprov fuzz test key" -days 3650 \
    -addext extendedKeyUsage=codeSigning -out "$T/cert.pem" 2>/dev/null
mkdir -p "$OUT"
mk() { # mk NAME PAYLOAD_BYTES create-options...
    name=$1; bytes=$2; shift 2
    head -c "$bytes" /dev/zero | tr '\0' 'p' > "$T/payload"
    "$B/deskprov" image create --key "$T/key.pem" --cert "$T/cert.pem" --version 1.0 "$@" \
        "$T/payload" -o "$T/$name.img" >/dev/null
    { printf '\005'; cat "$T/$name.img"; } > "$OUT/$name.img"
}
mk accept-app 700 --kind app --model 16cc --hw 3 --counter 5 --name S16CC_1.bin
mk accept-boot 300 --kind boot --model '16*,96*' --counter 9 --name hb16cc.bin
mk wrong-model 100 --kind app --model 9620 --counter 5
mk wrong-hw 100 --kind app --model 16cc --hw 1,2 --counter 5
mk rollback 100 --kind app --model 16cc --counter 4
mk big-payload 4096 --kind app --model '*' --counter 6
rm -f "$T/payload"
: > "$T/payload"
"$B/deskprov" image create --key "$T/key.pem" --cert "$T/cert.pem" --version 1 --kind app \
    --model 16cc --counter 5 "$T/payload" -o "$T/empty.img" >/dev/null
{ printf '\005'; cat "$T/empty.img"; } > "$OUT/empty-payload.img"
{ printf '\001'; cat "$T/accept-app.img"; printf 'x'; } > "$OUT/trailing.img"
{ printf '\002'; head -c 600 "$T/accept-app.img"; } > "$OUT/truncated.img"
# the shrunk flavour's header: a certificate with a one-letter name (header under 512 bytes)
openssl req -x509 -new -key "$T/key.pem" -subj "/CN=k" -days 3650 \
    -addext extendedKeyUsage=codeSigning -out "$T/cert.pem" 2>/dev/null
mk small-header 300 --kind app --model 16cc --hw 3 --counter 5 --name S16CC_1.bin
ls "$OUT" | wc -l
