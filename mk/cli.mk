# The deskprov command (cli/), linked against the runtime library.
CLI        := $(BUILD)/deskprov
CLI_SRCS   := $(sort $(wildcard cli/*.c))
CLI_OBJS   := $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRCS))
CLI_CFLAGS := $(STRICT_CFLAGS) $(OPT_CFLAGS) -D_POSIX_C_SOURCE=200809L -Icli $(RUNTIME_INC) $(PORT_INC)
CLI_LIBS   := $(PORT_LIBS)

ALL_TARGETS += $(CLI)

$(BUILD)/obj/cli/%.o: cli/%.c $(wildcard cli/*.h) $(RT_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CLI_CFLAGS) -c $< -o $@

$(CLI): $(CLI_OBJS) $(LIBDESKPROV) $(LIBDESKPROV_POSIX)
	$(CC) -o $@ $(CLI_OBJS) $(LIBDESKPROV_POSIX) $(LIBDESKPROV) $(LIBDESKPROV_POSIX) $(CLI_LIBS)
