#!/bin/sh
# Makes a throw-away PKI for the image tests in DIR (never committed):
#   root.pem              the trusted product root (P-256)
#   inter.pem             an intermediate CA signed by the root
#   signer.key/.pem       P-256 code-signing certificate issued by the intermediate
#   ed.key/.pem           Ed25519 code-signing certificate issued by the intermediate
#   nocs.key/.pem         P-256 certificate without the codeSigning usage
#   evil-root.pem, evil.key/.pem   a root nobody trusts and a signer under it
#   selfsigned.key/.pem   a self-signed code-signing certificate
#   tests/image/mkpki.sh DIR
set -eu
D=$1
mkdir -p "$D"
cd "$D"
ossl() { openssl "$@" 2>/dev/null; }

ca() { # ca NAME SUBJECT [ISSUER]
    ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
    if [ $# -eq 2 ]; then
        ossl req -x509 -new -key "$1.key" -subj "$2" -days 3650 -out "$1.pem" \
            -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
    else
        ossl req -new -key "$1.key" -subj "$2" -out "$1.csr"
        printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' > "$1.ext"
        ossl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -days 3650 \
            -extfile "$1.ext" -out "$1.pem"
    fi
}

leaf() { # leaf NAME ALG SUBJECT ISSUER EKU
    if [ "$2" = ed25519 ]; then
        ossl genpkey -algorithm ed25519 -out "$1.key"
    else
        ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
    fi
    ossl req -new -key "$1.key" -subj "$3" -out "$1.csr"
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' > "$1.ext"
    [ -n "$5" ] && printf 'extendedKeyUsage=%s\n' "$5" >> "$1.ext"
    ossl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4.key" -CAcreateserial -days 3650 \
        -extfile "$1.ext" -out "$1.pem"
}

ca root "/CN=deskprov test product root"
ca inter "/CN=deskprov test intermediate" root
leaf signer p256 "/CN=deskprov test signer" inter codeSigning
leaf ed ed25519 "/CN=deskprov test ed25519 signer" inter codeSigning
leaf nocs p256 "/CN=deskprov test not code signing" inter serverAuth
ca evil-root "/CN=untrusted root"
leaf evil p256 "/CN=untrusted signer" evil-root codeSigning
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out selfsigned.key
ossl req -x509 -new -key selfsigned.key -subj "/CN=self signed" -days 3650 -out selfsigned.pem \
    -addext extendedKeyUsage=codeSigning
rm -f ./*.csr ./*.ext ./*.srl
