#!/bin/bash
# make demo: the main job on the shipped example files.
#  1. compiles the specification and shows what the runtime knows from it (the parameter
#     reference, read back from the generated table, and the boot flow);
#  2. lints and traces the shipped example site (examples/site);
#  3. starts lighttpd on 127.0.0.1 (HTTP and HTTPS, certificates made here with openssl),
#     serves the example site with a signed boot image and application, and boots a
#     factory-new 16CC twice: the first boot upgrades it (boot image, then application,
#     rebooting itself), the second finds nothing to download.
set -euo pipefail
B=${BUILD:-build}
D=$B/demo
export DESKPROV=$B/deskprov
. ./tests/integration/lib.sh
trap it_stop EXIT

echo "== 1. the specification (spec/*.spec, spec/boot.fsm) compiled by dpgen"
"$B/dpgen" --check spec/*.spec spec/boot.fsm
echo "   $(grep -c '^param ' spec/params.spec) parameters, $(grep -c '^state ' spec/boot.fsm) states," \
     "$(grep -c '^property ' spec/boot.fsm) temporal properties, $(grep -c '^limit ' spec/limits.spec) limits"
echo
echo "== deskprov params: the file-server parameters of the default profile (16cc)"
"$DESKPROV" params HTTPSRVR HTTPDIR HTTPPORT TLSSRVR TLSDIR TLSPORT AUTH TLSSRVRID APPNAME BOOTNAME SIG MODEL4 GROUP MACADDR
echo
echo "== the boot flow (docs/boot_fsm.md, diagram docs/boot_fsm.svg)"
grep -E '^\| `[A-Z_]+` \|' docs/boot_fsm.md | sed -n '1,14s/^/   /p'
echo
echo "== 2. deskprov lint and trace on the example site (examples/site)"
"$DESKPROV" lint examples/site/16xxupgrade.txt
"$DESKPROV" trace --model 16CC --model4 16cc --mac 00:04:0d:aa:bb:cc examples/site/16xxupgrade.txt | tail -12
echo
echo "== 3. a simulated phone against a real lighttpd"
rm -rf "$D"
mkdir -p "$D/site" "$D/phone"
it_pki "$D/pki" >/dev/null
cp examples/site/* "$D/site/"
it_image "$D/pki" "$D/site/hb16cc_1_0_1.bin" boot hb16cc_1_0_1.bin '16cc' 3 300000
it_image "$D/pki" "$D/site/S16CC_1_0_2.bin" app S16CC_1_0_2.bin '16cc' 3 2000000
IT_PEM=$(pwd)/$D/pki/server.pem IT_KEY=$(pwd)/$D/pki/server.key it_start "$D/site" "$D/www"
echo "   lighttpd: http://127.0.0.1:$IT_HTTP and https://127.0.0.1:$IT_HTTPS serving $D/site"
phone() {
    "$DESKPROV" boot --state "$D/phone" --model 16CC --model4 16cc --mac 00:04:0d:aa:bb:cc \
        --server "https://127.0.0.1:$IT_HTTPS/" --server "http://127.0.0.1:$IT_HTTP/" \
        --ca "$D/pki/tls-ca.pem" --image-root "$D/pki/root.pem" --no-wait "$@"
}
echo
echo "-- first power-on of a factory-new phone (it reboots itself until it is done)"
phone --until-done
echo
echo "-- the server's access log of that (port, request, status, bytes):"
it_log > "$D/log1"
sed 's/^/   /' "$D/log1"
echo
echo "-- second power-on: the phone has the proper binaries and downloads none"
phone
echo "-- the server's access log of that:"
it_log > "$D/log2"
sed 's/^/   /' "$D/log2"
if grep -q '\.bin' "$D/log2"; then echo "demo: the second boot downloaded a binary"; exit 1; fi
echo
echo "demo: done (state of the phone in $D/phone)"
