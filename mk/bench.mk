# Benchmarks (bench/): each measured against a real baseline in the same run.
BENCH_BINS := $(BUILD)/bench/bench_script $(BUILD)/bench/peak_rss
BENCH_CFLAGS := $(STRICT_CFLAGS) -O2 -DNDEBUG -D_POSIX_C_SOURCE=200809L $(RUNTIME_INC)

# peak_rss measures another process: it links nothing of the runtime
$(BUILD)/bench/peak_rss: bench/peak_rss.c
	@mkdir -p $(dir $@)
	$(CC) $(STRICT_CFLAGS) -O2 -D_DEFAULT_SOURCE -o $@ $<

$(BUILD)/bench/%: bench/%.c $(RT_SRCS) $(RT_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) $(PORT_INC) -o $@ $< $(RT_SRCS) $(PORT_SRCS) $(PORT_LIBS)

.PHONY: bench
bench: $(BENCH_BINS) $(CLI)
	./bench/run.sh $(BUILD)
