# deskprov: the one entry point for everything.
#
#   make             build the runtime library, the deskprov command and dpgen
#   make check       every test: unit, conformance, gen-check, fuzz-smoke, integration, and
#                    the proofs replaying the committed prover answers (make proofs-check)
#   make gen         regenerate runtime/gen, proofs/gen and the generated docs from spec/
#   make gen-check   fail when the committed generated files differ from what spec/ gives
#   make proofs      Frama-C (RTE, EVA, WP) on the runtime and SPIN on the flow model, every
#                    goal sent to the provers; writes proofs/REPORT.md and proofs/wp-cache.txt
#   make fuzz-smoke  build the libFuzzer targets with ASan+UBSan, run each briefly on its seeds
#   make dist        the runtime drop for firmware teams (amalgamation, port template)
#   make install     the command, libraries, headers, pkg-config files, man page (PREFIX, DESTDIR)
#   make deps        install the Debian 12 packages the project needs (apt-get)
#   make demo        the main job on the shipped example files
#   make clean       remove build outputs
#
# Each area keeps its rules in mk/<area>.mk; this file holds what they share.

.DEFAULT_GOAL := all
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

BUILD   ?= build
CC      ?= gcc
AR      ?= ar
PREFIX  ?= /usr/local
NPROC   := $(shell nproc 2>/dev/null || echo 2)

# Project code compiles warning-free under these flags (C99, -pedantic, -Wconversion).
STRICT_CFLAGS := -std=c99 -Wall -Wextra -Wconversion -Werror -pedantic
OPT_CFLAGS    ?= -O2 -g
# The one place where generated third-party templates get relaxed flags: Lemon's parser
# template (lempar.c) declares parameters it does not always use. Nothing else is relaxed.
LEMON_RELAX_CFLAGS := -Wno-unused-parameter

RUNTIME_INC := -Iruntime/include -Iruntime/gen -Iruntime/core

include mk/dpgen.mk
include mk/runtime.mk
include mk/cli.mk
include mk/tests.mk
include mk/hostile.mk
include mk/proofs.mk
include mk/fuzz.mk
include mk/bench.mk
include mk/dist.mk
include mk/install.mk

.PHONY: all check deps demo clean
all: $(ALL_TARGETS)

# The README's test command: everything that can fail, in the order a failure is cheapest.
check: all
	$(MAKE) --no-print-directory gen-check
	$(MAKE) --no-print-directory tests
	$(MAKE) --no-print-directory fuzz-smoke
	$(MAKE) --no-print-directory fuzz-oss-test
	$(MAKE) --no-print-directory proofs-check
	@echo "make check: all passed"

deps:
	./scripts/deps.sh

demo: $(DPGEN) $(CLI)
	BUILD=$(BUILD) ./scripts/demo.sh

clean:
	rm -rf $(BUILD)
