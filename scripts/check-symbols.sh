#!/bin/sh
# REQ-EMB-002, REQ-EMB-003: the runtime core calls no allocator and no libc I/O. Every
# symbol the objects leave undefined must be defined by another runtime object, belong to
# the porting interface (dp_port_*, runtime/include/dp_port_*.h), or be one of the memory
# and string functions a freestanding C compiler may emit calls to.
#   scripts/check-symbols.sh NM OBJ...
set -eu
NM=$1
shift
ALLOWED="memcpy memmove memset memcmp"
defined=$("$NM" -g --defined-only "$@" | awk 'NF == 3 { print $3 }' | sort -u)
undefined=$("$NM" -g --undefined-only "$@" | awk '{ print $NF }' | grep -v ':$' | sort -u)
bad=0
for s in $undefined; do
    if printf '%s\n' "$defined" | grep -qx "$s"; then continue; fi
    case " $ALLOWED " in *" $s "*) continue ;; esac
    case $s in dp_port_*) continue ;; esac   # the porting interface, supplied by the port
    echo "check-symbols: the runtime references '$s', which is neither its own nor allowed ($ALLOWED)"
    bad=1
done
[ $bad -eq 0 ] || exit 1
echo "check-symbols: $# objects, external references limited to dp_port_* and: $ALLOWED (REQ-EMB-002, REQ-EMB-003)"
