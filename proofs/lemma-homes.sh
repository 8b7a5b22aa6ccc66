#!/bin/sh
# Every lemma that the proofs of a partly proven file use is proved somewhere.
#
#   proofs/lemma-homes.sh "GATED FILES" "PENDING FILES"
#
# WP proves lemmas only in a run over a whole file, and a pending file's runs are
# restricted to its proven functions (-wp-fct): they take its lemmas as given. So a lemma
# those runs see must sit in a header that a gated (wholly proven) file includes too, whose
# run proves it (proofs/README.md, "Partly proven files"). Fails, naming the header, when
# one does not, or when a pending file declares a lemma itself.
set -eu

headers() {   # the headers the files include, as WP's preprocessor sees them
    for f in $1; do
        cc -MM -MT x -D__FRAMAC__ -Iruntime/include -Iruntime/gen "$f" |
            sed 's/^x://; s/\\$//' | tr ' ' '\n'
    done | grep '\.h$' | LC_ALL=C sort -u
}
has_lemma() { grep -qE 'lemma [A-Za-z_0-9]+ *(\{[^}]*\})? *:' "$1"; }

gated=$(headers "$1")
bad=0
for f in $2; do
    if has_lemma "$f"; then
        echo "lemma-homes: $f declares a lemma, which its restricted runs never prove"
        bad=1
    fi
done
for h in $(headers "$2"); do
    has_lemma "$h" || continue
    printf '%s\n' "$gated" | grep -qxF "$h" && continue
    echo "lemma-homes: $h holds a lemma that a pending file's proofs use, and no wholly proven file includes it: nothing proves it"
    bad=1
done
[ "$bad" = 0 ] && echo "lemma-homes: every lemma the partly proven files use is proved in a whole file's run"
exit "$bad"
