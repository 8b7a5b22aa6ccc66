/*
 * Conformance of the script/settings language: lines, tokens, statements and values
 * (spec/requirements.md REQ-SCR-001, REQ-SCR-003 .. REQ-SCR-017). Each test names the
 * requirement it checks and drives the runtime API: dp_script_* compiles a string, the
 * interpreter (dp_interp_*) runs it over a parameter store.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "scr_harness.h"

static const struct dp_stmt *st(const struct h_prog *p, uint32_t i)
{
    assert_true(i < p->prog.n);
    return &p->prog.stmt[i];
}

/* REQ-SCR-001: exactly six statement kinds; comments are not kept, every other kind is. */
static void test_REQ_SCR_001_six_statement_kinds(void **state)
{
    struct h_prog p;
    const char *src = "## a comment\n"                     /* 1 comment */
                      "# START\n"                          /* 2 tag */
                      "SET SIPDOMAIN example.com\n"        /* 3 */
                      "IF $MODEL4 SEQ 9620 GOTO NEXT\n"    /* 4 */
                      "GET other.txt\n"                    /* 5 */
                      "GOTO START\n"                       /* 6 */
                      "# NEXT\n"                           /* 7 */
                      "SEQ 1\n"                            /* 8: not a statement */
                      "ELSE GOTO START\n"                  /* 9: not a statement */
                      "ADD SIPDOMAIN x\n"                  /* 10: J100 ADD, not ours */
                      "SNE $MODEL4 9620\n";                /* 11 */
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 6);
    assert_int_equal(st(&p, 0)->kind, DP_STMT_TAG);
    assert_true(h_opnd_is(&p.prog, &st(&p, 0)->a, "START"));
    assert_int_equal(st(&p, 0)->line, 2);
    assert_int_equal(st(&p, 1)->kind, DP_STMT_SET);
    assert_int_equal(st(&p, 1)->param, DP_P_SIPDOMAIN);
    assert_true(h_opnd_is(&p.prog, &st(&p, 1)->a, "SIPDOMAIN"));
    assert_true(h_opnd_is(&p.prog, &st(&p, 1)->b, "example.com"));
    assert_int_equal(st(&p, 2)->kind, DP_STMT_IF);
    assert_int_equal(st(&p, 2)->param, DP_P_MODEL4);
    assert_true(h_opnd_is(&p.prog, &st(&p, 2)->a, "MODEL4"));
    assert_true(h_opnd_is(&p.prog, &st(&p, 2)->b, "9620"));
    assert_true(h_opnd_is(&p.prog, &st(&p, 2)->c, "NEXT"));
    assert_int_equal(st(&p, 2)->target, 5);
    assert_int_equal(st(&p, 3)->kind, DP_STMT_GET);
    assert_true(h_opnd_is(&p.prog, &st(&p, 3)->a, "other.txt"));
    assert_int_equal(st(&p, 4)->kind, DP_STMT_GOTO);
    assert_int_equal(st(&p, 4)->target, 0);
    assert_int_equal(st(&p, 5)->kind, DP_STMT_TAG);
    assert_int_equal(st(&p, 5)->line, 7);
    assert_int_equal(p.sink.errors, 0);
    h_prog_free(&p);
}

/* REQ-SCR-001: the settings file a GET obtains is run by the same interpreter, with the
 * same statements (IF, GOTO, tags, SET, GET), as the upgrade script. */
static void test_REQ_SCR_001_settings_file_same_language(void **state)
{
    struct h_run r;
    (void)state;
    h_run_init(&r, DP_PROFILE_16CC);
    h_sys(&r, "MODEL4", "9620");
    h_file_str(&r, "up.txt", "SET SIPDOMAIN up\nGET s.txt\n");
    h_file_str(&r, "s.txt",
               "IF $MODEL4 SEQ 9620 GOTO M\n"
               "SET DIALPLAN wrong\n"
               "# M\n"
               "SET DIALPLAN right\n"
               "GOTO E\n"
               "SET DIALPLAN wrong2\n"
               "# E\n"
               "GET t.txt\n");
    h_file_str(&r, "t.txt", "IF $MODEL4 SEQ 9620 GOTO X\nSET SIPPORT 5999\n# X\nSET SIPPORT 5070\n");
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "up");
    assert_string_equal(h_param(&r, "DIALPLAN"), "right");
#if DP_SCRIPT_GET_DEPTH >= 3
    assert_string_equal(h_param(&r, "SIPPORT"), "5070");
    assert_int_equal(r.nreq, 2);
#else   /* shrunk build: a chain of two files at most, the GET of t.txt is refused */
    assert_string_equal(h_param(&r, "SIPPORT"), "5060");
    assert_int_equal(r.nreq, 1);
    assert_int_equal(h_stmt_ev(&r, "s.txt", 8)->ev.reason, DP_E_GET_DEPTH);
#endif
    assert_int_equal(r.nfailed, 0);
    h_run_free(&r);
}

/* REQ-SCR-003: LF, CRLF, mixed endings and a missing final newline compile into the
 * program of the LF-terminated file. */
static void test_REQ_SCR_003_line_endings(void **state)
{
    static const char *lf = "## head\n# A  \nSET SIPDOMAIN \"a b\"\nIF $MODEL4 SEQ 9620 goto A\n"
                            "\nGET 46xxsettings.txt\nSET PHNCC\n";
    static const char *variants[] = {
        "## head\r\n# A  \r\nSET SIPDOMAIN \"a b\"\r\nIF $MODEL4 SEQ 9620 goto A\r\n"
        "\r\nGET 46xxsettings.txt\r\nSET PHNCC\r\n",
        "## head\n# A  \r\nSET SIPDOMAIN \"a b\"\nIF $MODEL4 SEQ 9620 goto A\r\n"
        "\nGET 46xxsettings.txt\r\nSET PHNCC\n",
        "## head\n# A  \nSET SIPDOMAIN \"a b\"\nIF $MODEL4 SEQ 9620 goto A\n"
        "\nGET 46xxsettings.txt\nSET PHNCC",
        "## head\r\n# A  \r\nSET SIPDOMAIN \"a b\"\r\nIF $MODEL4 SEQ 9620 goto A\r\n"
        "\r\nGET 46xxsettings.txt\r\nSET PHNCC",
        "## head\r\n# A  \r\nSET SIPDOMAIN \"a b\"\r\nIF $MODEL4 SEQ 9620 goto A\r\n"
        "\r\nGET 46xxsettings.txt\r\nSET PHNCC\r",
    };
    struct h_prog ref, p;
    size_t i, chunk;
    (void)state;
    h_prog_new(&ref);
    h_compile_str(&ref, lf);
    assert_int_equal(ref.prog.n, 5);
    assert_int_equal(ref.sink.n, 0);
    assert_int_equal(ref.prog.stmt[4].kind, DP_STMT_SET);   /* the last line is compiled */
    assert_int_equal(ref.prog.stmt[4].line, 7);
    for (i = 0; i < sizeof variants / sizeof *variants; i++) {
        for (chunk = 1; chunk <= 3; chunk++) {
            h_prog_new(&p);
            h_compile_chunks(&p, variants[i], strlen(variants[i]), chunk);
            h_assert_same_prog(&ref, &p);
            h_prog_free(&p);
        }
    }
    h_prog_free(&ref);
}

/* REQ-SCR-004: runs of spaces and tabs separate tokens; trailing blanks (on a tag line
 * too) are ignored and are not "trailing text". */
static void test_REQ_SCR_004_blank_runs(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "SET\t \tSIPDOMAIN \t  example.com \t \n"
                      "IF  $MODEL4\tSEQ   9620 \t goto   BACKUPAPP96XX  \n"
                      "SET DIALPLAN skipped\n"
                      "# BACKUPAPP96XX  \n"
                      "SET APPNAME SIP96xx_2_6_17_0_SHA256.bin \n"
                      "GOTO\t\tEND\t\n"
                      "# END\t \t\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 7);
    assert_int_equal(p.sink.n, 0);               /* no trailing-text warning anywhere */
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[0].b, "example.com"));
    assert_int_equal(p.prog.stmt[0].flags, 0);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[1].b, "9620"));
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[1].c, "BACKUPAPP96XX"));
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[3].a, "BACKUPAPP96XX"));
    assert_int_equal(p.prog.stmt[1].target, 3);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[4].b, "SIP96xx_2_6_17_0_SHA256.bin"));
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[6].a, "END"));
    assert_int_equal(p.prog.stmt[5].target, 6);
    h_prog_free(&p);

    h_run_text(&r, DP_PROFILE_16CC, src, "MODEL4=9620", NULL);
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "example.com");
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    assert_string_equal(h_param(&r, "APPNAME"), "SIP96xx_2_6_17_0_SHA256.bin");
    h_run_free(&r);
}

/* REQ-SCR-005: a line that begins with a space or a tab is a comment. */
static void test_REQ_SCR_005_leading_blank_is_comment(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = " SET SIPDOMAIN indented\n"
                      "\tSET DIALPLAN tabbed\n"
                      "  GOTO END\n"
                      " # END\n"
                      "\tGET x.txt\n"
                      " IF $MODEL4 SEQ 9620 GOTO END\n"
                      "SET SNMPSTRING kept\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 1);
    assert_int_equal(p.prog.stmt[0].line, 7);
    assert_int_equal(p.sink.n, 0);
    h_prog_free(&p);
    h_run_text(&r, DP_PROFILE_16CC, src, "MODEL4=9620", NULL);
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "");
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "kept");
    assert_int_equal(r.nreq, 0);
    h_run_free(&r);
}

/* REQ-SCR-006: keywords in any letter case, in every profile, and only as whole tokens. */
static void test_REQ_SCR_006_keyword_case(void **state)
{
    static const char *src = "set SIPDOMAIN a\n"
                             "Set DIALPLAN b\n"
                             "sEt SNMPSTRING c\n"
                             "iF $MODEL4 sEq 9620 GoTo L\n"
                             "SET TIMEZONE wrong\n"
                             "# L\n"
                             "goto M\n"
                             "SET TIMEZONE wrong2\n"
                             "# M\n"
                             "SETTINGS SIPPORT 5999\n"      /* whole tokens only */
                             "SET_SIPPORT 5998\n"
                             "GETSET\n"
                             "IFS $MODEL4 SEQ 9620 GOTO L\n"
                             "GOTOX L\n"
                             "gEt s.txt\n";
    struct h_prog p;
    int prof;
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 10);
    assert_int_equal(p.prog.stmt[0].kind, DP_STMT_SET);
    assert_int_equal(p.prog.stmt[1].kind, DP_STMT_SET);
    assert_int_equal(p.prog.stmt[2].kind, DP_STMT_SET);
    assert_int_equal(p.prog.stmt[3].kind, DP_STMT_IF);
    assert_int_equal(p.prog.stmt[3].target, 5);
    assert_int_equal(p.prog.stmt[6].kind, DP_STMT_GOTO);
    assert_int_equal(p.prog.stmt[9].kind, DP_STMT_GET);
    assert_int_equal(p.prog.stmt[9].line, 15);   /* lines 10-14 are comments */
    h_prog_free(&p);
    for (prof = 0; prof < DP_PROFILE_COUNT; prof++) {
        struct h_run r;
        h_run_init(&r, (enum dp_profile_id)prof);
        h_sys(&r, "MODEL4", "9620");
        h_file_str(&r, "up.txt", src);
        h_file_str(&r, "s.txt", "SET SIPPORT 5070\n");
        h_go(&r, "up.txt");
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "a");
        assert_string_equal(h_param(&r, "DIALPLAN"), "b");
        assert_string_equal(h_param(&r, "SNMPSTRING"), "c");
        assert_string_equal(h_param(&r, "TIMEZONE"), "Etc/GMT");
        assert_string_equal(h_param(&r, "SIPPORT"), "5070");
        assert_int_equal(r.nreq, 1);
        h_run_free(&r);
    }
}

/* REQ-SCR-007: `#`, one space and a word is a tag named by the word; text after it is
 * ignored (`# SETTINGS3631        ##`). */
static void test_REQ_SCR_007_tag_trailing_text(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "GOTO SETTINGS3631\n"
                      "SET DIALPLAN skipped\n"
                      "# SETTINGS3631        ##  \n"
                      "SET SIPDOMAIN reached\n"
                      "GOTO X\n"
                      "# X any text after the word GOTO Y\n"
                      "SET SNMPSTRING reached\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 7);
    assert_int_equal(p.prog.stmt[2].kind, DP_STMT_TAG);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[2].a, "SETTINGS3631"));
    assert_int_equal(p.prog.stmt[2].a.col, 3);
    assert_int_equal(p.prog.stmt[0].target, 2);
    assert_int_equal(p.prog.stmt[5].kind, DP_STMT_TAG);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[5].a, "X"));
    assert_int_equal(p.prog.stmt[4].target, 5);
    /* the text after a tag's word is no trailing text: the one finding is line 2, which
     * follows a GOTO */
    assert_int_equal(p.sink.n, 1);
    h_assert_diag_at(&p, DP_E_UNREACHABLE, 2, 1);
    h_prog_free(&p);
    h_run_text(&r, DP_PROFILE_16CC, src, NULL);
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "reached");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "reached");
    h_run_free(&r);
}

/* REQ-SCR-008: `##...`, `#word`, `#` alone, `#` + tab and `#` + two spaces are comments. */
static void test_REQ_SCR_008_hash_comments(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "GOTO T\n"
                      "## T\n"
                      "#T\n"
                      "#\n"
                      "#\tT\n"
                      "#  T\n"
                      "###\n"
                      "SET SIPDOMAIN not_reached\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 2);     /* the GOTO and the SET: no tag */
    assert_int_equal(p.prog.stmt[0].target, DP_NO_TARGET);
    h_assert_diag_at(&p, DP_E_MISSING_TAG, 1, 6);
    h_prog_free(&p);
    /* the GOTO finds no tag T: the file ends, the SET is not run */
    h_run_text(&r, DP_PROFILE_16CC, src, NULL);
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "");
    h_run_free(&r);
}

/* REQ-SCR-009: a line of no statement kind is a comment, and comments are not kept:
 * the program of a file of comments is empty and uses no pool. */
static void test_REQ_SCR_009_comments_not_kept(void **state)
{
    struct h_prog p;
    char *big;
    size_t i, n = 0;
    const char *line = "This is free text = 5, SET-like but not a statement; ADD x; SEQ\n";
    (void)state;
    big = malloc(2000 * strlen(line) + 64);
    assert_non_null(big);
    for (i = 0; i < 2000; i++) {
        memcpy(big + n, line, strlen(line));
        n += strlen(line);
    }
    memcpy(big + n, "SET SIPDOMAIN x\n", 16);
    n += 16;
    /* room for one statement of 10 operand bytes: comments must not take any of it */
    h_prog_alloc(&p, 1, 10, 16);
    h_compile(&p, big, n);
    assert_int_equal(p.prog.full, 0);
    assert_int_equal(p.prog.n, 1);
    assert_int_equal(p.prog.pool_used, 10);     /* "SIPDOMAIN" + "x" */
    assert_int_equal(p.prog.stmt[0].line, 2001);
    assert_int_equal(p.sink.errors, 0);
    h_prog_free(&p);
    free(big);
}

/* REQ-SCR-010: a statement lacking a part is reported at its line and column, ignored,
 * and parsing and execution go on with the next line. */
static void test_REQ_SCR_010_missing_parts(void **state)
{
    static const struct { const char *line; uint16_t code; uint32_t col; } cases[] = {
        {"IF", DP_E_IF_NO_NAME, 3},
        {"IF MODEL4 SEQ 9620 GOTO T", DP_E_IF_NO_NAME, 4},
        {"IF $MODEL4", DP_E_IF_NO_SEQ, 11},
        {"IF $MODEL4 9620 GOTO T", DP_E_IF_NO_SEQ, 12},
        {"IF $MODEL4 SEQ", DP_E_IF_NO_VALUE, 15},
        {"IF $MODEL4 SEQ 9620", DP_E_IF_NO_GOTO, 20},
        {"IF $MODEL4 SEQ 9620 T", DP_E_IF_NO_GOTO, 21},
        {"IF $MODEL4 SEQ 9620 GOTO", DP_E_GOTO_NO_TAG, 25},
        {"GOTO", DP_E_GOTO_NO_TAG, 5},
        {"GOTO   ", DP_E_GOTO_NO_TAG, 8},
        {"GET", DP_E_GET_NO_FILE, 4},
        {"SET", DP_E_SET_NO_NAME, 4},
        {"set \t", DP_E_SET_NO_NAME, 6},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct h_prog p;
        struct h_run r;
        char src[256];
        snprintf(src, sizeof src, "SET SIPDOMAIN before\n%s\nSET DIALPLAN after\n# T\n",
                 cases[i].line);
        h_prog_new(&p);
        h_compile_str(&p, src);
        if (p.prog.n != 3)
            fail_msg("'%s': %u statements", cases[i].line, (unsigned)p.prog.n);
        assert_int_equal(p.prog.stmt[1].line, 3);     /* the next line was parsed */
        assert_int_equal(p.sink.errors, 1);
        assert_int_equal(dp_diag_severity(cases[i].code), DP_SEV_ERROR);
        h_assert_diag_at(&p, cases[i].code, 2, cases[i].col);
        h_prog_free(&p);
        h_run_text(&r, DP_PROFILE_16CC, src, "MODEL4=9620", NULL);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "before");
        assert_string_equal(h_param(&r, "DIALPLAN"), "after");
        h_run_free(&r);
    }
}

/* REQ-SCR-012: a line with a NUL byte is reported and skipped whole. */
static void test_REQ_SCR_012_nul_byte(void **state)
{
    static const char src[] = "SET SIPDOMAIN a\0b\nSET DIALPLAN ok\n## comment \0 too\n"
                              "GOTO\0 X\nSET SNMPSTRING ok\n";
    struct h_prog p, q;
    struct h_run r;
    (void)state;
    h_prog_new(&p);
    h_compile(&p, src, sizeof src - 1);
    assert_int_equal(p.prog.n, 2);
    assert_int_equal(p.prog.stmt[0].line, 2);
    assert_int_equal(p.prog.stmt[1].line, 5);
    assert_int_equal(h_ndiag(&p, DP_E_NUL_BYTE), 3);
    h_assert_diag_at(&p, DP_E_NUL_BYTE, 1, 16);
    h_assert_diag_at(&p, DP_E_NUL_BYTE, 3, 12);
    h_assert_diag_at(&p, DP_E_NUL_BYTE, 4, 5);
    assert_int_equal(p.sink.errors, 3);
    /* the same, one byte at a time */
    h_prog_new(&q);
    h_compile_chunks(&q, src, sizeof src - 1, 1);
    h_assert_same_prog(&p, &q);
    h_prog_free(&q);
    h_prog_free(&p);
    h_run_init(&r, DP_PROFILE_16CC);
    h_file(&r, "up.txt", src, sizeof src - 1);
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "");
    assert_string_equal(h_param(&r, "DIALPLAN"), "ok");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "ok");
    h_run_free(&r);
}

/* REQ-SCR-013: double-quoted values (ASCII 34, no escapes) may hold blanks, commas, `;`
 * and `=`; `""` is the empty value. */
static void test_REQ_SCR_013_quoted_values(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "SET SIPDOMAIN \"a b\tc,d;e=f\"\n"
                      "SET DIALPLAN \"\"\n"
                      "SET SNMPSTRING \"x\\\"\n"               /* "x\" : no escape */
                      "IF $MODEL SEQ \"96 20\" GOTO A\n"
                      "SET TIMEZONE no\n"
                      "# A\n"
                      "IF $BOOTNAME SEQ \"\" GOTO B\n"
                      "SET HTTPDIR no\n"
                      "# B\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 9);
    assert_int_equal(p.sink.n, 0);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[0].b, "a b\tc,d;e=f"));
    assert_true(p.prog.stmt[0].flags & DP_SF_QUOTED);
    assert_int_equal(p.prog.stmt[0].b.col, 16);
    assert_int_equal(p.prog.stmt[1].b.len, 0);
    assert_true(p.prog.stmt[1].flags & DP_SF_QUOTED);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[2].b, "x\\"));
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[3].b, "96 20"));
    h_prog_free(&p);
    h_run_init(&r, DP_PROFILE_16CC);
    h_sys(&r, "MODEL", "96 20");
    h_sys(&r, "DIALPLAN", "nonempty");
    h_file_str(&r, "up.txt", src);
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "a b\tc,d;e=f");
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "x\\");
    assert_string_equal(h_param(&r, "TIMEZONE"), "Etc/GMT");   /* IF "96 20" jumped */
    assert_string_equal(h_param(&r, "HTTPDIR"), "");           /* IF "" jumped (no BOOTNAME) */
    h_run_free(&r);
    /* single quotes are not quotes: the value is the first token, the rest is ignored */
    h_prog_new(&p);
    h_compile_str(&p, "SET SIPDOMAIN 'a b'\n");
    assert_int_equal(p.prog.n, 1);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[0].b, "'a"));
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 1, 18);
    h_prog_free(&p);
}

/* REQ-SCR-014: an unquoted value is one token; text after the last part of SET, IF, GOTO
 * and GET is ignored with a warning (the statement itself still runs). */
static void test_REQ_SCR_014_trailing_text(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "SET SIPDOMAIN a b c\n"
                      "IF $MODEL4 SEQ 9620 GOTO L extra words\n"
                      "SET DIALPLAN skipped\n"
                      "# L\n"
                      "GOTO M \"quoted extra\"\n"
                      "# M\n"
                      "SET SNMPSTRING \"v\" $MACADDR\n"
                      "GET s.txt t.txt\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 8);
    assert_int_equal(h_ndiag(&p, DP_E_TRAILING_TEXT), 5);
    assert_int_equal(p.sink.errors, 0);
    assert_int_equal(dp_diag_severity(DP_E_TRAILING_TEXT), DP_SEV_WARNING);
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 1, 17);
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 2, 28);
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 5, 8);
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 7, 20);
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 8, 11);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[0].b, "a"));
    assert_true(p.prog.stmt[0].flags & DP_SF_TRAILING);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[7].a, "s.txt"));
    h_prog_free(&p);
    h_run_init(&r, DP_PROFILE_16CC);
    h_sys(&r, "MODEL4", "9620");
    h_file_str(&r, "up.txt", src);
    h_file_str(&r, "s.txt", "SET TIMEZONE got_s\n");
    h_file_str(&r, "t.txt", "SET TIMEZONE got_t\n");
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "a");
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "v");
    assert_string_equal(h_param(&r, "TIMEZONE"), "got_s");
    assert_int_equal(r.nreq, 1);
    h_run_free(&r);
}

/* REQ-SCR-015: `SET name` sets the empty value like `SET name ""`; a next line that starts
 * with a double quote is a comment with a warning. */
static void test_REQ_SCR_015_set_without_value(void **state)
{
    struct h_prog p;
    struct h_run r1, r2;
    const char *a = "SET SIPDOMAIN\nSET PHNLD \nSET OBSCURE_PREFERENCES\n\"1,2,3\"\n";
    const char *b = "SET SIPDOMAIN \"\"\nSET PHNLD \"\"\nSET OBSCURE_PREFERENCES \"\"\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, a);
    assert_int_equal(p.prog.n, 3);
    assert_int_equal(p.prog.stmt[0].kind, DP_STMT_SET);
    assert_int_equal(p.prog.stmt[0].b.len, 0);
    assert_int_equal(p.prog.stmt[1].b.len, 0);
    assert_int_equal(h_ndiag(&p, DP_E_CONTINUATION_LINE), 1);
    h_assert_diag_at(&p, DP_E_CONTINUATION_LINE, 4, 1);
    assert_int_equal(dp_diag_severity(DP_E_CONTINUATION_LINE), DP_SEV_WARNING);
    assert_int_equal(p.sink.errors, 0);
    h_prog_free(&p);
    h_run_init(&r1, DP_PROFILE_16CC);
    h_run_init(&r2, DP_PROFILE_16CC);
    h_sys(&r1, "SIPDOMAIN", "old");
    h_sys(&r2, "SIPDOMAIN", "old");
    h_file_str(&r1, "up.txt", a);
    h_file_str(&r2, "up.txt", b);
    h_go(&r1, "up.txt");
    h_go(&r2, "up.txt");
    assert_string_equal(h_param(&r1, "SIPDOMAIN"), "");
    assert_string_equal(h_param(&r1, "PHNLD"), "");
    /* both files leave exactly the same store */
    assert_memory_equal(&r1.ps, &r2.ps, sizeof r1.ps);
    h_run_free(&r1);
    h_run_free(&r2);
}

/* REQ-SCR-016: an opening double quote with no closing one is reported and the line is
 * ignored. */
static void test_REQ_SCR_016_unterminated_quote(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "SET SIPDOMAIN \"abc def\n"
                      "IF $MODEL4 SEQ \"9620 GOTO L\n"
                      "GET \"s.txt\n"
                      "SET DIALPLAN next\n"
                      "# L\n";
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 2);
    assert_int_equal(h_ndiag(&p, DP_E_UNTERMINATED_QUOTE), 3);
    h_assert_diag_at(&p, DP_E_UNTERMINATED_QUOTE, 1, 15);
    h_assert_diag_at(&p, DP_E_UNTERMINATED_QUOTE, 2, 16);
    h_assert_diag_at(&p, DP_E_UNTERMINATED_QUOTE, 3, 5);
    h_prog_free(&p);
    h_run_init(&r, DP_PROFILE_16CC);
    h_sys(&r, "MODEL4", "9620");
    h_sys(&r, "SIPDOMAIN", "kept");
    h_file_str(&r, "up.txt", src);
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "kept");
    assert_string_equal(h_param(&r, "DIALPLAN"), "next");
    assert_int_equal(r.nreq, 0);
    h_run_free(&r);
}

/* REQ-SCR-017: bytes outside ASCII are accepted in comments and values; typographic
 * quotes (cp1252 0x93/0x94, UTF-8 U+201C/U+201D) are value bytes, with a warning. */
static void test_REQ_SCR_017_non_ascii(void **state)
{
    struct h_prog p;
    struct h_run r;
    const char *src = "## caf\xc3\xa9 \x93quoted\x94 \xff\n"                /* 1 */
                      "SET SIPDOMAIN \x93" "abc\x94\n"                      /* 2 */
                      "SET DIALPLAN \xe2\x80\x9c" "abc\xe2\x80\x9d\n"       /* 3 */
                      "SET SNMPSTRING caf\xc3\xa9\n"                        /* 4 */
                      "SET TIMEZONE \x93" "a b\x94\n";                      /* 5 */
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, src);
    assert_int_equal(p.prog.n, 4);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[0].b, "\x93" "abc\x94"));
    assert_int_equal(p.prog.stmt[0].flags & DP_SF_QUOTED, 0);
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[1].b, "\xe2\x80\x9c" "abc\xe2\x80\x9d"));
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[2].b, "caf\xc3\xa9"));
    assert_true(h_opnd_is(&p.prog, &p.prog.stmt[3].b, "\x93" "a"));
    h_assert_diag_at(&p, DP_E_TYPOGRAPHIC_QUOTE, 2, 15);
    h_assert_diag_at(&p, DP_E_TYPOGRAPHIC_QUOTE, 3, 14);
    h_assert_diag_at(&p, DP_E_TYPOGRAPHIC_QUOTE, 5, 14);
    h_assert_diag_at(&p, DP_E_TRAILING_TEXT, 5, 17);
    assert_int_equal(h_ndiag(&p, DP_E_TYPOGRAPHIC_QUOTE), 3);   /* none for the é */
    assert_int_equal(p.sink.errors, 0);
    h_prog_free(&p);
    h_run_text(&r, DP_PROFILE_16CC, src, NULL);
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "\x93" "abc\x94");
    assert_string_equal(h_param(&r, "DIALPLAN"), "\xe2\x80\x9c" "abc\xe2\x80\x9d");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "caf\xc3\xa9");
    h_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SCR_001_six_statement_kinds),
        cmocka_unit_test(test_REQ_SCR_001_settings_file_same_language),
        cmocka_unit_test(test_REQ_SCR_003_line_endings),
        cmocka_unit_test(test_REQ_SCR_004_blank_runs),
        cmocka_unit_test(test_REQ_SCR_005_leading_blank_is_comment),
        cmocka_unit_test(test_REQ_SCR_006_keyword_case),
        cmocka_unit_test(test_REQ_SCR_007_tag_trailing_text),
        cmocka_unit_test(test_REQ_SCR_008_hash_comments),
        cmocka_unit_test(test_REQ_SCR_009_comments_not_kept),
        cmocka_unit_test(test_REQ_SCR_010_missing_parts),
        cmocka_unit_test(test_REQ_SCR_012_nul_byte),
        cmocka_unit_test(test_REQ_SCR_013_quoted_values),
        cmocka_unit_test(test_REQ_SCR_014_trailing_text),
        cmocka_unit_test(test_REQ_SCR_015_set_without_value),
        cmocka_unit_test(test_REQ_SCR_016_unterminated_quote),
        cmocka_unit_test(test_REQ_SCR_017_non_ascii),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
