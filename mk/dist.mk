# The runtime drop for firmware teams (REQ-EMB-015) and its footprint on a phone CPU
# (REQ-EMB-010 .. 013):
#   make dist        $(BUILD)/dist/deskprov/: deskprov.c and deskprov.h (the amalgamation,
#                    scripts/amalgamate.py), dp_port_template.c, porting.md
#   make dist-tests  the drop holds the proven files verbatim and, between them, only what
#                    amalgamate.py writes (amalgamate.py --check); it
#                    builds alone with gcc and clang under the strict flags; the port template
#                    compiles; the minimal port of docs/porting.md runs against it (ASan,
#                    UBSan); built freestanding for Cortex-M4 with -fstack-usage and
#                    -fcallgraph-info, scripts/footprint.py reports code, data, context, the
#                    deepest stack path and recursion against the goals
#                    ($(BUILD)/dist/footprint.txt)

DIST_DIR   := $(BUILD)/dist/deskprov
DIST_ARM   := $(BUILD)/dist/arm
DIST_INPUT := $(RT_SRCS) $(RT_HDRS) $(wildcard runtime/core/*.h)
DIST_FILES := $(DIST_DIR)/deskprov.c $(DIST_DIR)/deskprov.h $(DIST_DIR)/dp_port_template.c \
              $(DIST_DIR)/porting.md

$(DIST_DIR)/deskprov.c $(DIST_DIR)/deskprov.h &: scripts/amalgamate.py $(DIST_INPUT)
	@python3 scripts/amalgamate.py $(DIST_DIR)

$(DIST_DIR)/dp_port_template.c: runtime/port/template/dp_port_template.c
	@mkdir -p $(@D)
	cp $< $@

$(DIST_DIR)/porting.md: docs/porting.md
	@mkdir -p $(@D)
	cp $< $@

.PHONY: dist dist-tests
dist: $(DIST_FILES)
	@echo "dist: $(DIST_DIR) ($$(wc -l < $(DIST_DIR)/deskprov.c) lines of C, $$(wc -l < $(DIST_DIR)/deskprov.h) of header)"

# The drop alone: no -I into the repository, so a missing file would show.
DIST_STRICT := -std=c99 -Wall -Wextra -Wconversion -Werror -pedantic -I$(DIST_DIR)

dist-tests: dist
	python3 scripts/amalgamate.py --check $(DIST_DIR)
	@mkdir -p $(BUILD)/dist/host $(DIST_ARM)
	$(CC) $(DIST_STRICT) -O2 -c $(DIST_DIR)/deskprov.c -o $(BUILD)/dist/host/deskprov.o
	clang $(DIST_STRICT) -O2 -c $(DIST_DIR)/deskprov.c -o $(BUILD)/dist/host/deskprov-clang.o
	$(CC) $(DIST_STRICT) -O2 -c $(DIST_DIR)/dp_port_template.c -o $(BUILD)/dist/host/template.o
	$(CC) $(DIST_STRICT) -D_POSIX_C_SOURCE=200809L -O1 -g $(SAN_FLAGS) \
	    tests/dist/minimal_port.c $(DIST_DIR)/deskprov.c $(DIST_DIR)/dp_port_template.c \
	    -o $(BUILD)/dist/host/minimal_port
	$(BUILD)/dist/host/minimal_port
	$(CC) $(DIST_STRICT) -O2 tests/dist/prog_size.c $(DIST_DIR)/deskprov.c \
	    runtime/port/template/dp_port_template.c -o $(BUILD)/dist/host/prog_size
	$(BUILD)/dist/host/prog_size $(sort $(wildcard $(CORPUS)/*.txt)) > $(BUILD)/dist/program-sizes.md
	@sed -n '/program-sizes: begin/,/program-sizes: end/p' docs/porting.md | grep '^| ' | tail -n +2 | \
	    diff -u - $(BUILD)/dist/program-sizes.md || \
	    { echo "dist-tests: docs/porting.md's program sizes differ from the measurement above"; exit 1; }
	@echo "dist-tests: the compiled programs of $(words $(wildcard $(CORPUS)/*.txt)) corpus files fit the budget, as docs/porting.md says; padded with comments, the same"
	cd $(DIST_ARM) && $(ARM_CC) $(DIST_STRICT:-I$(DIST_DIR)=-I$(abspath $(DIST_DIR))) \
	    -mcpu=cortex-m4 -mthumb -Os -ffreestanding -DNDEBUG -fstack-usage -fcallgraph-info=su \
	    -c $(abspath $(DIST_DIR))/deskprov.c -o deskprov.o
	printf 'char dp_sizeof_boot[sizeof(struct dp_boot)];\nchar dp_sizeof_params[sizeof(struct dp_params)];\nchar dp_sizeof_stmt[sizeof(struct dp_stmt)];\n' \
	    > $(DIST_ARM)/sizes.c
	$(ARM_CC) -std=c99 -mcpu=cortex-m4 -mthumb -Os -ffreestanding -I$(DIST_DIR) -include deskprov.h \
	    -c $(DIST_ARM)/sizes.c -o $(DIST_ARM)/sizes.o
	arm-none-eabi-size -A $(DIST_ARM)/deskprov.o > $(DIST_ARM)/size.txt
	arm-none-eabi-nm -S -t d $(DIST_ARM)/sizes.o > $(DIST_ARM)/sizes.txt
	./scripts/footprint.py $(DIST_ARM)/size.txt $(DIST_ARM)/deskprov.ci $(DIST_ARM)/sizes.txt \
	    $(BUILD)/dist/footprint.txt tests/dist/footprint-met
