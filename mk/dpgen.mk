# dpgen, the spec compiler (gen/), and the generation of everything derived from spec/.
#
# Generated and committed (DESIGN.md §4.2): runtime/gen/*, proofs/gen/*, and the docs/
# files listed in GEN_DOCS. `make gen` rewrites them; `make gen-check` regenerates into a
# temporary folder and fails on any difference.

DPGEN        := $(BUILD)/dpgen
DPGEN_OBJDIR := $(BUILD)/obj/dpgen
SPEC_FILES   := $(sort $(wildcard spec/*.spec)) spec/boot.fsm
DPGEN_SRCS   := $(wildcard gen/*.c) runtime/core/dp_value.c
DPGEN_OBJS   := $(patsubst %.c,$(DPGEN_OBJDIR)/%.o,$(DPGEN_SRCS)) \
                $(DPGEN_OBJDIR)/spec_parse.o $(DPGEN_OBJDIR)/spec_lex.o
DPGEN_CFLAGS := $(STRICT_CFLAGS) -O1 -g -D_POSIX_C_SOURCE=200809L \
                -Igen -Igrammar -I$(DPGEN_OBJDIR) -Iruntime/include

ALL_TARGETS += $(DPGEN)

# dpgen's own lexer and parser are built, not committed: dpgen is a host tool.
$(DPGEN_OBJDIR)/spec_parse.c $(DPGEN_OBJDIR)/spec_parse.h &: grammar/spec.y
	@mkdir -p $(DPGEN_OBJDIR)
	cp grammar/spec.y $(DPGEN_OBJDIR)/spec_parse.y
	cd $(DPGEN_OBJDIR) && lemon -l -q spec_parse.y
	@# lemon leaves an unchanged header alone: date it, or this rule runs every time
	touch $(DPGEN_OBJDIR)/spec_parse.h

$(DPGEN_OBJDIR)/spec_lex.c: grammar/spec.re $(DPGEN_OBJDIR)/spec_parse.h
	@mkdir -p $(DPGEN_OBJDIR)
	re2c -W -Werror --no-generation-date --no-version -i $< -o $@

$(DPGEN_OBJDIR)/spec_parse.o: $(DPGEN_OBJDIR)/spec_parse.c
	$(CC) $(DPGEN_CFLAGS) $(LEMON_RELAX_CFLAGS) -c $< -o $@

$(DPGEN_OBJDIR)/spec_lex.o: $(DPGEN_OBJDIR)/spec_lex.c
	$(CC) $(DPGEN_CFLAGS) -c $< -o $@

$(DPGEN_OBJDIR)/%.o: %.c gen/dpgen.h gen/out.h runtime/include/dp_value.h $(DPGEN_OBJDIR)/spec_parse.h
	@mkdir -p $(dir $@)
	$(CC) $(DPGEN_CFLAGS) -c $< -o $@

$(DPGEN): $(DPGEN_OBJS)
	$(CC) -o $@ $^

# ---- generation ----------------------------------------------------------------------
# GEN_ROOT is where outputs go: the repository for `make gen`, a scratch folder for
# gen-check. scripts/gen.sh runs dpgen, graphviz, and re2c/Lemon on the runtime grammars.
GEN_ROOT ?= .

.PHONY: gen gen-check
gen: $(DPGEN)
	./scripts/gen.sh $(DPGEN) $(GEN_ROOT)

gen-check: $(DPGEN)
	./scripts/gen-check.sh $(DPGEN)
