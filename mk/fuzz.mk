# libFuzzer targets (docs/fuzzing.md). Every fuzz/fuzz_NAME.c is a target NAME, with:
#   fuzz/NAME.dict            its dictionary (optional)
#   fuzz/fuzz_NAME.options    its libFuzzer options, OSS-Fuzz style: [libfuzzer] key = value
#   fuzz/corpus/NAME/         its committed seeds (every past crash reproducer included)
#   FUZZ_SRCS_NAME            the sources it links besides fuzz/fuzz_NAME.c, set below;
#                             default: the runtime library (runtime/core, runtime/gen)
# Adding a target means adding those files (and FUZZ_SRCS_NAME when the default does not fit).
#
#   make fuzz                            build every target into $(BUILD)/fuzz/
#   make fuzz-smoke                      replay every seed, then fuzz each target briefly
#                                        (FUZZ_SMOKE_SECS each) on a scratch copy of its seeds
#   make fuzz-run TARGET=NAME SECS=N     fuzz one target for N seconds and merge what it
#                                        found into fuzz/corpus/NAME/ (for a person to commit)
#   make fuzz-shrink                     the shrunk flavour: every runtime target again with
#                                        every limit at its minimum, $(BUILD)/fuzz/shrink/
#   make fuzz-guard-test                 fuzz/port_testkey.c refuses to compile outside a
#                                        fuzz build (and compiles inside one)
#   make fuzz-oss-test                   fuzz/oss-fuzz-build.sh (the ClusterFuzzLite/OSS-Fuzz
#                                        build) run as a plain script, each binary on its seeds
#   make fuzz-coverage                   llvm source-based coverage of runtime/core and
#                                        runtime/gen over the committed corpus
#   fuzz/farm.sh                         the fuzz farm on one machine (docs/fuzzing.md)

ifeq ($(origin FUZZ_CC),undefined)
FUZZ_CC      := $(shell command -v clang-14 >/dev/null 2>&1 && echo clang-14 || echo clang)
endif
FUZZ_DIR     := $(BUILD)/fuzz
FUZZ_OBJDIR  := $(FUZZ_DIR)/obj
FUZZ_SAN     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := $(STRICT_CFLAGS) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) \
                -D_POSIX_C_SOURCE=200809L -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
                -DDP_RESUME_CHECKPOINT=4096u
# (resume points at their minimum spacing, so that images of a few KiB reach them)
FUZZ_INC     := -Ifuzz -Igen -Igrammar -I$(DPGEN_OBJDIR) $(RUNTIME_INC)
FUZZ_SMOKE_SECS ?= 12
# seconds each target of the shrunk flavour fuzzes in fuzz-smoke
FUZZ_SHRINK_SMOKE_SECS ?= 6

FUZZ_TARGETS := $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
FUZZ_BINS    := $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZ_TARGETS))
# The runtime with the fuzz port (fuzz/port_testkey.c: real SHA-256, image signatures
# checked against a baked-in test key; it refuses to compile outside a fuzz build).
FUZZ_SRCS_DEFAULT := $(sort $(wildcard runtime/core/*.c) $(wildcard runtime/gen/*.c)) fuzz/port_testkey.c
FUZZ_LIBS    := -lcrypto

# dpgen's parser and checker: its sources without main.c, and its generated lexer and parser.
FUZZ_SRCS_spec := $(filter-out gen/main.c,$(sort $(wildcard gen/*.c))) runtime/core/dp_value.c \
                  $(DPGEN_OBJDIR)/spec_lex.c $(DPGEN_OBJDIR)/spec_parse.c

# Object of a source: $(BUILD)/x/y.c -> $(FUZZ_OBJDIR)/x/y.o, other x/y.c -> $(FUZZ_OBJDIR)/x/y.o
fuzz_objs = $(patsubst %.c,$(FUZZ_OBJDIR)/%.o,$(patsubst $(BUILD)/%,%,$(1)))
fuzz_srcs = $(if $(filter undefined,$(origin FUZZ_SRCS_$(1))),$(FUZZ_SRCS_DEFAULT),$(FUZZ_SRCS_$(1)))

define FUZZ_TARGET_RULE
$(FUZZ_DIR)/fuzz_$(1): $(call fuzz_objs,fuzz/fuzz_$(1).c $(call fuzz_srcs,$(1)))
	$$(FUZZ_CC) $$(FUZZ_SAN) -o $$@ $$^ $$(FUZZ_LIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_TARGET_RULE,$(t))))

FUZZ_ALL_OBJS := $(sort $(foreach t,$(FUZZ_TARGETS),$(call fuzz_objs,fuzz/fuzz_$(t).c $(call fuzz_srcs,$(t)))))

# Sources in the tree, and sources generated under $(BUILD) (dpgen's lexer and parser).
# Lemon's parsers (*_parse.c) get the one relaxation the Makefile allows.
$(FUZZ_OBJDIR)/%.o: %.c | $(DPGEN_OBJDIR)/spec_parse.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(if $(filter %_parse.c,$<),$(LEMON_RELAX_CFLAGS)) $(FUZZ_INC) \
	    -MMD -MP -c $< -o $@

$(FUZZ_OBJDIR)/%.o: $(BUILD)/%.c | $(DPGEN_OBJDIR)/spec_parse.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(if $(filter %_parse.c,$<),$(LEMON_RELAX_CFLAGS)) $(FUZZ_INC) \
	    -MMD -MP -c $< -o $@

-include $(FUZZ_ALL_OBJS:.o=.d)

# ---- the shrunk flavour -----------------------------------------------------------------
# Every target that links the runtime (not spec) built a second time with every limit of
# runtime/gen/config.h at its minimum (-DDP_SHRINK: the boundary paths are hit constantly),
# into $(FUZZ_DIR)/shrink/fuzz_NAME. The flags are the shrunk conformance build's
# (CONF_SHRINK_FLAGS, mk/tests.mk: it keeps DP_SCRIPT_NAME_MAX at 50 until runtime/gen/profiles.h
# stops defining it). Same options, dictionaries and seeds as the default flavour.
FUZZ_SHRINK_FLAGS   := $(CONF_SHRINK_FLAGS)
FUZZ_SHRINK_DIR     := $(FUZZ_DIR)/shrink
FUZZ_SHRINK_OBJDIR  := $(FUZZ_DIR)/obj-shrink
FUZZ_SHRINK_TARGETS := $(foreach t,$(FUZZ_TARGETS),$(if $(filter undefined,$(origin FUZZ_SRCS_$(t))),$(t)))
FUZZ_SHRINK_BINS    := $(addprefix $(FUZZ_SHRINK_DIR)/fuzz_,$(FUZZ_SHRINK_TARGETS))
fuzz_shrink_objs     = $(patsubst %.c,$(FUZZ_SHRINK_OBJDIR)/%.o,$(1))

define FUZZ_SHRINK_RULE
$(FUZZ_SHRINK_DIR)/fuzz_$(1): $(call fuzz_shrink_objs,fuzz/fuzz_$(1).c $(FUZZ_SRCS_DEFAULT))
	@mkdir -p $$(dir $$@)
	$$(FUZZ_CC) $$(FUZZ_SAN) -o $$@ $$^ $$(FUZZ_LIBS)
endef
$(foreach t,$(FUZZ_SHRINK_TARGETS),$(eval $(call FUZZ_SHRINK_RULE,$(t))))

$(FUZZ_SHRINK_OBJDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_SHRINK_FLAGS) $(if $(filter %_parse.c,$<),$(LEMON_RELAX_CFLAGS)) \
	    $(FUZZ_INC) -MMD -MP -c $< -o $@

-include $(patsubst %.c,$(FUZZ_SHRINK_OBJDIR)/%.d,$(FUZZ_SRCS_DEFAULT) \
           $(foreach t,$(FUZZ_SHRINK_TARGETS),fuzz/fuzz_$(t).c))

.PHONY: fuzz fuzz-shrink fuzz-smoke fuzz-run fuzz-guard-test
fuzz: $(FUZZ_BINS)
fuzz-shrink: $(FUZZ_SHRINK_BINS)

# fuzz/port_testkey.c trusts a published key: it must not compile without the fuzz build's
# define. Compiled as a release compiles the runtime (strict flags, no define), it must stop
# at its #error; with the define it must compile (so the first check is not vacuous).
fuzz-guard-test:
	@mkdir -p $(FUZZ_DIR)
	@if $(FUZZ_CC) $(STRICT_CFLAGS) -O2 $(FUZZ_INC) -fsyntax-only fuzz/port_testkey.c \
	        >$(FUZZ_DIR)/guard.log 2>&1 || [ $$? -ne 1 ]; then \
	    cat $(FUZZ_DIR)/guard.log; \
	    echo "fuzz-guard-test: FAIL: fuzz/port_testkey.c compiles outside a fuzz build"; exit 1; \
	fi
	@grep -q 'error: "fuzz/port_testkey.c trusts a published test key: fuzz builds only"' \
	    $(FUZZ_DIR)/guard.log || { cat $(FUZZ_DIR)/guard.log; \
	    echo "fuzz-guard-test: FAIL: not stopped by its #error"; exit 1; }
	@$(FUZZ_CC) $(STRICT_CFLAGS) -O2 $(FUZZ_INC) -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
	    -fsyntax-only fuzz/port_testkey.c
	@echo "fuzz-guard-test: ok: fuzz/port_testkey.c refuses a build without" \
	    "FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"

# Per target: replay every committed seed, then fuzz FUZZ_SMOKE_SECS seconds from a scratch
# copy of the seeds (fuzz/smoke.sh). Logs and crash artifacts: $(FUZZ_DIR)/smoke/NAME/.
# Then the same for the shrunk flavour, FUZZ_SHRINK_SMOKE_SECS each ($(FUZZ_DIR)/shrink/smoke/).
fuzz-smoke: $(FUZZ_BINS) $(FUZZ_SHRINK_BINS) | fuzz-guard-test
	./fuzz/smoke.sh $(FUZZ_DIR) $(FUZZ_SMOKE_SECS) $(FUZZ_TARGETS)
	FUZZ_SMOKE_LABEL=shrink/ ./fuzz/smoke.sh $(FUZZ_SHRINK_DIR) $(FUZZ_SHRINK_SMOKE_SECS) \
	    $(FUZZ_SHRINK_TARGETS)

# A longer local run: new inputs go to a scratch folder, then the ones that add coverage
# are merged into the committed corpus; review and commit fuzz/corpus/$(TARGET)/ afterwards.
TARGET ?=
SECS   ?= 600
fuzz-run: $(FUZZ_BINS)
	@[ -n "$(TARGET)" ] && [ -f fuzz/fuzz_$(TARGET).c ] \
	    || { echo "usage: make fuzz-run TARGET=NAME SECS=N (NAME: $(FUZZ_TARGETS))"; exit 2; }
	@mkdir -p $(FUZZ_DIR)/run/$(TARGET)/new $(FUZZ_DIR)/run/$(TARGET)/artifacts fuzz/corpus/$(TARGET)
	$(FUZZ_DIR)/fuzz_$(TARGET) $$(./fuzz/options.sh $(TARGET)) -max_total_time=$(SECS) \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/run/$(TARGET)/artifacts/ \
	    $(FUZZ_DIR)/run/$(TARGET)/new fuzz/corpus/$(TARGET)
	$(FUZZ_DIR)/fuzz_$(TARGET) $$(./fuzz/options.sh $(TARGET)) -merge=1 \
	    fuzz/corpus/$(TARGET) $(FUZZ_DIR)/run/$(TARGET)/new
	@echo "fuzz-run: fuzz/corpus/$(TARGET) now holds $$(ls fuzz/corpus/$(TARGET) | wc -l) inputs"

# ---- the OSS-Fuzz / ClusterFuzzLite build ------------------------------------------------
# fuzz/oss-fuzz-build.sh run as a plain script, as the engine runs it (.clusterfuzzlite/build.sh):
# with nothing in its environment but PATH and the engine's variables (an ASan + libFuzzer
# build as OSS-Fuzz configures it), into $(BUILD)/oss-out; then each binary over its seed
# corpus zip once (fuzz/oss-test.sh).
FUZZ_CXX       := $(subst clang,clang++,$(FUZZ_CC))
FUZZ_OSS_OUT   := $(BUILD)/oss-out
FUZZ_OSS_FLAGS := -O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address \
                  -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link

.PHONY: fuzz-oss-test
fuzz-oss-test:
	rm -rf $(FUZZ_OSS_OUT)
	mkdir -p $(FUZZ_OSS_OUT)
	env -i PATH="$$PATH" CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) CFLAGS="$(FUZZ_OSS_FLAGS)" \
	    CXXFLAGS="$(FUZZ_OSS_FLAGS)" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	    OUT=$(abspath $(FUZZ_OSS_OUT)) ./fuzz/oss-fuzz-build.sh
	./fuzz/oss-test.sh $(FUZZ_OSS_OUT)

# ---- coverage ---------------------------------------------------------------------------
# Every target built with llvm source-based coverage and no sanitizer, linked with a standalone
# driver (fuzz/coverage_main.c) instead of libFuzzer, into $(FUZZ_DIR)/coverage/bin/; then
# fuzz/coverage.sh replays the corpora (FUZZ_COV_CORPUS: folders with one folder per target;
# add a farm's work corpora with FUZZ_COV_CORPUS="fuzz/corpus $(BUILD)/fuzz/farm/corpus"),
# merges the profiles and writes $(FUZZ_DIR)/coverage/report.txt. It reports whether
# 95% of the lines of runtime/core and runtime/gen are covered; it does not fail on it.
FUZZ_COV_DIR    := $(FUZZ_DIR)/coverage
FUZZ_COV_OBJDIR := $(FUZZ_DIR)/obj-cov
FUZZ_COV_CFLAGS := $(filter-out $(FUZZ_SAN) -O1,$(FUZZ_CFLAGS)) -O0 -fprofile-instr-generate -fcoverage-mapping
FUZZ_COV_BINS   := $(addprefix $(FUZZ_COV_DIR)/bin/fuzz_,$(FUZZ_TARGETS))
FUZZ_COV_CORPUS ?= fuzz/corpus
fuzz_cov_objs    = $(patsubst %.c,$(FUZZ_COV_OBJDIR)/%.o,$(patsubst $(BUILD)/%,%,$(1)))

define FUZZ_COV_RULE
$(FUZZ_COV_DIR)/bin/fuzz_$(1): $(call fuzz_cov_objs,fuzz/coverage_main.c fuzz/fuzz_$(1).c $(call fuzz_srcs,$(1)))
	@mkdir -p $$(dir $$@)
	$$(FUZZ_CC) -fprofile-instr-generate -o $$@ $$^ $$(FUZZ_LIBS)
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZ_COV_RULE,$(t))))

$(FUZZ_COV_OBJDIR)/%.o: %.c | $(DPGEN_OBJDIR)/spec_parse.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(if $(filter %_parse.c,$<),$(LEMON_RELAX_CFLAGS)) $(FUZZ_INC) \
	    -MMD -MP -c $< -o $@

$(FUZZ_COV_OBJDIR)/%.o: $(BUILD)/%.c | $(DPGEN_OBJDIR)/spec_parse.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(if $(filter %_parse.c,$<),$(LEMON_RELAX_CFLAGS)) $(FUZZ_INC) \
	    -MMD -MP -c $< -o $@

-include $(sort $(foreach t,$(FUZZ_TARGETS),$(patsubst %.o,%.d,$(call fuzz_cov_objs,fuzz/fuzz_$(t).c $(call fuzz_srcs,$(t))))))

.PHONY: fuzz-coverage
fuzz-coverage: $(FUZZ_COV_BINS)
	./fuzz/coverage.sh $(FUZZ_COV_DIR) "$(FUZZ_COV_CORPUS)" $(FUZZ_TARGETS)
