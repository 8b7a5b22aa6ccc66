# The hostile file server tests (issue 6, tests/hostile/):
#   hostile-tests  a provisioned phone (deskprov boot) against tests/hostile/server.c, one boot
#                  per scenario (slow-loris, endless heads and bodies, bad framing, redirect
#                  loops, 1xx floods, 5xx storms, bad TLS certificates, AUTH downgrades,
#                  hostile images and scripts, 100 MB settings files...), each asserting the
#                  error, a bounded time and memory and an unchanged flash; plus the power-cut
#                  and interrupted-download cases of the integration tests. It writes
#                  $(BUILD)/hostile/robustness.md and fails when docs/robustness.md differs.
#   hostile-doc    the same run, then copies the table it wrote to docs/robustness.md

HOSTILE_SERVER  := $(BUILD)/tests/hostile-server
HOSTILE_MEASURE := $(BUILD)/tests/hostile-measure

$(HOSTILE_SERVER): tests/hostile/server.c
	@mkdir -p $(dir $@)
	$(CC) $(STRICT_CFLAGS) -O1 -g -o $@ $< -lssl -lcrypto

$(HOSTILE_MEASURE): tests/hostile/measure.c
	@mkdir -p $(dir $@)
	$(CC) $(STRICT_CFLAGS) -O1 -g -o $@ $<

.PHONY: hostile-tests hostile-doc hostile-run
hostile-run: $(CLI) $(BUILD)/tests/deskprov-fast $(HOSTILE_SERVER) $(HOSTILE_MEASURE)
	./tests/hostile/run.sh $(BUILD)

hostile-tests: hostile-run
	@diff -u docs/robustness.md $(BUILD)/hostile/robustness.md || \
	    { echo "hostile-tests: docs/robustness.md differs from what the run wrote (make hostile-doc updates it)"; exit 1; }

hostile-doc: hostile-run
	cp $(BUILD)/hostile/robustness.md docs/robustness.md
