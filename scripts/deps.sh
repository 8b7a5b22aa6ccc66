#!/bin/sh
# Installs every Debian 12 package deskprov needs (../shared/research/toolchain.md has the
# tested line and its pitfalls). Safe to run again. Run as root or with sudo available.
#
# Why each group:
#   build-essential re2c lemon            the build and the grammars
#   frama-c-base why3 z3 cvc4 spin        make proofs (bookworm has no Alt-Ergo; cvc5 does
#                                         not work with its why3, so it is left out)
#   clang clang-14 libfuzzer-14-dev libclang-rt-14-dev   fuzzers and sanitizers
#   libcmocka-dev                         unit tests
#   libssl-dev openssl                    TLS, signatures, test PKI
#   gcc-arm-none-eabi libnewlib-arm-none-eabi   the freestanding Cortex-M4 build
#                                         (--no-install-recommends avoids a 1.5 GB libstdc++)
#   lighttpd curl                         the integration tests' real server and baseline
#   jq                                    the corpus tests read `deskprov trace --json`
#   python3 xxd                           integration tests (tests/integration/it.py, byte
#                                         edits) and the fuzz seed scripts
#   graphviz                              docs/boot_fsm.svg
#   valgrind                              instruction counts in bench/
set -eu
PKGS="build-essential re2c lemon frama-c-base why3 z3 cvc4 spin
clang clang-14 libfuzzer-14-dev libclang-rt-14-dev llvm-14 libcmocka-dev
libssl-dev openssl gcc-arm-none-eabi libnewlib-arm-none-eabi
lighttpd lighttpd-mod-openssl curl graphviz valgrind jq python3 xxd pkg-config"

SUDO=
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "deps.sh: run as root (no sudo here)" >&2; exit 1; }
    SUDO=sudo
fi
missing=
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "deps.sh: every package is installed"
    exit 0
fi
echo "deps.sh: installing$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
