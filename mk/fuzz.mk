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
FUZZ_SMOKE_SECS ?= 20

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

.PHONY: fuzz fuzz-smoke fuzz-run
fuzz: $(FUZZ_BINS)

# Per target: replay every committed seed, then fuzz FUZZ_SMOKE_SECS seconds from a scratch
# copy of the seeds (fuzz/smoke.sh). Logs and crash artifacts: $(FUZZ_DIR)/smoke/NAME/.
fuzz-smoke: $(FUZZ_BINS)
	./fuzz/smoke.sh $(FUZZ_DIR) $(FUZZ_SMOKE_SECS) $(FUZZ_TARGETS)

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
