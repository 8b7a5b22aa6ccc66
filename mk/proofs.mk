# The proof rail (proofs/README.md says what is proven and how to read the results):
#
#   make proofs            the auditors' run: WP on the runtime with every goal sent to the
#                          provers, EVA, SPIN, the broken-flow test; then it writes
#                          proofs/REPORT.md, packs the provers' answers into
#                          proofs/wp-cache.txt and records the EVA results in
#                          proofs/eva-record.txt (all committed)
#   make proofs-update     the same as make proofs, but a file or harness whose inputs are
#                          those the committed records hold is carried over rather than
#                          proved again (its results, answers and per-function table come
#                          from the last run that proved it); every other one is proved as
#                          in make proofs. What a change that touches a few files needs.
#   make proofs-check      what `make check` runs: the same, but WP first looks each goal up
#                          in the committed proofs/wp-cache.txt and sends only the goals it
#                          does not hold (changed code) to the provers, and an EVA harness
#                          whose inputs are those of proofs/eva-record.txt is not run again;
#                          the report goes to build/proofs/REPORT.md and says how many goals
#                          came from the cache and which harnesses were replayed
#   make proofs-wp         Frama-C/WP (+RTE, every -warn-* flag, smoke tests), one run per
#                          file, NPROC files at a time; fails unless every goal is proved
#   make proofs-spin       SPIN, every ltl claim of proofs/gen/boot_fsm.pml, exhaustively
#   make spin-broken-test  SPIN must catch each deliberately broken flow of tests/spin/
#   make proofs-scripts-test  what make proofs-update carries over (tests/proofs/run.sh)
#   make proofs-eva        Frama-C/EVA on the harnesses of proofs/eva/ (generated lexers and
#                          parsers): no alarm, no invalid property
#   make proofs-gui        opens one file's WP session in the Frama-C GUI (WP_FILE=...)
#   make proofs-clean      forget every result (the next run starts from scratch)
#
# One file: make build/proofs/wp/runtime/core/dp_str/ok (log next to it: wp.log, wp.json).
# Knobs: PROOFS_MODE (full|replay), WP_STEPS, WP_TIMEOUT, WP_PAR, WP_EXTRA; SPIN_PML,
# SPIN_DPGEN, SPIN_DEPTH, SPIN_MEMLIM, SPIN_TIMEOUT.

PROOFS_DIR := $(BUILD)/proofs
WHY3_CONF  := $(PROOFS_DIR)/why3.conf

# Every C file of the runtime but re2c and Lemon output (proven by EVA and fuzzing, not WP).
WP_SRCS := $(sort $(filter-out %_lex.c %_parse.c,$(wildcard runtime/gen/*.c)) \
                  $(wildcard runtime/core/*.c))
# NOT YET PROVEN: the files below have contracts in progress but WP does not prove them yet.
# They are covered by the unit, conformance and integration tests and by the fuzzers only.
# `make proofs` names them on every run (proofs/summary.sh prints them as PENDING), and
# proofs/README.md lists them; a file leaves this list in the commit that proves it.
# `make proofs-pending` tries them anyway (without failing the build).
WP_PENDING := runtime/core/dp_boot.c runtime/core/dp_boot_net.c
WP_GATED := $(filter-out $(WP_PENDING),$(WP_SRCS))
# PARTLY PROVEN: in a pending file, the functions WP proves now (WP_FCTS_<file's stem>).
# They are gated like a whole file: WP runs on them alone (-wp-fct, which WP_EXTRA
# carries, so the file is never taken for wholly proved: proofs/wp.sh does not replay it
# from the record and mk does not record it), and `make proofs` fails when one of them no
# longer proves. Each proof uses the contracts of the functions it calls, proved or not.
# A function joins its list in the commit that proves it; the file leaves WP_PENDING when
# its list is all of it.
WP_FCTS_dp_boot := dp_boot_report dp_boot_raise dp_certs_entry dp_boot_reboot_order dp_end_run \
                   dp_boot_request dp_boot_clock dp_boot_set_next dp_boot_set_why \
                   dp_boot_set_event dp_boot_set_end dp_boot_nv_valid dp_boot_nv_copy \
                   dp_nv_stored dp_stored dp_boot_stored dp_then dp_then_clear \
                   dp_then_signal dp_then_store dp_then_install dp_then_image_next \
                   dp_then_image dp_boot_write_meta dp_nv_request dp_nv_target_slot \
                   dp_nv_target_seq dp_nv_wrap_in
# ...and those WP proves in a second run of proofs/wp.sh, with -wp-split (a goal per
# conjunct of every goal), which their proofs need and some of the functions above do not
# bear (proofs/README.md, "A 32-bit write, proved"). Its results go to the file's split/
# folder (the same cache); proofs/summary.sh and proofs/report.py count them with the file's.
WP_SPLIT_dp_boot := dp_boot_nv_seq dp_boot_meta_payload dp_boot_nv_wrap dp_boot_nv_pending \
                    dp_boot_set_nv_write dp_boot_set_nv_req dp_boot_put_nv_req dp_boot_poke_nv_req \
                    dp_boot_put_nv_seq dp_boot_poke_nv_seq dp_boot_needed dp_boot_put_needed \
                    dp_boot_poke_needed dp_image_needed dp_boot_write_report \
                    dp_boot_poke_report dp_boot_put_report dp_boot_note dp_guards \
                    dp_boot_prog_reset
WP_FCTS_dp_boot_net := dp_fail dp_boot_fail_image dp_boot_net_data dp_boot_net_closed \
                       dp_boot_bank_data dp_boot_tick dp_net_state dp_want_data \
                       dp_end_transfer dp_boot_close_then dp_fetch_refused dp_closed \
                       dp_after_close dp_close_event dp_net_opened dp_boot_net_open \
                       dp_header_failed dp_body_done dp_body_file dp_body_cert \
                       dp_body_image dp_body_script dp_head dp_head_plain \
                       dp_boot_image_next dp_image_rest dp_fetch dp_fetch_open \
                       dp_fetch_refusal
# A file's stem (runtime/core/dp_boot.c: dp_boot) and its list of proven functions.
wp_stem = $(basename $(notdir $(1)))
wp_fcts = $(WP_FCTS_$(call wp_stem,$(1)))
wp_split = $(WP_SPLIT_$(call wp_stem,$(1)))
WP_PARTIAL := $(foreach f,$(WP_PENDING),$(if $(call wp_fcts,$(f))$(call wp_split,$(f)),$(f)))
# How WP runs (PROOFS_MODE):
#   full    every goal goes to the provers (WP's -wp-cache rebuild, into a cache of the
#           file's own). The run writes two committed files: proofs/wp-record.txt, one line
#           per proved file with the key of its inputs (proofs/wp.sh: the file, the headers
#           it includes, the prover limits, the tool versions) and its goal counts; and
#           proofs/wp-cache.txt, the provers' answers, one line per goal.
#   replay  a file whose key is in the record is not proved again (its inputs are the ones
#           the full run proved); any other file is proved, the provers' answers to its
#           unchanged goals taken from proofs/wp-cache.txt (keyed by a hash of the goal's
#           whole prover task, so a changed goal goes to the provers). A file that no longer
#           proves fails the run as in a full run.
#   update  a file whose key is in the record is carried over, as in a replay; any other
#           file is proved as in a full run (its own fresh cache). The run writes the
#           committed files as a full run does, the carried files' lines taken from the
#           committed ones (proofs/wp-cache.sh) and their per-function results from
#           proofs/wp-results.json (proofs/report.py). A partly proven file is never carried.
PROOFS_MODE ?= full
WP_RECORD     := proofs/wp-record.txt
WP_CACHE_PACK := proofs/wp-cache.txt
ifeq ($(PROOFS_MODE),replay)
WP_DIR        := $(PROOFS_DIR)/wp-replay
WP_CACHE      := update
WP_REPLAY_DIR := $(abspath $(PROOFS_DIR))/wp-cache-replay
WP_CACHE_DEP  := $(PROOFS_DIR)/wp-cache-replay.stamp
WP_RECORD_ENV := WP_RECORD=$(WP_RECORD)
else ifeq ($(PROOFS_MODE),update)
WP_DIR        := $(PROOFS_DIR)/wp-update
WP_CACHE      := rebuild
WP_CACHE_DEP  :=
WP_RECORD_ENV := WP_RECORD=$(WP_RECORD)
else
WP_DIR        := $(PROOFS_DIR)/wp
WP_CACHE      := rebuild
WP_CACHE_DEP  :=
WP_RECORD_ENV :=
endif
WP_OKS  := $(patsubst %.c,$(WP_DIR)/%/ok,$(WP_GATED))
WP_PARTIAL_OKS := $(patsubst %.c,$(WP_DIR)/%/ok,$(WP_PARTIAL))
WP_PENDING_OKS := $(patsubst %.c,$(WP_DIR)/%/ok,$(filter $(WP_SRCS),$(WP_PENDING)))
# A file is proved again when it, any header, or the way it is proved changes.
WP_DEPS := $(wildcard runtime/include/*.h runtime/gen/*.h runtime/core/*.h) proofs/wp.sh \
           mk/proofs.mk

# Prover limits. Steps decide (the same verdict on a loaded machine); the time limit is a
# safety net far above the slowest goal (under 1 s of CPU). See proofs/README.md.
WP_STEPS     ?= 20000000
WP_TIMEOUT   ?= 120
WP_PAR       ?= $(NPROC)
WP_EXTRA     ?=
WP_COMMA := ,
WP_SPACE := $(subst x,,x x)
# In the recipe of a file's ok ($* is its path without .c): -wp-fct with the functions of a
# partly proven file, nothing for any other; and the options of its -wp-split run.
wp_list = $(subst $(WP_SPACE),$(WP_COMMA),$(strip $(1)))
WP_FCT_OPT = $(if $(call wp_fcts,$*),-wp-fct $(call wp_list,$(call wp_fcts,$*)))
WP_SPLIT_OPT = -wp-fct $(call wp_list,$(call wp_split,$*)) -wp-split
WP_ENV = WHY3CONFIG=$(abspath $(WHY3_CONF)) WP_STEPS=$(WP_STEPS) WP_TIMEOUT=$(WP_TIMEOUT) \
         WP_PAR=$(WP_PAR) WP_CACHE=$(WP_CACHE) \
         WP_CACHE_DIR=$(if $(WP_CACHE_DEP),$(WP_REPLAY_DIR),$(abspath $(WP_DIR)/$*)/cache)
# The files are proved in parallel: with the caller's -j if any, else NPROC at a time.
WP_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(NPROC))

# SPIN: the model dpgen generated from spec/boot.fsm, and the dpgen the broken-flow test
# uses. Depth, memory (MB) and time (s, per claim) limits: a search that reaches one of
# them fails; the model needs a tiny fraction of each (proofs/README.md).
SPIN_PML     ?= proofs/gen/boot_fsm.pml
SPIN_DPGEN   ?= $(DPGEN)
SPIN_DEPTH   ?= 100000
SPIN_MEMLIM  ?= 4096
SPIN_TIMEOUT ?= 120
SPIN_DIR     := $(PROOFS_DIR)/spin
SPIN_ENV = SPIN_DEPTH=$(SPIN_DEPTH) SPIN_MEMLIM=$(SPIN_MEMLIM) SPIN_TIMEOUT=$(SPIN_TIMEOUT)

# EVA: one harness per entry point of generated code (proofs/eva/NAME.c), with the sources
# it analyses; every other callee is replaced by its (WP-proven) contract. Then the
# harnesses of public entry points (NAME_api; proofs/README.md lists those still to come).
EVA_HARNESSES := script_line script_tokens http_lex url_lex dhcp_lex pem_lex \
                 url_api http_api nv_api pem_api dhcp_api params_api image_api \
                 script_api interp_api boot_api
EVA_SRCS_script_line   := runtime/gen/script_lex.c runtime/gen/script_parse.c \
                          runtime/core/dp_script_parse.c runtime/core/dp_diag_sink.c
EVA_DEFS_script_line   := -DEVA_N=4
EVA_SRCS_script_tokens := runtime/gen/script_parse.c runtime/core/dp_script_parse.c \
                          runtime/core/dp_diag_sink.c
EVA_DEFS_script_tokens := -DEVA_K=6
EVA_SRCS_http_lex := runtime/gen/http_lex.c
EVA_DEFS_http_lex := -DEVA_N=6
EVA_SRCS_url_lex  := runtime/gen/url_lex.c
EVA_DEFS_url_lex  := -DEVA_N=6
EVA_SRCS_dhcp_lex := runtime/gen/dhcp_lex.c
EVA_DEFS_dhcp_lex := -DEVA_N=6
EVA_SRCS_pem_lex  := runtime/gen/pem_lex.c
EVA_DEFS_pem_lex  := -DEVA_N=6 -DEVA_T=2
# Entry-point harnesses: a public entry point with every function it calls, generated and
# hand-written alike (nothing replaced by a contract but the port's).
EVA_SRCS_url_api  := runtime/core/dp_url.c runtime/gen/url_lex.c
EVA_DEFS_url_api  := -DEVA_N=4
EVA_SRCS_http_api := runtime/core/dp_http_request.c runtime/core/dp_http_resp.c \
                     runtime/core/dp_http_fields.c runtime/gen/http_lex.c runtime/core/dp_str.c
EVA_DEFS_http_api := -DEVA_N=4 -DEVA_T=2
EVA_SRCS_nv_api   := runtime/core/dp_nv.c
EVA_DEFS_nv_api   := -DEVA_N=24
# The octagon domain relates pairs of local variables (a span's start and end, the header
# bytes wanted and held): the value domain alone raises a false alarm on their difference
# (proofs/README.md).
EVA_OCTAGONS := -eva-domains octagon -eva-octagon-through-calls
EVA_SRCS_pem_api  := runtime/core/dp_pem.c runtime/gen/pem_lex.c
EVA_DEFS_pem_api  := -DEVA_N=12
EVA_OPTS_pem_api  := $(EVA_OCTAGONS)
EVA_SRCS_dhcp_api := runtime/core/dp_dhcp.c runtime/gen/dhcp_lex.c runtime/core/dp_params_store.c \
                     runtime/core/dp_value.c runtime/core/dp_diag_sink.c runtime/gen/params.c \
                     runtime/gen/diag.c runtime/core/dp_str.c
EVA_DEFS_dhcp_api := -DEVA_N=3
EVA_OPTS_dhcp_api := $(EVA_OCTAGONS)
EVA_SRCS_params_api := runtime/core/dp_params_store.c runtime/core/dp_value.c runtime/gen/params.c \
                       runtime/core/dp_str.c
EVA_DEFS_params_api := -DEVA_N=8
EVA_OPTS_params_api := $(EVA_OCTAGONS)
# The port's cryptography by its contracts (the harness models the digest).
EVA_SRCS_image_api := runtime/core/dp_image_verify.c runtime/core/dp_image_header.c \
                      runtime/core/dp_image_match.c runtime/gen/image_fields.c
EVA_DEFS_image_api := -DEVA_N=3 -DEVA_P=16
EVA_OPTS_image_api := $(EVA_OCTAGONS)
# The script compiler (with the checker), then the interpreter running what it compiled.
EVA_SCRIPT_SRCS := runtime/core/dp_script_parse.c runtime/core/dp_script_emit.c \
                   runtime/core/dp_script_words.c runtime/gen/script_lex.c \
                   runtime/gen/script_parse.c runtime/core/dp_diag_sink.c runtime/gen/params.c \
                   runtime/gen/profiles.c runtime/gen/diag.c runtime/core/dp_value.c \
                   runtime/core/dp_str.c
EVA_SRCS_script_api := $(EVA_SCRIPT_SRCS) runtime/core/dp_script_check.c
EVA_DEFS_script_api := -DEVA_N=1
EVA_OPTS_script_api := $(EVA_OCTAGONS)
EVA_SRCS_interp_api := $(EVA_SCRIPT_SRCS) runtime/core/dp_interp.c runtime/core/dp_params_store.c
EVA_DEFS_interp_api := -DEVA_N=1 -DEVA_K=4
# At the default precision (6) EVA merges the states of a GET step and marks the
# postcondition dp_interp_ok of dp_interp_get_done and _get_failed invalid on merged
# states no run reaches; 8 keeps them apart (about 5.5 minutes rather than 2.5).
EVA_OPTS_interp_api := $(EVA_OCTAGONS) -eva-precision 8
# The boot engine's driver calls with the whole runtime behind them (the port's
# cryptography and certificate check by their contracts): start, then EVA_K answers of a
# driver (proofs/eva/boot_api.c).
EVA_SRCS_boot_api := $(sort $(wildcard runtime/core/*.c) $(wildcard runtime/gen/*.c))
EVA_DEFS_boot_api := -DEVA_K=1
# As WP's: a full run (make proofs) records each harness's key and result in the committed
# proofs/eva-record.txt; a replay (make check) or an update does not run a harness whose key
# is in the record (proofs/eva.sh says what the key covers) and runs every other one.
EVA_RECORD := proofs/eva-record.txt
ifneq ($(filter replay update,$(PROOFS_MODE)),)
EVA_DIR        := $(PROOFS_DIR)/eva-$(PROOFS_MODE)
EVA_RECORD_ENV := EVA_RECORD=$(EVA_RECORD)
EVA_RECORD_DEP := $(wildcard $(EVA_RECORD))
else
EVA_DIR        := $(PROOFS_DIR)/eva
EVA_RECORD_ENV :=
EVA_RECORD_DEP :=
endif
# The slowest harness starts first, so that the others run beside it rather than after.
EVA_SLOWEST := interp_api
EVA_OKS  := $(patsubst %,$(EVA_DIR)/%/ok,$(EVA_SLOWEST) $(filter-out $(EVA_SLOWEST),$(EVA_HARNESSES)))

.PHONY: proofs-eva
# The harnesses run in parallel, as the WP files do (NPROC at a time unless -j was given).
proofs-eva:
	@$(MAKE) --no-print-directory $(WP_JOBS) $(EVA_OKS)
	@echo "proofs-eva: $(words $(EVA_HARNESSES)) harnesses, 0 alarms"

$(EVA_DIR)/%/ok: proofs/eva/%.c $(wildcard proofs/eva/*.h) proofs/eva.sh $(WP_DEPS) $(wildcard runtime/gen/*.c runtime/core/*.c) $(EVA_RECORD_DEP)
	@rm -f $@
	@$(EVA_RECORD_ENV) EVA_DEFS="$(EVA_DEFS_$*)" EVA_OPTS="$(EVA_OPTS_$*)" ./proofs/eva.sh $< $(@D) $(EVA_SRCS_$*)
	@touch $@

.PHONY: proofs proofs-update proofs-scripts-test proofs-lemmas proofs-check proofs-gui proofs-wp proofs-wp-files proofs-pending proofs-spin spin-broken-test proofs-clean

# The report lists what the run proved; it is written only when everything passed.
REPORT_ENV = PROOFS_MODE=$(PROOFS_MODE) WP_DIR=$(WP_DIR) EVA_DIR=$(EVA_DIR) SPIN_DIR=$(SPIN_DIR) \
             WP_STEPS=$(WP_STEPS) WP_TIMEOUT=$(WP_TIMEOUT) WP_PAR=$(WP_PAR) \
             WP_GATED="$(WP_GATED)" WP_PENDING="$(WP_PENDING)" EVA_HARNESSES="$(EVA_HARNESSES)" \
             WP_PARTIAL="$(WP_PARTIAL)" \
             $(foreach f,$(WP_PARTIAL),WP_FCTS_$(call wp_stem,$(f))="$(call wp_fcts,$(f)) $(call wp_split,$(f))") \
             $(foreach h,$(EVA_HARNESSES),EVA_DEFS_$(h)="$(EVA_DEFS_$(h))" EVA_SRCS_$(h)="$(EVA_SRCS_$(h))" \
                 EVA_OPTS_$(h)="$(EVA_OPTS_$(h))")

# A full run or an update writes the committed results: the report, the provers' answers,
# the records (a carried-over file's or harness's lines taken from the committed ones).
PROOFS_WRITES := $(filter full update,$(PROOFS_MODE))
proofs: proofs-scripts-test proofs-lemmas proofs-wp proofs-eva proofs-spin spin-broken-test
	@$(REPORT_ENV) python3 proofs/report.py $(if $(PROOFS_WRITES),proofs/REPORT.md,$(PROOFS_DIR)/REPORT.md)
	@$(if $(PROOFS_WRITES),./proofs/wp-cache.sh pack $(WP_CACHE_PACK) $(WP_DIR) $(WP_GATED) $(WP_PARTIAL) && \
	    ./proofs/wp-cache.sh record $(WP_RECORD) "FILE KEY PROVED TOTAL SMOKE ASSUMPTIONS STEPS (proofs/wp.sh)" \
	        $(WP_OKS:/ok=) && \
	    ./proofs/wp-cache.sh record $(EVA_RECORD) "HARNESS KEY ALARMS PRE POST SECONDS REACHED TOTAL (proofs/eva.sh)" \
	        $(EVA_OKS:/ok=) && \
	    echo "proofs: $(WP_RECORD) and $(EVA_RECORD) (the records) and $(WP_CACHE_PACK) hold this run's results")
	@echo "make proofs ($(PROOFS_MODE)): every WP goal of the gated files proved, no EVA alarm, every SPIN claim" \
	      "holds, broken flows caught; $(words $(WP_PENDING)) runtime files NOT YET PROVEN (WP_PENDING)"

proofs-update:
	@$(MAKE) --no-print-directory PROOFS_MODE=update proofs

# Every lemma a partly proven file's proofs use sits in a header a gated file includes,
# whose whole run proves it (-wp-fct runs prove no lemma).
proofs-lemmas:
	@./proofs/lemma-homes.sh "$(WP_GATED)" "$(WP_PENDING)"

# What an update carries over and writes (proofs/wp-cache.sh), on made-up run folders.
proofs-scripts-test:
	@tests/proofs/run.sh $(PROOFS_DIR)/scripts-test

# make check: the committed cache answers the unchanged goals (see PROOFS_MODE above).
proofs-check:
	@$(MAKE) --no-print-directory PROOFS_MODE=replay proofs

$(PROOFS_DIR)/wp-cache-replay.stamp: $(WP_CACHE_PACK) proofs/wp-cache.sh
	@rm -rf $(WP_REPLAY_DIR)
	@./proofs/wp-cache.sh unpack $< $(WP_REPLAY_DIR)
	@touch $@

# The Frama-C GUI on one file's goals: the command proofs/wp.sh ran for it (its cmdline,
# with the preprocessor flags quoted again), in frama-c-gui, the answers taken from the
# cache without running a prover. E.g. make proofs-gui WP_FILE=runtime/core/dp_pem.c.
WP_FILE ?= runtime/core/dp_image_verify.c
proofs-gui: $(WP_DIR)/$(WP_FILE:.c=)/ok
	@test -f $(WP_DIR)/$(WP_FILE:.c=)/cmdline || \
	    { echo "proofs-gui: $(WP_FILE) was replayed, not proved: run make proofs first"; exit 1; }
	eval "$$(sed -e 's/^frama-c /frama-c-gui /' \
	    -e 's/-cpp-extra-args=\(-I[^ ]*\) \(-I[^ ]*\)/-cpp-extra-args="\1 \2"/' \
	    -e 's/-wp-cache [a-z]*/-wp-cache offline/' \
	    -e 's|-wp-cache-dir [^ ]*|-wp-cache-dir $(if $(WP_CACHE_DEP),$(WP_REPLAY_DIR),$(abspath $(WP_DIR)/$(WP_FILE:.c=))/cache)|' \
	    $(WP_DIR)/$(WP_FILE:.c=)/cmdline)"

# why3 writes ~/.why3.conf unless told otherwise; Frama-C reads WHY3CONFIG too.
$(WHY3_CONF):
	@mkdir -p $(@D)
	@rm -f $@.tmp
	WHY3CONFIG=$(abspath $@).tmp why3 config detect > $(@D)/why3-detect.log 2>&1
	@grep -q 'name = "CVC4"' $@.tmp && grep -q 'name = "Z3"' $@.tmp || \
	    { cat $(@D)/why3-detect.log; echo "proofs: why3 finds no CVC4 or Z3 (make deps)"; exit 1; }
	@mv $@.tmp $@

# A run restricted by the caller's WP_EXTRA (e.g. -wp-fct) is not recorded as proved; a
# partly proven file's run (WP_FCTS_*) is, for its functions.
# The file's cache: its own, fresh, in a full run (so the pack holds exactly the goals of
# the proved files); the unpacked committed cache in a replay.
$(WP_DIR)/%/ok: %.c $(WP_DEPS) | $(WHY3_CONF) $(WP_CACHE_DEP)
	@rm -f $@
	@rm -rf $(@D)/split $(if $(WP_CACHE_DEP),,$(@D)/cache)
	@$(WP_ENV) $(WP_RECORD_ENV) WP_EXTRA="$(strip $(WP_EXTRA) $(WP_FCT_OPT))" ./proofs/wp.sh $< $(@D)
	@$(if $(call wp_split,$*),$(WP_ENV) WP_EXTRA="$(strip $(WP_EXTRA) $(WP_SPLIT_OPT))" \
	    ./proofs/wp.sh $< $(@D)/split)
	@if [ -z "$(WP_EXTRA)" ]; then touch $@; else echo "($< with WP_EXTRA: not recorded as proved)"; fi

proofs-wp-files: $(WP_OKS) $(WP_PARTIAL_OKS)

# -k: prove every file even when one fails; the summary then fails and names it.
proofs-wp: | $(WHY3_CONF)
	@$(MAKE) --no-print-directory -k $(WP_JOBS) proofs-wp-files || true
	@WP_STEPS=$(WP_STEPS) ./proofs/summary.sh $(WP_DIR) $(WP_GATED) $(WP_PARTIAL) -- $(WP_PENDING)

proofs-pending: | $(WHY3_CONF)
	@$(MAKE) --no-print-directory -k $(WP_JOBS) $(foreach f,$(WP_PENDING),WP_FCTS_$(call wp_stem,$(f))= WP_SPLIT_$(call wp_stem,$(f))=) \
	    $(WP_PENDING_OKS) || true
	@WP_STEPS=$(WP_STEPS) ./proofs/summary.sh $(WP_DIR) $(WP_PENDING) || true

proofs-spin:
	@$(SPIN_ENV) ./proofs/spin.sh $(SPIN_PML) $(SPIN_DIR)
	@echo "proofs-spin: $$(wc -l < $(SPIN_DIR)/results) claims of $(SPIN_PML) hold (errors: 0, search complete)"

spin-broken-test: proofs-spin $(SPIN_DPGEN)
	@$(SPIN_ENV) ./tests/spin/run.sh $(SPIN_DPGEN) $(PROOFS_DIR)/spin-broken $(SPIN_DIR)/results

proofs-clean:
	rm -rf $(PROOFS_DIR)/wp $(PROOFS_DIR)/wp-replay $(PROOFS_DIR)/wp-cache-replay* $(SPIN_DIR) $(PROOFS_DIR)/spin-broken $(PROOFS_DIR)/eva \
	    $(PROOFS_DIR)/eva-replay
