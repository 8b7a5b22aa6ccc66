# Tests that run in `make check` besides proofs and fuzz-smoke:
#   unit-tests   cmocka tests of runtime/core and runtime/gen (tests/unit/test_*.c), built
#                with ASan+UBSan and linked against the runtime sources
#   conformance-tests  one cmocka test per REQ line (tests/conformance/test_*.c, their names
#                and comments carry the REQ ID), built like the unit tests, twice: with the
#                default limits and shrunk (-DDP_SHRINK, every limit at its minimum,
#                REQ-EMB-009); the lint/trace comparison runs build/deskprov
#   corpus-tests every real file of $(CORPUS) lints clean under each profile and traces for
#                each model it tests, and the upgrade scripts give the APPNAMEs of
#                tests/corpus/appname.tsv (tests/corpus/run.sh)
#   dpgen-tests  every bad spec is refused at the right place (tests/dpgen/run.sh)
#   emb-tests    the runtime builds with clang and freestanding for Cortex-M4, and calls no
#                allocator or I/O (REQ-EMB-001..003)
#   dist-tests   the runtime drop (make dist): verbatim proven files, builds alone, the
#                minimal port runs, program sizes, the Cortex-M4 footprint (mk/dist.mk)
#   install-test make install into a scratch DESTDIR, then a program built with pkg-config
#   integration-tests  the boot flow end to end: deskprov boot against a real lighttpd on
#                127.0.0.1 (tests/integration/run.sh), one case per behaviour of issue 5 and
#                per testable REQ-DL line
#   hostile-tests  a hostile file server (tests/hostile/server.c, 64 scenarios) against a
#                provisioned phone, and the table docs/robustness.md (mk/hostile.mk)
#   req-trace    which REQ lines of spec/requirements.md the tests name

UNIT_SRCS    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
SAN_FLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
UNIT_CFLAGS  := $(STRICT_CFLAGS) -O1 -g $(SAN_FLAGS) $(RUNTIME_INC) -D_POSIX_C_SOURCE=200809L

# The runtime and the POSIX port, compiled once with the sanitizers for every test binary
# (SAN_OBJS), and once more with every limit at its minimum for the shrunk conformance
# build (SHRINK_OBJS).
SAN_HDRS     := $(RT_HDRS) $(wildcard runtime/core/*.h runtime/port/posix/*.h)
SAN_OBJS     := $(patsubst %.c,$(BUILD)/obj/san/%.o,$(RT_SRCS) $(PORT_SRCS))
SHRINK_OBJS  := $(patsubst %.c,$(BUILD)/obj/san-shrink/%.o,$(RT_SRCS) $(PORT_SRCS))

$(BUILD)/obj/san/%.o: %.c $(SAN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(if $(filter $<,$(RT_PARSERS)),$(LEMON_RELAX_CFLAGS)) $(PORT_INC) -c $< -o $@

$(BUILD)/obj/san-shrink/%.o: %.c $(SAN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(CONF_SHRINK_FLAGS) $(if $(filter $<,$(RT_PARSERS)),$(LEMON_RELAX_CFLAGS)) \
	    $(PORT_INC) -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(SAN_OBJS) $(SAN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(PORT_INC) -o $@ $< $(SAN_OBJS) -lcmocka $(PORT_LIBS)

.PHONY: unit-tests conformance-tests corpus-tests image-tests dpgen-tests emb-tests req-trace tests \
        integration-tests
unit-tests: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do echo "== $$t"; $$t || exit 1; done

# The real files of the corpus (tests/corpus/real, copied byte for byte from ../shared/corpus/real:
# a CI machine has only the clone).
CORPUS ?= tests/corpus/real

CONF_SRCS    := $(sort $(wildcard tests/conformance/test_*.c))
CONF_HELPERS := $(filter-out $(CONF_SRCS),$(wildcard tests/conformance/*.c))
CONF_HDRS    := $(wildcard tests/conformance/*.h)
CONF_BINS    := $(patsubst tests/conformance/%.c,$(BUILD)/tests/conformance/%,$(CONF_SRCS))
# The shrunk build runs every test but the lint/trace comparison (the CLI has the default
# limits). runtime/gen/profiles.h defines DP_SCRIPT_NAME_MAX 50u whatever config.h says,
# which breaks -DDP_SHRINK (redefinition); until dpgen stops emitting it, the shrunk build
# keeps that one limit at its default.
CONF_SHRINK_BINS  := $(patsubst tests/conformance/%.c,$(BUILD)/tests/conformance-shrink/%,\
                       $(filter-out %/test_scr_tools.c,$(CONF_SRCS)))
CONF_SHRINK_FLAGS := -DDP_SHRINK -DDP_SCRIPT_NAME_MAX=50u

$(BUILD)/tests/conformance/%: tests/conformance/%.c $(CONF_HELPERS) $(CONF_HDRS) $(SAN_OBJS) $(SAN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(PORT_INC) -Itests/conformance -o $@ $< $(CONF_HELPERS) $(SAN_OBJS) \
	    -lcmocka $(PORT_LIBS)

$(BUILD)/tests/conformance-shrink/%: tests/conformance/%.c $(CONF_HELPERS) $(CONF_HDRS) $(SHRINK_OBJS) $(SAN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(PORT_INC) $(CONF_SHRINK_FLAGS) -Itests/conformance -o $@ $< $(CONF_HELPERS) \
	    $(SHRINK_OBJS) -lcmocka $(PORT_LIBS)

conformance-tests: $(CONF_BINS) $(CONF_SHRINK_BINS) $(CLI)
	@for t in $(CONF_BINS) $(CONF_SHRINK_BINS); do \
	    echo "== $$t"; DESKPROV=$(CLI) CORPUS=$(CORPUS) $$t || exit 1; \
	done

corpus-tests: $(CLI)
	CORPUS=$(CORPUS) ./tests/corpus/run.sh $(BUILD)

# Binary images: OpenSSL test PKI, deskprov image create/verify, one case per refusal.
$(BUILD)/tests/image_mutate: tests/image/mutate.c
	@mkdir -p $(dir $@)
	$(CC) $(STRICT_CFLAGS) -O1 -g -o $@ $< -lcrypto

$(BUILD)/tests/image_stream: tests/image/stream.c $(SAN_OBJS) $(SAN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) $(PORT_INC) -o $@ $< $(SAN_OBJS) $(PORT_LIBS)

image-tests: $(CLI) $(BUILD)/tests/image_mutate $(BUILD)/tests/image_stream
	./tests/image/run.sh $(BUILD)

dpgen-tests: $(DPGEN)
	./tests/dpgen/run.sh $(DPGEN)

emb-tests: runtime-clang runtime-arm
	BUILD=$(BUILD) ./tests/emb/run.sh

# The integration tests use deskprov and the same command with short timing limits (the
# limits of runtime/gen/config.h can each be set with -D): retry waits of 1-2 s, a 1 s rate
# window, a 5 s file deadline, so that the cases about waits and slow servers take seconds;
# and a resume point every 64 KiB, so that a 200 KB image download stores some.
IT_FAST_FLAGS  := -DDP_BACKOFF_BASE_S=1u -DDP_BACKOFF_CAP_S=2u -DDP_RETRY_ROUNDS=3u \
                  -DDP_RATE_WINDOW_S=1u -DDP_MIN_RATE_BPS=64u -DDP_FILE_DEADLINE_S=5u \
                  -DDP_CONNECT_TIMEOUT_S=2u -DDP_RESUME_CHECKPOINT=65536u
IT_FAST_OBJDIR := $(BUILD)/obj/it-fast
IT_FAST_OBJS   := $(patsubst %.c,$(IT_FAST_OBJDIR)/%.o,$(CLI_SRCS) $(RT_SRCS) $(PORT_SRCS))

$(IT_FAST_OBJDIR)/%.o: %.c $(RT_HDRS) $(wildcard cli/*.h runtime/port/posix/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(STRICT_CFLAGS) -O1 -g $(IT_FAST_FLAGS) $(if $(filter $<,$(RT_PARSERS)),$(LEMON_RELAX_CFLAGS)) \
	    -D_POSIX_C_SOURCE=200809L -Icli $(RUNTIME_INC) $(PORT_INC) -c $< -o $@

$(BUILD)/tests/deskprov-fast: $(IT_FAST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^ $(CLI_LIBS)

integration-tests: $(CLI) $(BUILD)/tests/deskprov-fast
	./tests/integration/run.sh $(BUILD)

req-trace:
	./scripts/req-trace.sh

tests: unit-tests conformance-tests corpus-tests image-tests dpgen-tests emb-tests dist-tests install-test integration-tests hostile-tests req-trace
