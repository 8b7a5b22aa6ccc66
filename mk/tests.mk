# Tests that run in `make check` besides proofs and fuzz-smoke:
#   unit-tests   cmocka tests of runtime/core and runtime/gen (tests/unit/test_*.c), built
#                with ASan+UBSan and linked against the runtime sources
#   dpgen-tests  every bad spec is refused at the right place (tests/dpgen/run.sh)
#   emb-tests    the runtime builds with clang and freestanding for Cortex-M4, and calls no
#                allocator or I/O (REQ-EMB-001..003)
#   req-trace    which REQ lines of spec/requirements.md the tests name

UNIT_SRCS    := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS    := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))
SAN_FLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
UNIT_CFLAGS  := $(STRICT_CFLAGS) -O1 -g $(SAN_FLAGS) $(RUNTIME_INC) -D_POSIX_C_SOURCE=200809L

$(BUILD)/tests/%: tests/unit/%.c $(RT_SRCS) $(RT_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -o $@ $< $(RT_SRCS) -lcmocka

.PHONY: unit-tests dpgen-tests emb-tests req-trace tests
unit-tests: $(UNIT_BINS)
	@for t in $(UNIT_BINS); do echo "== $$t"; $$t || exit 1; done

dpgen-tests: $(DPGEN)
	./tests/dpgen/run.sh $(DPGEN)

emb-tests: runtime-clang runtime-arm
	./tests/emb/run.sh

req-trace:
	./scripts/req-trace.sh

tests: unit-tests dpgen-tests emb-tests req-trace
