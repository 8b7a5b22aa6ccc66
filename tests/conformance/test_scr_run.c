/*
 * Conformance of the interpreter of scripts and settings files: profiles, GOTO, IF, SET,
 * GET and $NAME expansion (spec/requirements.md REQ-SCR-002, REQ-SCR-018 .. REQ-SCR-031).
 * Each test compiles small files with the runtime parser and runs them with the runtime
 * interpreter over a parameter store (tests/conformance/scr_harness.h).
 */
#include <stdio.h>
#include <string.h>
#include "scr_harness.h"

static const enum dp_profile_id all_profiles[] = {DP_PROFILE_16CC, DP_PROFILE_96X1,
                                                  DP_PROFILE_4600};
#define NPROF (sizeof all_profiles / sizeof *all_profiles)

static const struct h_event *ev_at(const struct h_run *r, const char *f, uint32_t line)
{
    const struct h_event *e = h_stmt_ev(r, f, line);
    if (!e)
        fail_msg("no event for %s:%u", f, (unsigned)line);
    return e;
}

static unsigned count_at(const struct h_run *r, const char *f, uint32_t line)
{
    size_t i;
    unsigned k = 0;
    for (i = 0; i < r->nev; i++)
        if (r->ev[i].ev.kind != DP_IEV_FILE_END && r->ev[i].ev.line == line &&
            r->ev[i].file >= 0 && strcmp(r->files[r->ev[i].file].name, f) == 0)
            k++;
    return k;
}

/* REQ-SCR-002: each profile switch changes what the same files do: seq_case, get_success,
 * get_failure and nochange, with 16cc the default. */
static void test_REQ_SCR_002_profile_switches(void **state)
{
    /* seq_case and get_success */
    static const char *up = "IF $MODEL4 SEQ 16CC GOTO A\n"
                            "SET DIALPLAN nomatch\n"
                            "GOTO B\n"
                            "# A\n"
                            "SET DIALPLAN match\n"
                            "# B\n"
                            "GET s.txt\n"
                            "SET SIPDOMAIN after\n";
    static const struct { const char *dialplan, *sipdomain; } want[] = {
        {"match", ""}, {"nomatch", ""}, {"match", "after"}};
    size_t i;
    (void)state;
    assert_int_equal(DP_PROFILE_DEFAULT, DP_PROFILE_16CC);
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_init(&r, all_profiles[i]);
        h_sys(&r, "MODEL4", "16cc");
        h_file_str(&r, "up.txt", up);
        h_file_str(&r, "s.txt", "SET TIMEZONE from_s\n");
        h_go(&r, "up.txt");
        assert_string_equal(h_param(&r, "DIALPLAN"), want[i].dialplan);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), want[i].sipdomain);
        assert_string_equal(h_param(&r, "TIMEZONE"), "from_s");
        assert_int_equal(r.it.end_reason, 0);
        h_run_free(&r);
    }
    /* get_failure: continue in 16cc and 96x1, stop in 4600 */
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_text(&r, all_profiles[i], "GET missing.txt\nSET SIPDOMAIN after\n", NULL);
        assert_int_equal(r.nreq, 1);
        assert_int_equal(r.nfailed, 1);
        assert_string_equal(h_param(&r, "SIPDOMAIN"),
                            all_profiles[i] == DP_PROFILE_4600 ? "" : "after");
        h_run_free(&r);
    }
    /* nochange=stop in the three: a settings file that changes nothing ends the run, and
     * the upgrade script is not resumed even where GET returns (4600) */
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_init(&r, all_profiles[i]);
        h_file_str(&r, "up.txt", "SET SIPDOMAIN up\nGET s.txt\nSET DIALPLAN after\n");
        h_file_str(&r, "s.txt", "SET SIPPORT 5060\nSET UNKNOWN_THING 1\n");
        h_go(&r, "up.txt");
        assert_int_equal(r.it.end_reason, DP_E_NOCHANGE_STOP);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "up");
        assert_string_equal(h_param(&r, "DIALPLAN"), "");
        assert_int_equal(r.ev[r.nev - 1].ev.kind, DP_IEV_FILE_END);
        assert_int_equal(r.ev[r.nev - 1].ev.reason, DP_E_NOCHANGE_STOP);
        h_run_free(&r);
    }
}

/* REQ-SCR-018: GOTO continues after the first tag of that name, forwards or backwards,
 * names compared case-insensitively; tags are local to their file. */
static void test_REQ_SCR_018_goto(void **state)
{
    static const char *up = "GOTO fwd\n"                            /* 1 forward */
                            "SET DIALPLAN skipped\n"                /* 2 */
                            "# FWD\n"                               /* 3 */
                            "IF $APPNAME SEQ done.bin GOTO out\n"   /* 4 */
                            "SET APPNAME done.bin\n"                /* 5 */
                            "GOTO Fwd\n"                            /* 6 backward */
                            "# OUT\n"                               /* 7 first OUT */
                            "SET SIPDOMAIN first\n"                 /* 8 */
                            "GET s.txt\n"                           /* 9 */
                            "# out\n"                               /* 10 duplicate */
                            "SET SIPDOMAIN second\n";               /* 11 */
    struct h_prog p;
    struct h_run r;
    const struct h_event *e;
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, up);
    h_assert_diag_at(&p, DP_E_DUPLICATE_TAG, 10, 3);
    assert_int_equal(p.prog.stmt[0].target, 2);
    assert_int_equal(p.prog.stmt[3].target, 6);
    assert_int_equal(p.prog.stmt[5].target, 2);
    h_prog_free(&p);

    h_run_init(&r, DP_PROFILE_16CC);
    h_file_str(&r, "up.txt", up);
    h_file_str(&r, "s.txt", "SET TIMEZONE s\nGOTO FWD\nSET HTTPDIR not_reached\n# fwd2\n");
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    assert_string_equal(h_param(&r, "APPNAME"), "done.bin");
    assert_string_equal(h_param(&r, "SIPDOMAIN"), "first");
    assert_int_equal(count_at(&r, "up.txt", 4), 2);      /* the backward GOTO looped once */
    assert_int_equal(count_at(&r, "up.txt", 5), 1);
    assert_false(h_ran(&r, "up.txt", 2));
    /* execution continues at the line after the tag: the statement run right after each
     * GOTO is the IF of line 4, not the tag of line 3 */
    {
        size_t i;
        unsigned jumps = 0;
        for (i = 0; i + 1 < r.nev; i++)
            if (r.ev[i].ev.kind == DP_STMT_GOTO && r.ev[i].file == 0 &&
                (r.ev[i].ev.line == 1 || r.ev[i].ev.line == 6)) {
                assert_int_equal(r.ev[i + 1].ev.line, 4);
                jumps++;
            }
        assert_int_equal(jumps, 2);
        assert_false(h_ran(&r, "up.txt", 3));
    }
    /* the settings file does not see the script's tag FWD */
    assert_string_equal(h_param(&r, "TIMEZONE"), "s");
    assert_string_equal(h_param(&r, "HTTPDIR"), "");
    e = ev_at(&r, "s.txt", 2);
    assert_int_equal(e->ev.kind, DP_STMT_GOTO);
    assert_int_equal(e->ev.reason, DP_E_GOTO_END);
    h_run_free(&r);
}

/* REQ-SCR-019: a GOTO (plain or from an IF) to a tag missing from the current file ends
 * that file as its end would, and is reported. */
static void test_REQ_SCR_019_missing_tag_ends_file(void **state)
{
    static const char *up = "SET SIPDOMAIN a\n"          /* 1 */
                            "GET s.txt\n"                /* 2 */
                            "SET DIALPLAN resumed\n"     /* 3 */
                            "GOTO NOWHERE\n"             /* 4 */
                            "SET SNMPSTRING not\n";      /* 5 */
    static const char *s = "SET TIMEZONE s\n"
                           "IF $MODEL4 SEQ 9620 GOTO MISSING\n"
                           "SET HTTPDIR not\n";
    struct h_prog p;
    struct h_run r;
    const struct h_event *e;
    (void)state;
    h_prog_new(&p);
    h_compile_str(&p, up);
    h_assert_diag_at(&p, DP_E_MISSING_TAG, 4, 6);
    assert_int_equal(p.prog.stmt[3].target, DP_NO_TARGET);
    h_assert_diag_at(&p, DP_E_UNREACHABLE, 5, 1);
    h_prog_free(&p);
    h_prog_new(&p);
    h_compile_str(&p, s);
    h_assert_diag_at(&p, DP_E_MISSING_TAG, 2, 26);
    h_prog_free(&p);

    /* 4600: the fetched file ends at its IF, the script resumes after the GET, then ends
     * at its own GOTO */
    h_run_init(&r, DP_PROFILE_4600);
    h_sys(&r, "MODEL4", "9620");
    h_file_str(&r, "up.txt", up);
    h_file_str(&r, "s.txt", s);
    h_go(&r, "up.txt");
    assert_string_equal(h_param(&r, "TIMEZONE"), "s");
    assert_string_equal(h_param(&r, "HTTPDIR"), "");
    assert_string_equal(h_param(&r, "DIALPLAN"), "resumed");
    assert_string_equal(h_param(&r, "SNMPSTRING"), "");
    e = ev_at(&r, "s.txt", 2);
    assert_int_equal(e->ev.applied, 1);
    assert_int_equal(e->ev.reason, DP_E_GOTO_END);
    e = ev_at(&r, "up.txt", 4);
    assert_int_equal(e->ev.reason, DP_E_GOTO_END);
    assert_false(h_ran(&r, "up.txt", 5));
    assert_false(h_ran(&r, "s.txt", 3));
    assert_int_equal(r.it.end_reason, 0);
    h_run_free(&r);

    /* as if the end were reached: a fetched file that changed nothing then stops the run
     * (nochange=stop), and the script is not resumed */
    h_run_init(&r, DP_PROFILE_4600);
    h_file_str(&r, "up.txt", up);
    h_file_str(&r, "s.txt", "GOTO MISSING\nSET TIMEZONE not\n");
    h_go(&r, "up.txt");
    assert_int_equal(r.it.end_reason, DP_E_NOCHANGE_STOP);
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    h_run_free(&r);
}

/* REQ-SCR-020: IF compares the whole value, ASCII case-insensitively under
 * seq_case=insensitive (16cc, 4600) and byte for byte under exact (96x1). */
static void test_REQ_SCR_020_if_seq(void **state)
{
    static const char *whole = "IF $MODEL4 SEQ 962 GOTO A\n"
                               "IF $MODEL4 SEQ 96200 GOTO A\n"
                               "IF $MODEL4 SEQ 9620x GOTO A\n"
                               "IF $MODEL4 SEQ \"\" GOTO A\n"
                               "SET SIPDOMAIN fellthrough\n"
                               "IF $MODEL4 SEQ 9620 GOTO B\n"
                               "# A\n"
                               "SET DIALPLAN wrong\n"
                               "# B\n";
    static const char *fold = "IF $MODEL4 SEQ 16CC GOTO A\n"
                              "SET SIPDOMAIN upper_nomatch\n"
                              "# A\n"
                              "IF $MODEL4 SEQ 16cc GOTO B\n"
                              "SET DIALPLAN lower_nomatch\n"
                              "# B\n"
                              "IF $MODEL SEQ XY\xc9 GOTO C\n"      /* only ASCII folds */
                              "SET SNMPSTRING latin1_nomatch\n"
                              "# C\n"
                              "IF $MODEL SEQ XY\xe9 GOTO D\n"
                              "SET TIMEZONE ascii_fold_nomatch\n"
                              "# D\n";
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        int exact = all_profiles[i] == DP_PROFILE_96X1;
        h_run_text(&r, all_profiles[i], whole, "MODEL4=9620", NULL);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "fellthrough");
        assert_string_equal(h_param(&r, "DIALPLAN"), "");
        assert_int_equal(ev_at(&r, "up.txt", 1)->ev.applied, 0);
        assert_int_equal(ev_at(&r, "up.txt", 6)->ev.applied, 1);
        h_run_free(&r);

        h_run_text(&r, all_profiles[i], fold, "MODEL4=16cc", "MODEL=xy\xe9", NULL);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), exact ? "upper_nomatch" : "");
        assert_string_equal(h_param(&r, "DIALPLAN"), "");
        assert_string_equal(h_param(&r, "SNMPSTRING"), "latin1_nomatch");
        assert_string_equal(h_param(&r, "TIMEZONE"), exact ? "ascii_fold_nomatch" : "Etc/GMT");
        h_run_free(&r);
    }
}

/* REQ-SCR-021: an IF on a name that is not a system value of the profile is ignored (it
 * falls through even when the value would match) and the reason is recorded. */
static void test_REQ_SCR_021_if_not_system_value(void **state)
{
    static const char *src = "SET SIPDOMAIN x\n"                     /* 1 */
                             "IF $SIPDOMAIN SEQ x GOTO A\n"          /* 2 settable, not system */
                             "IF $NOSUCHNAME SEQ \"\" GOTO A\n"      /* 3 unknown */
                             "IF $MODEL6 SEQ 962000 GOTO A\n"        /* 4 system of 96x1 only */
                             "SET DIALPLAN fell\n"                   /* 5 */
                             "GOTO E\n"
                             "# A\n"
                             "SET DIALPLAN jumped\n"
                             "# E\n";
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        struct h_prog p;
        int has_model6 = all_profiles[i] == DP_PROFILE_96X1;
        h_run_text(&r, all_profiles[i], src, "MODEL6=962000", NULL);
        assert_int_equal(ev_at(&r, "up.txt", 2)->ev.reason, DP_E_IF_NOT_SYSTEM);
        assert_int_equal(ev_at(&r, "up.txt", 2)->ev.applied, 0);
        assert_int_equal(ev_at(&r, "up.txt", 3)->ev.reason, DP_E_IF_NOT_SYSTEM);
        assert_int_equal(ev_at(&r, "up.txt", 3)->ev.applied, 0);
        if (has_model6) {
            assert_int_equal(ev_at(&r, "up.txt", 4)->ev.reason, 0);
            assert_string_equal(h_param(&r, "DIALPLAN"), "jumped");
        } else {
            assert_int_equal(ev_at(&r, "up.txt", 4)->ev.reason, DP_E_IF_NOT_SYSTEM);
            assert_string_equal(h_param(&r, "DIALPLAN"), "fell");
        }
        h_run_free(&r);
        /* lint's check names the same lines */
        h_prog_new(&p);
        h_compile_str(&p, src);
        dp_script_check(&p.prog, (int)all_profiles[i], &p.sink);
        h_assert_diag_at(&p, DP_E_IF_NOT_SYSTEM, 2, 5);
        h_assert_diag_at(&p, DP_E_IF_NOT_SYSTEM, 3, 5);
        assert_int_equal(h_ndiag(&p, DP_E_IF_NOT_SYSTEM), has_model6 ? 2 : 3);
        h_prog_free(&p);
    }
}

/* REQ-SCR-022: $APPNAME is the running image's name until a SET of this run changes it. */
static void test_REQ_SCR_022_appname_reads_current(void **state)
{
    static const char *src = "IF $APPNAME SEQ old.bin GOTO A\n"      /* 1 */
                             "SET SIPDOMAIN not_running_old\n"       /* 2 */
                             "# A\n"                                 /* 3 */
                             "SET APPNAME bad/name\n"                /* 4 refused */
                             "IF $APPNAME SEQ old.bin GOTO A2\n"     /* 5 */
                             "SET SIPDOMAIN refused_set_changed_it\n"
                             "# A2\n"
                             "SET APPNAME new.bin\n"                 /* 8 */
                             "IF $APPNAME SEQ old.bin GOTO BAD\n"    /* 9 */
                             "IF $APPNAME SEQ new.bin GOTO GOOD\n"   /* 10 */
                             "# BAD\n"
                             "SET DIALPLAN wrong\n"
                             "GOTO END\n"
                             "# GOOD\n"
                             "SET SNMPSTRING ok\n"
                             "# END\n";
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_text(&r, all_profiles[i], src, "APPNAME=old.bin", NULL);
        assert_int_equal(ev_at(&r, "up.txt", 1)->ev.applied, 1);
        assert_int_equal(ev_at(&r, "up.txt", 4)->ev.applied, 0);
        assert_int_equal(ev_at(&r, "up.txt", 5)->ev.applied, 1);
        assert_int_equal(ev_at(&r, "up.txt", 9)->ev.applied, 0);
        assert_int_equal(ev_at(&r, "up.txt", 10)->ev.applied, 1);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "");
        assert_string_equal(h_param(&r, "DIALPLAN"), "");
        assert_string_equal(h_param(&r, "SNMPSTRING"), "ok");
        assert_string_equal(h_param(&r, "APPNAME"), "new.bin");
        h_run_free(&r);
    }
}

/* REQ-SCR-023: $MACADDR reads 12 upper-case hex digits without separators. */
static void test_REQ_SCR_023_macaddr_upper(void **state)
{
    static const char *src = "IF $MACADDR SEQ 001b4f0a0b0c GOTO LOWER\n"   /* 1 */
                             "IF $MACADDR SEQ 001B4F0A0B0C GOTO UPPER\n"   /* 2 */
                             "# LOWER\n"
                             "SET DIALPLAN lower\n"
                             "# UPPER\n"
                             "GET $MACADDR.txt\n";                          /* 6 */
    struct h_run r;
    const struct h_event *e;
    (void)state;
    /* the phone hands its MAC in lower case: the store keeps it in upper case */
    h_run_init(&r, DP_PROFILE_96X1);                 /* exact SEQ: case is visible */
    h_sys(&r, "MACADDR", "001b4f0a0b0c");
    assert_string_equal(h_param(&r, "MACADDR"), "001B4F0A0B0C");
    h_file_str(&r, "up.txt", src);
    h_go(&r, "up.txt");
    assert_int_equal(ev_at(&r, "up.txt", 1)->ev.applied, 0);
    assert_int_equal(ev_at(&r, "up.txt", 2)->ev.applied, 1);
    assert_string_equal(h_param(&r, "DIALPLAN"), "");
    e = ev_at(&r, "up.txt", 6);
    assert_int_equal(e->st, DP_INTERP_GET);
    assert_string_equal(e->get, "001B4F0A0B0C.txt");
    h_run_free(&r);
}

/* REQ-SCR-024: a valid SET of a settable parameter of the profile assigns it; names are
 * case-insensitive and the last SET executed wins (across files too). */
static void test_REQ_SCR_024_set_assigns(void **state)
{
    static const char *up = "set sipdomain first\n"                 /* 1 */
                            "SET SipDomain second\n"                /* 2 */
                            "SET SIPDOMAIN second\n"                /* 3 unchanged */
                            "SET SIPPORT 5070\n"                    /* 4 */
                            "SET SIPREGPROXYPOLICY simultaneous\n"  /* 5 */
                            "SET GMTOFFSET -3:00\n"                 /* 6 */
                            "SET APPNAME x.bin\n"                   /* 7 */
                            "SET L2QVLAN 4094\n"                    /* 8 */
                            "GET s.txt\n";
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        const struct h_event *e;
        h_run_init(&r, all_profiles[i]);
        h_file_str(&r, "up.txt", up);
        h_file_str(&r, "s.txt", "SET SIPPORT 5080\n");
        h_go(&r, "up.txt");
        e = ev_at(&r, "up.txt", 1);
        assert_int_equal(e->ev.kind, DP_STMT_SET);
        assert_int_equal(e->ev.param, DP_P_SIPDOMAIN);
        assert_int_equal(e->ev.applied, 1);
        assert_int_equal(e->ev.changed, 1);
        assert_int_equal(e->ev.reason, 0);
        e = ev_at(&r, "up.txt", 3);
        assert_int_equal(e->ev.applied, 1);
        assert_int_equal(e->ev.changed, 0);
        assert_int_equal(e->ev.reason, DP_E_UNCHANGED);
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "second");
        assert_string_equal(h_param(&r, "SIPPORT"), "5080");
        assert_string_equal(h_param(&r, "SIPREGPROXYPOLICY"), "simultaneous");
        assert_string_equal(h_param(&r, "GMTOFFSET"), "-3:00");
        assert_string_equal(h_param(&r, "APPNAME"), "x.bin");
        assert_string_equal(h_param(&r, "L2QVLAN"), "4094");
        h_run_free(&r);
    }
}

/* REQ-SCR-025: a SET with an invalid value is ignored, the previous value (default,
 * stored, or set earlier in the run) kept, and the reason recorded. */
static void test_REQ_SCR_025_invalid_value_kept(void **state)
{
    static const struct { uint32_t line; uint16_t reason; uint16_t aux; } want[] = {
        {1, DP_E_INVALID_VALUE, DP_VALUE_OUT_OF_RANGE},
        {2, DP_E_INVALID_VALUE, DP_VALUE_NOT_NUMBER},
        {3, DP_E_INVALID_VALUE, DP_VALUE_OUT_OF_RANGE},
        {5, DP_E_INVALID_VALUE, DP_VALUE_OUT_OF_RANGE},
        {6, DP_E_INVALID_VALUE, DP_VALUE_NOT_IN_ENUM},
        {7, DP_E_EMPTY_VALUE, 0},
        {8, DP_E_INVALID_VALUE, 0},
        {9, DP_E_INVALID_VALUE, DP_VALUE_BAD_BYTE},
        {10, DP_E_INVALID_VALUE, DP_VALUE_TOO_LONG},
    };
    static const char *src = "SET SIPPORT 99999\n"                      /* 1 default kept */
                             "SET SIPPORT abc\n"                        /* 2 */
                             "SET L2QVLAN 5000\n"                       /* 3 stored kept */
                             "SET ENABLE_G729 2\n"                      /* 4 */
                             "SET ENABLE_G729 7\n"                      /* 5 earlier kept */
                             "SET SIPREGPROXYPOLICY bogus\n"            /* 6 */
                             "SET PHNCC\n"                              /* 7 empty int */
                             "SET GMTOFFSET 25:00\n"                    /* 8 */
                             "SET APPNAME a/b.bin\n"                    /* 9 */
                             "SET SNMPSTRING 123456789012345678901234567890123\n"; /* 10 */
    size_t i, k;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_text(&r, all_profiles[i], src, "L2QVLAN=70", "APPNAME=run.bin", NULL);
        for (k = 0; k < sizeof want / sizeof *want; k++) {
            const struct h_event *e = ev_at(&r, "up.txt", want[k].line);
            if (e->ev.applied != 0 || e->ev.reason != want[k].reason ||
                (want[k].aux && e->ev.aux != want[k].aux))
                fail_msg("line %u: applied %u reason %u aux %u", (unsigned)want[k].line,
                         (unsigned)e->ev.applied, (unsigned)e->ev.reason, (unsigned)e->ev.aux);
            assert_true(e->ev.aux != 0 || want[k].reason == DP_E_EMPTY_VALUE);
        }
        assert_string_equal(h_param(&r, "SIPPORT"), "5060");
        assert_string_equal(h_param(&r, "L2QVLAN"), "70");
        assert_string_equal(h_param(&r, "ENABLE_G729"), "2");
        assert_string_equal(h_param(&r, "SIPREGPROXYPOLICY"), "alternate");
        assert_string_equal(h_param(&r, "PHNCC"), "1");
        assert_string_equal(h_param(&r, "GMTOFFSET"), "0:00");
        assert_string_equal(h_param(&r, "APPNAME"), "run.bin");
        assert_string_equal(h_param(&r, "SNMPSTRING"), "");
        h_run_free(&r);
    }
}

/* REQ-SCR-026: a SET of a parameter no file may set (GROUP, and the system values other
 * than APPNAME) is ignored, the value kept, and the reason recorded. */
static void test_REQ_SCR_026_not_settable(void **state)
{
    size_t i;
    int id;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        h_run_text(&r, all_profiles[i],
                   "SET GROUP 5\nSET MODEL4 9999\nSET MACADDR 111111111111\n"
                   "SET BOOTNAME x.bin\nSET SHA2CAPABLE 1\nSET APPNAME ok.bin\n",
                   "GROUP=7", "MODEL4=9620", "MACADDR=001B4F0A0B0C", "BOOTNAME=b.bin", NULL);
        assert_int_equal(ev_at(&r, "up.txt", 1)->ev.reason, DP_E_NOT_SETTABLE);
        assert_int_equal(ev_at(&r, "up.txt", 1)->ev.applied, 0);
        assert_string_equal(h_param(&r, "GROUP"), "7");
        assert_string_equal(h_param(&r, "MODEL4"), "9620");
        assert_string_equal(h_param(&r, "MACADDR"), "001B4F0A0B0C");
        assert_string_equal(h_param(&r, "BOOTNAME"), "b.bin");
        assert_string_equal(h_param(&r, "SHA2CAPABLE"), "0");
        assert_string_equal(h_param(&r, "APPNAME"), "ok.bin");
        h_run_free(&r);
    }
    /* every system value of every profile but APPNAME and SIG, which files may set */
    for (id = 0; id < DP_PARAM_COUNT; id++) {
        struct dp_param_desc d;
        dp_param_describe((enum dp_param_id)id, &d);
        if (!(d.flags & DP_PF_SYSTEM) || id == DP_P_APPNAME)
            continue;
        if (id == DP_P_SIG) {
            struct h_run r;
            assert_true(d.flags & DP_PF_SETTABLE);
            h_run_init(&r, DP_PROFILE_DEFAULT);
            h_file_str(&r, "up.txt", "SET SIG 2\n");
            h_go(&r, "up.txt");
            assert_int_equal(r.ev[0].ev.applied, 1);
            assert_string_equal(h_param(&r, "SIG"), "2");
            h_run_free(&r);
            continue;
        }
        for (i = 0; i < NPROF; i++) {
            struct h_run r;
            struct dp_params before;
            char src[128];
            if (!(d.profiles & (1u << all_profiles[i])))
                continue;
            snprintf(src, sizeof src, "SET %s 1\n", dp_param_name((enum dp_param_id)id));
            h_run_init(&r, all_profiles[i]);
            before = r.ps;
            h_file_str(&r, "up.txt", src);
            h_go(&r, "up.txt");
            if (r.ev[0].ev.reason != DP_E_NOT_SETTABLE)
                fail_msg("SET %s under profile %d: reason %u", dp_param_name((enum dp_param_id)id),
                         (int)all_profiles[i], (unsigned)r.ev[0].ev.reason);
            assert_memory_equal(&before, &r.ps, sizeof before);
            h_run_free(&r);
        }
    }
}

/* REQ-SCR-027: a SET of an unknown parameter, or of one known only to other profiles, is
 * ignored and recorded as a note. */
static void test_REQ_SCR_027_unknown_and_other_profile(void **state)
{
    static const char *src = "SET FOOBAR 1\nSET AGENTTONE 5\nSET MODEL6 123456\n";
    size_t i;
    (void)state;
    assert_int_equal(dp_diag_severity(DP_E_UNKNOWN_PARAM), DP_SEV_NOTE);
    assert_int_equal(dp_diag_severity(DP_E_OTHER_PROFILE), DP_SEV_NOTE);
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        struct h_prog p;
        int is16 = all_profiles[i] == DP_PROFILE_16CC;
        h_run_text(&r, all_profiles[i], src, NULL);
        assert_int_equal(ev_at(&r, "up.txt", 1)->ev.reason, DP_E_UNKNOWN_PARAM);
        assert_int_equal(ev_at(&r, "up.txt", 1)->ev.param, -1);
        if (is16) {           /* AGENTTONE is only(16cc) */
            assert_int_equal(ev_at(&r, "up.txt", 2)->ev.applied, 1);
            assert_string_equal(h_param(&r, "AGENTTONE"), "5");
        } else {
            assert_int_equal(ev_at(&r, "up.txt", 2)->ev.reason, DP_E_OTHER_PROFILE);
            assert_string_equal(h_param(&r, "AGENTTONE"), "1");
        }
        if (all_profiles[i] != DP_PROFILE_96X1) /* MODEL6 is only(96x1) */
            assert_int_equal(ev_at(&r, "up.txt", 3)->ev.reason, DP_E_OTHER_PROFILE);
        else
            assert_int_equal(ev_at(&r, "up.txt", 3)->ev.reason, DP_E_NOT_SETTABLE);
        assert_string_equal(h_param(&r, "MODEL6"), "");
        h_run_free(&r);
        h_prog_new(&p);
        h_compile_str(&p, src);
        dp_script_check(&p.prog, (int)all_profiles[i], &p.sink);
        h_assert_diag_at(&p, DP_E_UNKNOWN_PARAM, 1, 5);
        if (!is16)
            h_assert_diag_at(&p, DP_E_OTHER_PROFILE, 2, 5);
        assert_int_equal(p.sink.errors, 0);
        h_prog_free(&p);
    }
}

/* REQ-SCR-028: $NAME in a GET file name is the system value (longest [A-Za-z0-9_] run), in
 * every profile; a name still invalid after expansion fails the GET without a request. */
static void test_REQ_SCR_028_get_expansion(void **state)
{
    static const struct { const char *get; const char *want; } cases[] = {
        {"$MODEL4.txt", "9620.txt"},
        {"cfg_$GROUP-$MODEL4.txt", "cfg_5-9620.txt"},
        {"$MACADDR.txt", "001B4F0A0B0C.txt"},
        {"$MODEL4$GROUP", "96205"},
        {"$MODEL4_x.txt", NULL},      /* MODEL4_x is no system value: left as is */
        {"$SIPDOMAIN.txt", NULL},     /* not a system value */
        {"$NOSUCH.txt", NULL},
        {"a/b.txt", NULL},
        {"\"\"", NULL},
        {"$BOOTNAME", NULL},          /* empty after expansion */
        {"$MODEL.txt", NULL},         /* MODEL holds a space */
        {"x$", NULL},
    };
    size_t i, k;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        for (k = 0; k < sizeof cases / sizeof *cases; k++) {
            struct h_run r;
            char src[128];
            const struct h_event *e;
            snprintf(src, sizeof src, "GET %s\nSET SIPDOMAIN after\n", cases[k].get);
            h_run_text(&r, all_profiles[i], src, "MODEL4=9620", "GROUP=5",
                       "MACADDR=001b4f0a0b0c", "MODEL=9620 D01A", "SIPDOMAIN=x", NULL);
            e = ev_at(&r, "up.txt", 1);
            if (cases[k].want) {
                if (e->st != DP_INTERP_GET || strcmp(e->get, cases[k].want) != 0)
                    fail_msg("GET %s: status %d name '%s'", cases[k].get, (int)e->st, e->get);
                assert_int_equal(r.nreq, 1);
            } else {
                if (e->st != DP_INTERP_STEP || e->ev.reason != DP_E_GET_BAD_NAME)
                    fail_msg("GET %s: status %d reason %u", cases[k].get, (int)e->st,
                             (unsigned)e->ev.reason);
                assert_int_equal(r.nreq, 0);
                assert_int_equal(e->ev.applied, 0);
                /* it is a failed GET: the profile's failure rule applies */
                assert_string_equal(h_param(&r, "SIPDOMAIN"),
                                    all_profiles[i] == DP_PROFILE_4600 ? "x" : "after");
            }
            h_run_free(&r);
        }
        /* a system value of another profile is not expanded */
        {
            struct h_run r;
            const struct h_event *e;
            h_run_text(&r, all_profiles[i], "GET $MODEL6.txt\n", "MODEL6=962000", NULL);
            e = ev_at(&r, "up.txt", 1);
            if (all_profiles[i] == DP_PROFILE_96X1) {
                assert_int_equal(e->st, DP_INTERP_GET);
                assert_string_equal(e->get, "962000.txt");
            } else {
                assert_int_equal(e->ev.reason, DP_E_GET_BAD_NAME);
            }
            h_run_free(&r);
        }
    }
}

/* REQ-SCR-029: $NAME in a SET value is expanded under 96x1 only. */
static void test_REQ_SCR_029_set_expansion(void **state)
{
    static const char *src = "SET SIPDOMAIN \"Avaya $MACADDR\"\n"
                             "SET SNMPSTRING $MODEL4\n"
                             "SET DIALPLAN $NOSUCH$\n"
                             "SET TIMEZONE x$MODEL4_y\n";
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        int expands = all_profiles[i] == DP_PROFILE_96X1;
        h_run_text(&r, all_profiles[i], src, "MODEL4=9620", "MACADDR=001b4f0a0b0c", NULL);
        assert_string_equal(h_param(&r, "SIPDOMAIN"),
                            expands ? "Avaya 001B4F0A0B0C" : "Avaya $MACADDR");
        assert_string_equal(h_param(&r, "SNMPSTRING"), expands ? "9620" : "$MODEL4");
        assert_string_equal(h_param(&r, "DIALPLAN"), "$NOSUCH$");
        assert_string_equal(h_param(&r, "TIMEZONE"), "x$MODEL4_y");
        h_run_free(&r);
    }
}

/* REQ-SCR-030: after a GET obtains its file, get_success=replace runs no further line of
 * the file with the GET; get_success=return resumes it after the GET. */
static void test_REQ_SCR_030_get_success(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        int ret = all_profiles[i] == DP_PROFILE_4600;
        h_run_init(&r, all_profiles[i]);
        h_file_str(&r, "up.txt", "SET SIPDOMAIN up\nGET a.txt\nSET DIALPLAN up_after\n");
        h_file_str(&r, "a.txt", "SET TIMEZONE a\nGET b.txt\nSET SNMPSTRING a_after\n");
        h_file_str(&r, "b.txt", "SET HTTPDIR b\n");
        h_go(&r, "up.txt");
        assert_string_equal(h_param(&r, "SIPDOMAIN"), "up");
        assert_string_equal(h_param(&r, "TIMEZONE"), "a");
#if DP_SCRIPT_GET_DEPTH >= 3
        assert_string_equal(h_param(&r, "HTTPDIR"), "b");
        assert_string_equal(h_param(&r, "SNMPSTRING"), ret ? "a_after" : "");
#else   /* shrunk build: b.txt would be a third file; its GET fails (continue or stop) */
        assert_string_equal(h_param(&r, "HTTPDIR"), "");
        assert_string_equal(h_param(&r, "SNMPSTRING"), ret ? "" : "a_after");
#endif
        assert_string_equal(h_param(&r, "DIALPLAN"), ret ? "up_after" : "");
        assert_int_equal(h_ran(&r, "up.txt", 3), ret);
        assert_int_equal(r.it.end_reason, 0);
        h_run_free(&r);
    }
}

/* REQ-SCR-031: a failed GET continues at the next line (get_failure=continue) or skips
 * the rest of the current file (stop). */
static void test_REQ_SCR_031_get_failure(void **state)
{
    size_t i;
    (void)state;
    for (i = 0; i < NPROF; i++) {
        struct h_run r;
        int stop = all_profiles[i] == DP_PROFILE_4600;
        h_run_init(&r, all_profiles[i]);
        h_file_str(&r, "up.txt", "GET s.txt\nSET DIALPLAN resumed\nGET ../x\nSET HTTPDIR after_bad\n");
        h_file_str(&r, "s.txt", "SET TIMEZONE s\nGET missing.txt\nSET SNMPSTRING s_after\n");
        h_go(&r, "up.txt");
        assert_string_equal(h_param(&r, "TIMEZONE"), "s");
        /* (in the shrunk build the GET in s.txt is refused for depth, without a request:
         * another failed GET, with the same outcome) */
        assert_int_equal(r.nfailed, DP_SCRIPT_GET_DEPTH >= 3 ? 1 : 0);
        if (stop) {
            /* s.txt stops at its failed GET; up.txt resumes (get_success=return), and its
             * refused GET stops it in turn */
            assert_string_equal(h_param(&r, "SNMPSTRING"), "");
            assert_string_equal(h_param(&r, "DIALPLAN"), "resumed");
            assert_string_equal(h_param(&r, "HTTPDIR"), "");
        } else {
            /* s.txt replaced up.txt and goes on after its failed GET */
            assert_string_equal(h_param(&r, "SNMPSTRING"), "s_after");
            assert_string_equal(h_param(&r, "DIALPLAN"), "");
        }
        h_run_free(&r);
        /* the refused name and the failed request follow the same rule */
        h_run_text(&r, all_profiles[i], "GET ../x\nSET HTTPDIR after_bad\nGET nofile.txt\n"
                   "SET TIMEZONE after_missing\n", NULL);
        assert_string_equal(h_param(&r, "HTTPDIR"), stop ? "" : "after_bad");
        assert_string_equal(h_param(&r, "TIMEZONE"), stop ? "Etc/GMT" : "after_missing");
        h_run_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_REQ_SCR_002_profile_switches),
        cmocka_unit_test(test_REQ_SCR_018_goto),
        cmocka_unit_test(test_REQ_SCR_019_missing_tag_ends_file),
        cmocka_unit_test(test_REQ_SCR_020_if_seq),
        cmocka_unit_test(test_REQ_SCR_021_if_not_system_value),
        cmocka_unit_test(test_REQ_SCR_022_appname_reads_current),
        cmocka_unit_test(test_REQ_SCR_023_macaddr_upper),
        cmocka_unit_test(test_REQ_SCR_024_set_assigns),
        cmocka_unit_test(test_REQ_SCR_025_invalid_value_kept),
        cmocka_unit_test(test_REQ_SCR_026_not_settable),
        cmocka_unit_test(test_REQ_SCR_027_unknown_and_other_profile),
        cmocka_unit_test(test_REQ_SCR_028_get_expansion),
        cmocka_unit_test(test_REQ_SCR_029_set_expansion),
        cmocka_unit_test(test_REQ_SCR_030_get_success),
        cmocka_unit_test(test_REQ_SCR_031_get_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
