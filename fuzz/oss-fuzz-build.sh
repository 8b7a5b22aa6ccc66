#!/bin/bash
# The OSS-Fuzz / ClusterFuzzLite build of every fuzz target (.clusterfuzzlite/build.sh runs it;
# docs/fuzzing.md). It reads only the variables the engine sets:
#   CC CFLAGS           compile (the sanitizer and -fsanitize=fuzzer-no-link come from them)
#   CXX CXXFLAGS        link (libFuzzer is C++); CXX defaults to CC when unset
#   LIB_FUZZING_ENGINE  the fuzzing engine to link (-fsanitize=fuzzer, or a library)
#   OUT                 where the binaries and their files go
# and writes, for every target NAME (fuzz/fuzz_NAME.c):
#   OUT/NAME  OUT/NAME.options  OUT/NAME_seed_corpus.zip  (and every fuzz/*.dict)
# and for every target that links the runtime (all but spec), the shrunk flavour (every limit
# at its minimum, -DDP_SHRINK) as NAME_shrink, with the same options, dictionary and seeds.
# The repository is the folder above this script; the objects go to a scratch folder.
#
# Needs: re2c (2.0 or later: re2c:api) and lemon, for dpgen's spec lexer and parser (the
# spec target), the OpenSSL headers and libcrypto (linked statically when libcrypto.a is
# there, so that the binaries run on a runner without libssl), and zip or python3.
#
# Keep the flags in step with FUZZ_CFLAGS and FUZZ_SHRINK_FLAGS of mk/fuzz.mk.
# Run here as `make fuzz-oss-test` does, or by hand:
#   CC=clang-14 CXX=clang++-14 CFLAGS='-O1 -fsanitize=address,fuzzer-no-link' \
#   CXXFLAGS="$CFLAGS" LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/out fuzz/oss-fuzz-build.sh
set -euo pipefail
: "${CC:?}" "${OUT:?}" "${LIB_FUZZING_ENGINE:?}"
CFLAGS=${CFLAGS:-}
CXX=${CXX:-$CC}
CXXFLAGS=${CXXFLAGS:-$CFLAGS}
cd "$(dirname "$0")/.."
mkdir -p "$OUT"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen=$tmp/gen
mkdir -p "$gen"

# dpgen's lexer and parser, generated as mk/dpgen.mk does
cp grammar/spec.y "$gen/spec_parse.y"
(cd "$gen" && lemon -l -q spec_parse.y)
re2c -W -i grammar/spec.re -o "$gen/spec_lex.c"

# What mk/fuzz.mk adds to the compiler's flags (the warnings are left to `make fuzz`, whose
# -Werror belongs to the project's own compiler, not to the engine's).
PROJ_FLAGS=(-std=c99 -D_POSIX_C_SOURCE=200809L -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
            -DDP_RESUME_CHECKPOINT=4096u -Ifuzz -Igen -Igrammar "-I$gen"
            -Iruntime/include -Iruntime/gen -Iruntime/core)
SHRINK_FLAGS=(-DDP_SHRINK -DDP_SCRIPT_NAME_MAX=50u)

runtime_srcs=(runtime/core/*.c runtime/gen/*.c fuzz/port_testkey.c)
spec_srcs=(runtime/core/dp_value.c "$gen/spec_lex.c" "$gen/spec_parse.c")
for f in gen/*.c; do [ "$f" = gen/main.c ] || spec_srcs+=("$f"); done

# libcrypto: static when there is a libcrypto.a
libcrypto=$($CC -print-file-name=libcrypto.a)
if [ -f "$libcrypto" ]; then
    CRYPTO=("$libcrypto" -ldl -pthread)
else
    CRYPTO=(-lcrypto)
fi

# compile FLAVOUR SRC: FLAVOUR is default or shrink; the object goes to tmp/FLAVOUR/
failed=$tmp/failed
obj() { local f=$2; case $f in "$tmp"/*) f=generated/${f#"$tmp"/} ;; esac; echo "$tmp/$1/${f%.c}.o"; }
compile() {
    local o extra=()
    o=$(obj "$1" "$2")
    mkdir -p "$(dirname "$o")"
    [ "$1" = shrink ] && extra+=("${SHRINK_FLAGS[@]}")
    case $2 in *_parse.c) extra+=(-Wno-unused-parameter) ;; esac
    # shellcheck disable=SC2086
    $CC $CFLAGS "${PROJ_FLAGS[@]}" ${extra[@]+"${extra[@]}"} -c "$2" -o "$o" || touch "$failed"
}

targets=()
for f in fuzz/fuzz_*.c; do
    t=${f#fuzz/fuzz_}
    targets+=("${t%.c}")
done

# every compile, one at a time per core
todo=()
for s in "${runtime_srcs[@]}"; do todo+=("default $s" "shrink $s"); done
for s in "${spec_srcs[@]}"; do
    case $s in runtime/*) ;; *) todo+=("default $s") ;; esac   # dp_value.c: the runtime's object
done
for t in "${targets[@]}"; do
    todo+=("default fuzz/fuzz_$t.c")
    [ "$t" = spec ] || todo+=("shrink fuzz/fuzz_$t.c")
done
max=$(nproc 2>/dev/null || echo 1)
for j in "${todo[@]}"; do
    # shellcheck disable=SC2086
    compile $j &
    while [ "$(jobs -rp | wc -l)" -ge "$max" ]; do wait -n || true; done
done
wait
[ ! -e "$failed" ] || { echo "oss-fuzz-build: a compile failed" >&2; exit 1; }

objs() { local fl=$1 s; shift; for s in "$@"; do obj "$fl" "$s"; done; }
zip_dir() { # zip_dir ZIP DIR: every file of DIR, flat
    rm -f "$1"
    if command -v zip >/dev/null 2>&1; then
        (cd "$2" && find . -maxdepth 1 -type f -print0 | sort -z | xargs -0 zip -q -X -j "$1")
    else
        python3 -c 'import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n in sorted(os.listdir(sys.argv[2])):
        p = os.path.join(sys.argv[2], n)
        if os.path.isfile(p): z.write(p, n)' "$1" "$2"
    fi
}
link() { # link NAME FLAVOUR SRC...
    local name=$1 fl=$2
    shift 2
    # shellcheck disable=SC2046,SC2086
    $CXX $CXXFLAGS -o "$OUT/$name" $(objs "$fl" "$@") $LIB_FUZZING_ENGINE "${CRYPTO[@]}"
}

out_abs=$(cd "$OUT" && pwd)
cp fuzz/*.dict "$OUT/"
for t in "${targets[@]}"; do
    if [ "$t" = spec ]; then
        link "$t" default "fuzz/fuzz_$t.c" "${spec_srcs[@]}"
    else
        link "$t" default "fuzz/fuzz_$t.c" "${runtime_srcs[@]}"
        link "${t}_shrink" shrink "fuzz/fuzz_$t.c" "${runtime_srcs[@]}"
    fi
    [ -f "fuzz/fuzz_$t.options" ] && cp "fuzz/fuzz_$t.options" "$OUT/$t.options"
    if [ -d "fuzz/corpus/$t" ]; then
        zip_dir "$out_abs/${t}_seed_corpus.zip" "fuzz/corpus/$t"
    fi
    if [ "$t" != spec ]; then
        [ -f "$OUT/$t.options" ] && cp "$OUT/$t.options" "$OUT/${t}_shrink.options"
        [ -f "$OUT/${t}_seed_corpus.zip" ] && cp "$OUT/${t}_seed_corpus.zip" "$OUT/${t}_shrink_seed_corpus.zip"
    fi
    echo "oss-fuzz-build: $t"
done
