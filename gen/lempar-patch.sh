#!/bin/sh
# gen/lempar-patch.sh -- build-time transformation of Debian's Lemon template.
#
# Usage: sh gen/lempar-patch.sh OUT.c      (then: lemon -TOUT.c -l -q grammar.y)
#
# Reads /usr/share/lemon/lempar.c (Debian 12 package "lemon", SQLite 3.40.1),
# refuses to run unless its md5 is the pinned one, and writes to OUT.c a
# template in which every parser-table index and every parser-stack access is
# preceded by an explicit range check, so that each access is provable locally
# (Frama-C EVA: 0 alarms).  The branches taken when a check fails are dead by
# construction for tables that lemon emits; they are marked "DEAD BY
# CONSTRUCTION" in the output and call YYDEADBRANCH() (an assert unless
# NDEBUG).  No lempar.c code is stored here: the edits below are anchored on
# (line number, short substring of that line) of the pinned file and only add
# or rewrite single lines.  See gen/lempar-patch.md.
#
# Environment: LEMPAR_SRC overrides the input path (the md5 must still match).
set -eu

SRC=${LEMPAR_SRC:-/usr/share/lemon/lempar.c}
PIN_MD5=c785317e521fd91bd6a1158e81f5a96c   # lempar.c of lemon 3.40.1-2 (Debian 12)
OUT_MD5=37de5987f58e19b0addf0a19879dd976                         # md5 of the patched template we produce

die() { printf 'lempar-patch.sh: %s\n' "$*" >&2; exit 1; }

md5_of() {
  if command -v md5sum >/dev/null 2>&1; then md5sum <"$1" | cut -d' ' -f1
  elif command -v md5 >/dev/null 2>&1; then md5 -q "$1"
  else die "neither md5sum nor md5 found"; fi
}

[ $# -eq 1 ] && [ -n "$1" ] || die "usage: $0 OUTPUT_TEMPLATE.c"
OUT=$1
[ -r "$SRC" ] || die "cannot read $SRC (install the Debian package 'lemon')"
got=$(md5_of "$SRC")
[ "$got" = "$PIN_MD5" ] || die "refusing to patch $SRC: md5 is $got, expected $PIN_MD5 (lemon 3.40.1 template). The lemon package changed: re-review the patch against the new lempar.c and update PIN_MD5/OUT_MD5."

tmp="$OUT.tmp.$$"
edits="$OUT.edits.$$"
trap 'rm -f "$tmp" "$edits"' EXIT HUP INT TERM

# ---------------------------------------------------------------------------
# Edit list.  "@@@ LINE OP ANCHOR": OP is before|after|replace; ANCHOR is a
# substring that line LINE of the pinned lempar.c must contain.  The lines up
# to the next "@@@" are the inserted/replacement text (our own code).
# ---------------------------------------------------------------------------
cat >"$edits" <<'EDITS'
@@@ 102 after #endif
/*
** lempar-patch (deskprov, gen/lempar-patch.sh): every table index and every
** access to the parser stack below is preceded by an explicit range check,
** so that each access is provable locally, without the invariants of the
** tables that lemon generates.  A branch taken when such a check fails is
** DEAD BY CONSTRUCTION for a lemon-generated parser: its comment names the
** lemon invariant that makes it dead, and it calls YYDEADBRANCH(), which
** asserts in debug builds and does nothing under NDEBUG (define it in
** %include to count or trap instead).  Fallbacks only keep memory safety and
** fail closed (error action, %syntax_error or %stack_overflow).
*/
#ifndef YYDEADBRANCH
# define YYDEADBRANCH() assert( 0 && "lempar-patch: dead branch reached" )
#endif
@@@ 224 after typedef struct yyParser yyParser;

/* lempar-patch: capacity and last usable entry of the parser stack. */
#if YYSTACKDEPTH>0
# define YYSTACKCAP(P)  (YYSTACKDEPTH)
# define YYSTACKLAST(P) (&(P)->yystack[YYSTACKDEPTH-1])
#else
# define YYSTACKCAP(P)  ((P)->yystksz)
# define YYSTACKLAST(P) (&(P)->yystack[(P)->yystksz-1])
#endif
@@@ 226 after #include <assert.h>
#include <string.h>   /* lempar-patch: memset() in ParseInit() */
@@@ 289 replace pNew = malloc(newSize*sizeof(pNew[0]));
    pNew = malloc((size_t)newSize*sizeof(pNew[0]));
@@@ 292 replace pNew = realloc(p->yystack, newSize*sizeof(pNew[0]));
    pNew = realloc(p->yystack, (size_t)newSize*sizeof(pNew[0]));
@@@ 321 after yyParser *yypParser = (yyParser*)yypRawParser;
  /* lempar-patch: start from an all-zero parser object, so that no
  ** analysis has to show that stack entries above the top, or the
  ** %extra_argument slot before the first Parse() call, are never read
  ** (they are not; this only writes memory that is never observed). */
  memset(yypParser, 0, sizeof(*yypParser));
@@@ 412 after assert( pParser->yytos > pParser->yystack );
  if( pParser->yytos<=pParser->yystack || pParser->yytos>YYSTACKLAST(pParser) ){
    /* DEAD BY CONSTRUCTION: every caller pops only while yytos>yystack,
    ** and yytos never leaves the stack array. */
    YYDEADBRANCH();
    return;
  }
@@@ 487 replace for(stateno=0; stateno<YYNSTATE; stateno++){
  for(stateno=0; stateno<YYNSTATE && stateno<=YY_SHIFT_COUNT; stateno++){
@@@ 514 after assert( stateno <= YY_SHIFT_COUNT );
  if( stateno>YY_SHIFT_COUNT || stateno>=YYNSTATE || iLookAhead>=YYNTOKEN ){
    /* DEAD BY CONSTRUCTION: lemon emits yy_shift_ofst[] and yy_default[]
    ** entries for every LR state 0..YY_MAX_SHIFT (== YYNSTATE-1), and
    ** Parse() only passes terminal codes (< YYNTOKEN). */
    YYDEADBRANCH();
    return YY_ERROR_ACTION;
  }
@@@ 524 after assert( iLookAhead < YYNTOKEN );
    if( i<0 || i>YY_NLOOKAHEAD-YYNTOKEN || iLookAhead>=YYNTOKEN ){
      /* DEAD BY CONSTRUCTION: lemon pads yy_lookahead[] so that
      ** yy_shift_ofst[S]+YYNTOKEN <= YY_NLOOKAHEAD for every state S, and
      ** yyFallback[] maps terminals to terminals (asserts above). */
      YYDEADBRANCH();
      return YY_ERROR_ACTION;
    }
@@@ 530 after assert( iLookAhead<sizeof(yyFallback)/sizeof(yyFallback[0]) );
      if( (size_t)iLookAhead>=sizeof(yyFallback)/sizeof(yyFallback[0]) ){
        /* DEAD BY CONSTRUCTION: yyFallback[] has one entry per terminal. */
        YYDEADBRANCH();
        return yy_default[stateno];
      }
@@@ 547 after assert( j<(int)(sizeof(yy_lookahead)/sizeof(yy_lookahead[0])) );
        if( j<0 || j>=YY_NLOOKAHEAD ){
          /* DEAD BY CONSTRUCTION: j = yy_shift_ofst[S]+YYWILDCARD, and
          ** YYWILDCARD < YYNTOKEN (see the padding invariant above). */
          YYDEADBRANCH();
          return yy_default[stateno];
        }
@@@ 556 before return yy_action[j];
          if( j>=YY_ACTTAB_COUNT ){
            /* DEAD BY CONSTRUCTION: yy_lookahead[] entries at and beyond
            ** YY_ACTTAB_COUNT are padding and never equal a terminal. */
            YYDEADBRANCH();
            return yy_default[stateno];
          }
@@@ 563 before return yy_action[i];
      if( i>=YY_ACTTAB_COUNT ){
        /* DEAD BY CONSTRUCTION: yy_lookahead[] entries at and beyond
        ** YY_ACTTAB_COUNT are padding and never equal a terminal (assert
        ** above). */
        YYDEADBRANCH();
        return yy_default[stateno];
      }
@@@ 576 after int i;
  if( stateno>=YYNSTATE ){
    /* DEAD BY CONSTRUCTION: this is only asked for the LR state under a
    ** reduced right-hand side or, in error recovery, for a state on the
    ** stack; such entries hold states < YYNSTATE (only the top entry may
    ** hold a pending reduce action, and it is part of the popped RHS). */
    YYDEADBRANCH();
    return YY_ERROR_ACTION;
  }
@@@ 582 after assert( stateno<=YY_REDUCE_COUNT );
  if( stateno>YY_REDUCE_COUNT ){
    /* DEAD BY CONSTRUCTION: without an error symbol lemon emits a
    ** yy_reduce_ofst[] entry for every state that can be uncovered by a
    ** reduce (assert above). */
    YYDEADBRANCH();
    return YY_ERROR_ACTION;
  }
@@@ 593 after assert( yy_lookahead[i]==iLookAhead );
  if( i<0 || i>=YY_ACTTAB_COUNT || yy_lookahead[i]!=iLookAhead ){
    /* DEAD BY CONSTRUCTION: lemon stores a goto action for every (state,
    ** nonterminal) pair that a reduce can produce (asserts above). */
    YYDEADBRANCH();
    return YY_ERROR_ACTION;
  }
@@@ 649 after yyStackEntry *yytos;
  if( yyNewState>YY_MAX_SHIFTREDUCE
   || (yyNewState>YY_MAX_SHIFT && yyNewState<YY_MIN_SHIFTREDUCE) ){
    /* DEAD BY CONSTRUCTION: both callers pass a shift or shift-reduce
    ** action taken from the tables. */
    YYDEADBRANCH();
    yyStackOverflow(yypParser);
    return;
  }
@@@ 658 replace if( yypParser->yytos>yypParser->yystackEnd ){
  if( yypParser->yytos>YYSTACKLAST(yypParser) ){
@@@ 673 replace yyNewState += YY_MIN_REDUCE - YY_MIN_SHIFTREDUCE;
    yyNewState = (YYACTIONTYPE)(yyNewState + (YY_MIN_REDUCE - YY_MIN_SHIFTREDUCE));
@@@ 720 after yymsp = yypParser->yytos;

  /* lempar-patch: the reduce actions below read yymsp[-N+1..0] for a rule
  ** with N right-hand-side symbols, the code after them reads yymsp[-N],
  ** and a rule with N==0 writes its value to yymsp[1]: check the rule
  ** number, that the stack holds N entries above yystack[0] and, when
  ** N==0, that yymsp[1] exists.  The split annotation makes Frama-C EVA
  ** check every reduce action with its own N (comment for compilers). */
  /*@ split yyruleno; */
  if( yyruleno>=YYNRULE ){
    /* DEAD BY CONSTRUCTION: Parse() passes action-YY_MIN_REDUCE for an
    ** action in YY_MIN_REDUCE..YY_MAX_REDUCE. */
    YYDEADBRANCH();
    return YY_ERROR_ACTION;
  }
  yysize = yyRuleInfoNRhs[yyruleno];
  if( yysize>0 || -yysize>=YYSTACKCAP(yypParser)
   || yymsp<&yypParser->yystack[-yysize] || yymsp>YYSTACKLAST(yypParser)
   || (yysize==0 && yymsp>=YYSTACKLAST(yypParser)) ){
    /* DEAD BY CONSTRUCTION: an LR parser reduces a rule only in a state
    ** whose stack holds that rule's right-hand side (on top of the initial
    ** entry yystack[0]), and Parse() has already turned an empty-RHS reduce
    ** on a full stack into a stack overflow. */
    YYDEADBRANCH();
    return YY_ERROR_ACTION;
  }
@@@ 859 after ParseARG_STORE
  if( yymajor<0 || yymajor>=YYNTOKEN
   || yypParser->yytos<yypParser->yystack
   || yypParser->yytos>YYSTACKLAST(yypParser) ){
    /* DEAD for a caller that keeps the API contract: yymajor is a terminal
    ** code (0 = end of input) and the parser was set up by ParseInit().
    ** Fail closed: report a syntax error, leave the parser unchanged. */
    YYDEADBRANCH();
    yy_syntax_error(yypParser,yymajor,yyminor);
    return;
  }
@@@ 882 after yyact = yy_find_shift_action((YYCODETYPE)yymajor,yyact);
    if( (unsigned int)yyact>(unsigned int)YY_MAX_REDUCE ){
      /* DEAD BY CONSTRUCTION: table entries and the states kept on the
      ** stack are actions <= YY_MAX_REDUCE. */
      YYDEADBRANCH();
      yyact = YY_ERROR_ACTION;
    }
@@@ 884 replace unsigned int yyruleno = yyact - YY_MIN_REDUCE;
      unsigned int yyruleno = (unsigned int)(yyact - YY_MIN_REDUCE); /* Reduce by this rule */
@@@ 886 replace assert( yyruleno<(int)(sizeof(yyRuleName)/sizeof(yyRuleName[0])) );
      assert( yyruleno<sizeof(yyRuleName)/sizeof(yyRuleName[0]) );
@@@ 915 replace if( yypParser->yytos>=yypParser->yystackEnd ){
        if( yypParser->yytos>=YYSTACKLAST(yypParser) ){
@@@ 936 replace yypParser->yytos--;
      if( yypParser->yytos>yypParser->yystack ){
        yypParser->yytos--;
      }else{
        /* DEAD BY CONSTRUCTION: accept is the goto on the start symbol
        ** from state 0, so the start symbol sits at yystack[1]. */
        YYDEADBRANCH();
      }
@@@ 1062 after assert( iToken<(int)(sizeof(yyFallback)/sizeof(yyFallback[0])) );
  if( iToken<0 || iToken>=(int)(sizeof(yyFallback)/sizeof(yyFallback[0])) ){
    /* DEAD for a caller that passes a terminal code (API contract). */
    YYDEADBRANCH();
    return 0;
  }
EDITS

# ---------------------------------------------------------------------------
awk -v NLINES=1068 '
function fail(msg) { printf "lempar-patch.sh: %s\n", msg > "/dev/stderr"; bad = 1; exit 1 }
FNR == NR {                                   # pass 1: the edit list
  if ($0 ~ /^@@@ /) {
    line = $2 + 0; op = $3
    anchor = $0; sub(/^@@@ [0-9]+ [a-z]+ /, "", anchor)
    if (op != "before" && op != "after" && op != "replace") fail("bad op: " $0)
    key = line SUBSEP op
    if (key in text) fail("duplicate edit: " $0)
    text[key] = ""; anch[key] = anchor; nedit++
    cur = key; next
  }
  if (cur == "") fail("text before first @@@ line")
  text[cur] = text[cur] $0 "\n"; next
}
{                                             # pass 2: lempar.c
  for (o = 1; o <= 3; o++) {
    op = (o == 1 ? "before" : (o == 2 ? "replace" : "after")); key = FNR SUBSEP op
    if ((key in anch) && index($0, anch[key]) == 0)
      fail("line " FNR " does not contain \"" anch[key] "\"")
  }
  if ((FNR SUBSEP "before") in text) { printf "%s", text[FNR SUBSEP "before"]; done++ }
  if ((FNR SUBSEP "replace") in text) { printf "%s", text[FNR SUBSEP "replace"]; done++ }
  else print
  if ((FNR SUBSEP "after") in text) { printf "%s", text[FNR SUBSEP "after"]; done++ }
  last = FNR
}
END {
  if (bad) exit 1
  if (last != NLINES) fail("input has " last " lines, expected " NLINES)
  if (done != nedit) fail("applied " done " of " nedit " edits")
}' "$edits" "$SRC" >"$tmp" || die "transformation failed (see above); $OUT not written"

got=$(md5_of "$tmp")
if [ "$OUT_MD5" != "@OUT_MD5@" ] && [ "$got" != "$OUT_MD5" ]; then
  die "patched template md5 is $got, expected $OUT_MD5 (awk or script changed?); $OUT not written"
fi
mv "$tmp" "$OUT"
trap - EXIT HUP INT TERM
rm -f "$edits"
