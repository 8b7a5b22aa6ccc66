#!/bin/bash
# install-test.sh DESTDIR PREFIX: what `make install` put in DESTDIR/PREFIX works: the
# command runs, the man page is there, and a program built with pkg-config's flags for
# deskprov-posix links against the installed libraries and runs (tests/dist/install_use.c).
set -euo pipefail
D=$1 P=$2
fail() { echo "install-test: FAIL $*"; exit 1; }
[ -x "$D$P/bin/deskprov" ] || fail "no $P/bin/deskprov"
"$D$P/bin/deskprov" params MODEL4 | grep -q MODEL4 || fail "the installed deskprov does not run"
[ -f "$D$P/share/man/man1/deskprov.1" ] || fail "no man page"
export PKG_CONFIG_PATH="$D$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$D"
pkg-config --exists deskprov deskprov-posix || fail "pkg-config does not find deskprov"
out=$(dirname "$D")/install_use
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -Werror $(pkg-config --cflags deskprov-posix) tests/dist/install_use.c \
    -o "$out" $(pkg-config --libs deskprov-posix) || fail "a program does not build with pkg-config's flags"
got=$("$out") || fail "the program fails"
[ "$got" = "HTTPSRVR=10.0.0.1,10.0.0.2 HTTPDIR=prov" ] || fail "the program printed: $got"
echo "install-test: ok ($P: bin/deskprov, lib/libdeskprov.a, lib/libdeskprov_posix.a, include/deskprov, pkg-config deskprov and deskprov-posix, man page)"
