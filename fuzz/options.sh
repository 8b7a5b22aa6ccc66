#!/bin/sh
# Prints the libFuzzer flags of target NAME, from fuzz/fuzz_NAME.options (OSS-Fuzz format:
# `key = value` lines under [libfuzzer]), with the dictionary path made relative to the
# repository; adds -dict=fuzz/NAME.dict when the options name none and that file exists.
#   fuzz/options.sh NAME
set -eu
name=$1
opts=fuzz/fuzz_$name.options
flags=
has_dict=no
if [ -f "$opts" ]; then
    flags=$(sed -n '/^\[libfuzzer\]/,/^\[/{
        /^[A-Za-z_][A-Za-z_0-9]*[[:space:]]*=/{
            s/[[:space:]]*=[[:space:]]*/=/
            s/[[:space:]]*$//
            s/^dict=/dict=fuzz\//
            s/^/-/
            p
        }
    }' "$opts" | tr '\n' ' ')
    case " $flags" in *" -dict="*) has_dict=yes ;; esac
fi
if [ $has_dict = no ] && [ -f "fuzz/$name.dict" ]; then
    flags="$flags -dict=fuzz/$name.dict"
fi
echo $flags
