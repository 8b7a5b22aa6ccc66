/*
 * dp_interp: runs compiled scripts and settings files (dp_script.h) against the parameter
 * store, one statement per call, the way the active profile says (REQ-SCR-018..033).
 *
 * The interpreter does no I/O. When it reaches a GET whose file must be fetched, it
 * returns DP_INTERP_GET with the expanded file name in it->name; the caller obtains and
 * compiles that file, then calls dp_interp_get_done() with its program, or
 * dp_interp_get_failed(). Every step fills an event saying what the statement did, and why
 * when it was ignored: that is what `deskprov trace` prints.
 *
 * Memory: the context is the caller's (its size does not depend on the files). It keeps
 * pointers to the parameter store and to the programs it runs: the caller keeps them alive
 * until the run ends, including, under get_success=return, the programs of the files a GET
 * will return to.
 */
#ifndef DP_INTERP_H
#define DP_INTERP_H

#include <stdint.h>
#include "config.h"
#include "dp_script.h"
#include "params.h"
#include "profiles.h"
#include "dp_params_store.h"

enum dp_interp_status {
    DP_INTERP_STEP = 0,   /* one statement ran (or a file ended): see the event */
    DP_INTERP_GET,        /* a GET needs it->name: answer with get_done or get_failed */
    DP_INTERP_END         /* the run is over: it->end_reason says why */
};

/* Event kinds beyond the statement kinds of dp_script.h. */
#define DP_IEV_FILE_END 16u   /* the current file ended (reason: why, 0 at its last line) */

struct dp_interp_event {
    uint8_t kind;      /* DP_STMT_* or DP_IEV_FILE_END */
    uint8_t applied;   /* SET stored, IF jumped, GET requested, GOTO jumped */
    uint8_t file;      /* number of the file in the run, 0 for the first */
    uint8_t changed;   /* SET: the stored value changed */
    uint16_t reason;   /* 0, or the diag code saying why the statement did nothing */
    uint16_t aux;      /* SET refused for its value: the dp_value_err */
    int16_t param;     /* SET, IF: the parameter, or -1 */
    uint16_t index;    /* statement index in its program */
    uint32_t line;     /* its line in the file */
    const struct dp_script_prog *prog;   /* the program the statement belongs to */
};

struct dp_interp_frame {
    const struct dp_script_prog *prog;
    uint32_t pc;        /* next statement */
    uint32_t changes;   /* SETs of this file that changed a value */
    uint8_t fetched;    /* the file was obtained by a GET (the nochange rule applies) */
    uint8_t file;       /* its number in the run */
};

struct dp_interp {
    struct dp_profile prof;
    enum dp_profile_id profile;
    struct dp_params *params;
    struct dp_interp_frame frame[DP_SCRIPT_GET_DEPTH];
    uint32_t depth;       /* frames in use; 0 when the run is over */
    uint32_t chain;       /* files in the current GET chain, the first included */
    uint32_t executed;    /* statements run, against DP_SCRIPT_BUDGET */
    uint32_t gets;        /* GET requests made, against DP_SCRIPT_GETS_MAX */
    uint32_t files;       /* files begun in the run */
    uint32_t changes;     /* SETs of the run that changed a value */
    uint16_t end_reason;  /* 0: the files ended; DP_E_STATEMENT_BUDGET; DP_E_NOCHANGE_STOP */
    uint8_t pending;      /* a GET waits for get_done or get_failed */
    uint32_t name_len;
    char name[DP_SCRIPT_NAME_MAX + 1];   /* the file a GET asks for, NUL-terminated */
    char value[DP_PARAM_CAP_MAX];        /* a SET value after $NAME expansion */
};

/*
 * The contracts (proved by WP, proofs/README.md). A program the interpreter runs is
 * read-only for it and lies apart from the context and the parameter store
 * (dp_interp_prog_ok); every frame in use holds such a program (dp_interp_ok). The
 * interpreter never reads outside a program: a statement index is below prog->n (so inside
 * the statement array), and before it reads an operand in the pool it checks that the
 * operand lies in the used pool (dp_opnd_ok), as the parser always leaves it.
 */
/*@ predicate dp_interp_prog_ok(struct dp_interp *it, struct dp_script_prog *p) =
      dp_prog_read_ok(p) &&
      \separated(it, it->params, p, p->stmt + (0 .. p->stmt_cap - 1),
                 p->pool + (0 .. p->pool_cap - 1));

    predicate dp_interp_ok(struct dp_interp *it) =
      \valid(it) && 0 <= it->profile < DP_PROFILE_COUNT &&
      dp_store_ok(it->params) && \separated(it, it->params) &&
      it->depth <= DP_SCRIPT_GET_DEPTH && it->chain <= DP_SCRIPT_GET_DEPTH &&
      it->executed <= DP_SCRIPT_BUDGET && it->changes <= it->executed &&
      it->gets <= DP_SCRIPT_GETS_MAX && it->files <= it->gets + 1 &&
      it->name_len <= DP_SCRIPT_NAME_MAX &&
      (it->pending != 0 ==>
         1 <= it->depth && it->chain < DP_SCRIPT_GET_DEPTH && it->files <= it->gets &&
         1 <= it->name_len) &&
      (\forall integer i; 0 <= i < it->depth ==>
         dp_interp_prog_ok(it, it->frame[i].prog) && it->frame[i].changes <= it->executed);

    // The event a step fills lies apart from the context, the store and the programs.
    predicate dp_interp_ev_ok(struct dp_interp *it, struct dp_interp_event *ev) =
      \valid(ev) && \separated(ev, it, it->params) &&
      (\forall integer i; 0 <= i < it->depth ==>
         \separated(ev, it->frame[i].prog,
                    it->frame[i].prog->stmt + (0 .. it->frame[i].prog->stmt_cap - 1),
                    it->frame[i].prog->pool + (0 .. it->frame[i].prog->pool_cap - 1)));
*/

/* Prepares a run under profile prof, over the caller's parameter store (whose system
 * values the caller has set). */
/*@ requires \valid(it) && 0 <= prof < DP_PROFILE_COUNT;
    requires dp_store_ok(params) && \separated(it, params);
    assigns *it;
    ensures dp_interp_ok(it) && it->params == params && it->profile == prof;
    ensures it->depth == 0 && it->pending == 0 && it->gets == 0 && it->files == 0;
    ensures it->executed == 0 && it->changes == 0 && it->end_reason == 0;
*/
void dp_interp_init(struct dp_interp *it, enum dp_profile_id prof, struct dp_params *params);

/* Starts the run with its first file (the upgrade script). */
/*@ requires dp_interp_ok(it) && it->pending == 0 && dp_interp_prog_ok(it, prog);
    assigns it->frame[0], it->depth, it->chain, it->files;
    ensures dp_interp_ok(it) && it->depth == 1 && it->frame[0].prog == prog;
*/
void dp_interp_begin(struct dp_interp *it, const struct dp_script_prog *prog);

/* Runs one statement. */
/*@ requires dp_interp_ok(it) && dp_interp_ev_ok(it, ev);
    assigns it->frame[0 .. DP_SCRIPT_GET_DEPTH - 1], it->depth, it->chain, it->executed,
            it->gets, it->changes, it->end_reason, it->pending, it->name_len,
            it->name[0 .. DP_SCRIPT_NAME_MAX], it->value[0 .. DP_PARAM_CAP_MAX - 1], *ev,
            it->params->val[0 .. DP_PARAMS_BYTES - 1], it->params->len[0 .. DP_PARAM_COUNT - 1];
    ensures dp_interp_ok(it);
    ensures \result == DP_INTERP_STEP || \result == DP_INTERP_GET || \result == DP_INTERP_END;
    ensures \result == DP_INTERP_GET ==> it->pending != 0 && 1 <= it->name_len;
    ensures \result == DP_INTERP_END ==> it->depth == 0;
*/
enum dp_interp_status dp_interp_step(struct dp_interp *it, struct dp_interp_event *ev);

/* The file of the pending GET was obtained and compiled into prog. */
/*@ requires dp_interp_ok(it) && dp_interp_prog_ok(it, prog);
    assigns it->frame[0 .. DP_SCRIPT_GET_DEPTH - 1], it->depth, it->chain, it->files,
            it->pending;
    ensures dp_interp_ok(it);
    ensures it->pending == 0;
*/
void dp_interp_get_done(struct dp_interp *it, const struct dp_script_prog *prog);

/* The file of the pending GET could not be obtained (REQ-SCR-031). */
/*@ requires dp_interp_ok(it);
    assigns it->frame[0 .. DP_SCRIPT_GET_DEPTH - 1], it->pending;
    ensures dp_interp_ok(it) && it->pending == 0;
*/
void dp_interp_get_failed(struct dp_interp *it);

#endif
