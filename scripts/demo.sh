#!/bin/sh
# make demo: the main job on the shipped files. At this stage of the project it compiles
# the specification, then shows what the phone's runtime knows from it: the parameter
# reference (read back from the generated runtime table by the deskprov command) and the
# boot flow (the generated transition table, and its diagram in docs/boot_fsm.svg).
set -eu
B=${BUILD:-build}
echo "== dpgen: compiling the specification (spec/*.spec, spec/boot.fsm)"
"$B/dpgen" --check spec/*.spec spec/boot.fsm
echo "   $(grep -c '^param ' spec/params.spec) parameters, $(grep -c '^state ' spec/boot.fsm) states," \
     "$(grep -c '^property ' spec/boot.fsm) temporal properties, $(grep -c '^limit ' spec/limits.spec) limits: no error"
echo
echo "== deskprov params: the file-server parameters of the default profile (16cc)"
"$B/deskprov" params HTTPSRVR HTTPDIR HTTPPORT TLSSRVR TLSDIR TLSPORT AUTH TRUSTCERTS \
    TLSSRVRID APPNAME BOOTNAME SIG MODEL4 GROUP MACADDR
echo
echo "== deskprov params --profile 96x1: the system values usable in IF \$NAME"
"$B/deskprov" params --profile 96x1 | awk 'NR == 1 || $3 ~ /sys/'
echo
echo "== deskprov flow: the boot flow's transition table (spec/boot.fsm)"
"$B/deskprov" flow
echo
echo "The full references: docs/params.md, docs/boot_fsm.md and the diagram docs/boot_fsm.svg."
