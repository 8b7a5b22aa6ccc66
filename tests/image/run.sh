#!/bin/sh
# The binary image checks end to end: deskprov image create/inspect/verify with OpenSSL keys
# made here (tests/image/mkpki.sh, never committed), positive cases for P-256 and Ed25519,
# and one negative case per refusal, each asserting its own rule.
#   tests/image/run.sh BUILD_DIR
set -eu
B=$1
D=$B/bin/deskprov
[ -x "$D" ] || D=$B/deskprov
MUT=$B/tests/image_mutate
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
./tests/image/mkpki.sh "$T/pki"
P=$T/pki
head -c 300000 /dev/urandom > "$T/payload"
: > "$T/empty"
pass=0
fail=0
ok()  { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

create() { # create OUT KEY CERT [extra create options...]
    out=$1; key=$2; cert=$3; shift 3
    "$D" image create --key "$P/$key.key" --cert "$P/$cert.pem" --kind app --model '16cc,96*' \
        --hw 1,3 --version 1.0.2 --counter 7 "$@" -o "$T/$out" >/dev/null
}

# accepted REQ: name what it shows
accept() { # accept TEXT FILE [verify options...]
    text=$1; f=$2; shift 2
    if "$D" image verify "$T/$f" --root "$P/root.pem" "$@" > "$T/out" 2>&1; then ok "$text"
    else bad "$text: $(cat "$T/out")"; fi
}

# refuse TEXT FILE RULE [verify options...]: exit 1 and the rule in the output
refuse() {
    text=$1; f=$2; rule=$3; shift 3
    set +e
    "$D" image verify "$T/$f" --root "$P/root.pem" "$@" > "$T/out" 2>&1
    rc=$?
    set -e
    if [ $rc -eq 1 ] && grep -q "\[$rule\]" "$T/out"; then ok "$text"
    else bad "$text: exit $rc, expected [$rule]: $(cat "$T/out")"; fi
}

create app.bin signer signer --chain "$P/inter.pem" "$T/payload"
create ed.bin ed ed --chain "$P/inter.pem" "$T/payload"
create S16CC_1_0_2.bin signer signer --chain "$P/inter.pem" "$T/payload"

# ---- accepted ----
accept "REQ-IMG-005 REQ-IMG-021 ECDSA P-256 image accepted" app.bin --model 16CC --hw 3 --min-counter 7
accept "REQ-IMG-005 REQ-IMG-021 Ed25519 image accepted" ed.bin --model 9620D01A --hw 1
accept "REQ-IMG-009 pattern 96* matches MODEL 9611GD01A" app.bin --model 9611GD01A --hw 1
accept "REQ-IMG-010 no hardware list given: any hardware" app.bin --model 16cc
accept "REQ-IMG-008 the requested name matches" S16CC_1_0_2.bin --model 16cc --name S16CC_1_0_2.bin
accept "REQ-IMG-011 a counter equal to the minimum is accepted" app.bin --model 16cc --min-counter 7
accept "REQ-IMG-012 a payload exactly the bank size is accepted" app.bin --model 16cc --bank-size 300000

# ---- refused by the structure ----
"$MUT" "$T/app.bin" "$T/m" truncate-header
refuse "REQ-IMG-003 truncated header" m image-truncated
"$MUT" "$T/app.bin" "$T/m" truncate-payload
refuse "REQ-IMG-015 truncated payload" m image-short-payload --model 16cc
"$MUT" "$T/app.bin" "$T/m" trailing
refuse "REQ-IMG-015 trailing bytes after the payload" m image-trailing-bytes --model 16cc
"$MUT" "$T/app.bin" "$T/m" bad-magic
refuse "REQ-IMG-002 bad magic" m image-bad-magic
"$MUT" "$T/app.bin" "$T/m" bad-version
refuse "REQ-IMG-002 unknown format version" m image-bad-version
"$MUT" "$T/app.bin" "$T/m" header-length-max
refuse "REQ-IMG-003 REQ-SEC-014 header length overflow" m image-header-length
"$MUT" "$T/app.bin" "$T/m" field-overrun
refuse "REQ-IMG-003 REQ-SEC-014 field length past the header" m image-field-overrun
"$MUT" "$T/app.bin" "$T/m" short-sha
refuse "REQ-IMG-003 field length outside its type" m image-field-length
"$MUT" "$T/app.bin" "$T/m" dup-kind
refuse "REQ-IMG-004 duplicated header field" m image-field-repeated
"$MUT" "$T/app.bin" "$T/m" unknown-field
refuse "REQ-IMG-004 unknown header field" m image-unknown-field
"$MUT" "$T/app.bin" "$T/m" drop-version "$P/signer.key"
refuse "REQ-IMG-004 missing required field" m image-field-missing
"$MUT" "$T/app.bin" "$T/m" sig-not-last
refuse "REQ-IMG-004 signature not the last field" m image-sig-not-last
"$MUT" "$T/app.bin" "$T/m" kind-3 "$P/signer.key"
refuse "REQ-IMG-007 kind neither boot nor app" m image-bad-kind

# ---- refused by the signature ----
"$MUT" "$T/app.bin" "$T/m" flip-header
refuse "REQ-IMG-005 REQ-SEC-003 a flipped bit in the header" m image-bad-signature
"$MUT" "$T/app.bin" "$T/m" flip-signature
refuse "REQ-IMG-005 a flipped bit in the signature" m image-bad-signature
"$MUT" "$T/app.bin" "$T/m" flip-payload
refuse "REQ-IMG-014 a flipped bit in the payload" m image-hash-mismatch --model 16cc
create evil.bin evil evil "$T/payload"
refuse "REQ-IMG-006 signer chained to an untrusted root" evil.bin image-untrusted
create self.bin selfsigned selfsigned "$T/payload"
refuse "REQ-IMG-006 unknown (self-signed) signer" self.bin image-untrusted
create nochain.bin signer signer "$T/payload"
refuse "REQ-IMG-006 chain without its intermediate" nochain.bin image-untrusted
create nocs.bin nocs nocs --chain "$P/inter.pem" "$T/payload"
refuse "REQ-IMG-006 signer without codeSigning" nocs.bin image-untrusted
set +e
"$D" image verify "$T/app.bin" --root "$P/evil-root.pem" > "$T/out" 2>&1
rc=$?
set -e
if [ $rc -eq 1 ] && grep -q '\[image-untrusted\]' "$T/out"; then ok "REQ-IMG-006 only the phone's roots count"
else bad "REQ-IMG-006 verified against the wrong root: $(cat "$T/out")"; fi

# ---- refused by this phone's policy ----
refuse "REQ-IMG-009 wrong model" app.bin image-wrong-model --model 4610D01A
refuse "REQ-IMG-010 wrong hardware version" app.bin image-wrong-hw --model 16cc --hw 2
refuse "REQ-IMG-007 wrong kind for the request" app.bin image-wrong-kind --kind boot
refuse "REQ-IMG-011 REQ-SEC-002 lower security counter" app.bin image-rollback --model 16cc --min-counter 8
refuse "REQ-IMG-008 REQ-SEC-005 served under another name" app.bin image-wrong-name --name S16CC_1_0_3.bin
refuse "REQ-IMG-012 payload larger than the bank" app.bin image-too-large --model 16cc --bank-size 299999
"$MUT" "$T/app.bin" "$T/m" payload-len-max "$P/signer.key"
refuse "REQ-IMG-012 REQ-SEC-014 payload length overflow" m image-too-large --model 16cc --bank-size 1048576
create zero.bin signer signer --chain "$P/inter.pem" "$T/empty"
refuse "REQ-IMG-012 zero-length payload" zero.bin image-empty-payload

# ---- the refusal names the check and the values (REQ-IMG-018) ----
set +e
"$D" image verify "$T/app.bin" --root "$P/root.pem" --model 16cc --min-counter 8 > "$T/out" 2>&1
set -e
if grep -q 'refused at byte [1-9][0-9]*: security counter lower .*(image 7, phone minimum 8) \[image-rollback\]' "$T/out"
then ok "REQ-IMG-018 a refusal names its check, the values and the byte"
else bad "REQ-IMG-018 refusal message: $(cat "$T/out")"; fi
set +e
"$D" image verify "$T/app.bin" --root "$P/root.pem" --model 4610D01A > "$T/out" 2>&1
set -e
if grep -q '(phone 4610D01A/4610; image: 16cc 96\*) \[image-wrong-model\]' "$T/out"
then ok "REQ-IMG-018 a model refusal lists the phone's and the image's models"
else bad "REQ-IMG-018 model refusal message: $(cat "$T/out")"; fi

# ---- inspect ----
if "$D" image inspect --json "$T/app.bin" > "$T/j" && jq -e '.kind == "app" and .counter == 7 and
        .models == ["16cc","96*"] and .hwvers == [1,3] and .payload_len == 300000 and
        .sig_alg == "ecdsa-p256-sha256" and (.certs | length) == 2' "$T/j" >/dev/null; then
    ok "REQ-IMG-001 REQ-IMG-017 inspect --json shows every header field and the payload length"
else bad "inspect --json: $(cat "$T/j")"; fi
if "$D" image inspect "$T/ed.bin" | grep -q '^SIG_ALG        ed25519$'; then ok "inspect (text)"
else bad "inspect (text)"; fi

# ---- streaming: the same verdict whatever the chunks (REQ-IMG-016, REQ-SEC-004) ----
for m in truncate-payload trailing flip-payload flip-header dup-kind; do
    "$MUT" "$T/app.bin" "$T/s-$m" "$m"
done
if "$B/tests/image_stream" "$P/root.pem" 16cc 7 "$T/app.bin" "$T/ed.bin" "$T/evil.bin" \
        "$T/zero.bin" "$T"/s-* > "$T/out" 2>&1; then
    ok "REQ-IMG-016 REQ-IMG-013 REQ-SEC-004 same verdict for 40 chunkings of 9 images"
else bad "streaming: $(cat "$T/out")"; fi

echo "image tests: $pass passed, $fail failed"
[ $fail -eq 0 ]
