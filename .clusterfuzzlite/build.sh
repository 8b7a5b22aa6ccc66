#!/bin/bash -eu
# ClusterFuzzLite's build step: every fuzz target, its shrunk flavour, options, dictionary
# and seed corpus into $OUT, from $CC $CXX $CFLAGS $CXXFLAGS $LIB_FUZZING_ENGINE alone.
exec "$SRC/deskprov/fuzz/oss-fuzz-build.sh"
