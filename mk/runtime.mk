# The embeddable runtime: runtime/core (hand-written, proven) and runtime/gen (generated,
# committed). Built three ways:
#   $(BUILD)/libdeskprov.a      host library, strict C99 flags (what tests and the CLI link)
#   runtime-clang               the same sources through clang, to catch what gcc lets pass
#   runtime-arm                 freestanding Cortex-M4 objects (REQ-EMB-001), whose undefined
#                               symbols are checked against an allow-list (REQ-EMB-002/003)

RT_SRCS     := $(sort $(wildcard runtime/core/*.c) $(wildcard runtime/gen/*.c))
# re2c and Lemon output is compiled with the one relaxation the Makefile allows (lempar.c).
RT_PARSERS  := $(filter %_parse.c,$(RT_SRCS))
RT_OBJDIR   := $(BUILD)/obj/runtime
RT_OBJS     := $(patsubst %.c,$(RT_OBJDIR)/%.o,$(RT_SRCS))
RT_HDRS     := $(wildcard runtime/include/*.h runtime/gen/*.h)
RT_CFLAGS   := $(STRICT_CFLAGS) $(OPT_CFLAGS) $(RUNTIME_INC)
LIBDESKPROV := $(BUILD)/libdeskprov.a

# The reference POSIX port (runtime/port/posix): OpenSSL crypto, sockets, files as flash.
PORT_SRCS   := $(sort $(wildcard runtime/port/posix/*.c))
PORT_OBJS   := $(patsubst %.c,$(RT_OBJDIR)/%.o,$(PORT_SRCS))
PORT_INC    := -Iruntime/port/posix
PORT_LIBS   := -lssl -lcrypto -pthread
LIBDESKPROV_POSIX := $(BUILD)/libdeskprov_posix.a

ALL_TARGETS += $(LIBDESKPROV) $(LIBDESKPROV_POSIX)

$(RT_OBJDIR)/runtime/port/%.o: runtime/port/%.c $(RT_HDRS) $(wildcard runtime/port/posix/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(RT_CFLAGS) $(PORT_INC) -D_POSIX_C_SOURCE=200809L -c $< -o $@

$(LIBDESKPROV_POSIX): $(PORT_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(RT_OBJDIR)/%.o: %.c $(RT_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(RT_CFLAGS) $(if $(filter $<,$(RT_PARSERS)),$(LEMON_RELAX_CFLAGS)) -c $< -o $@

$(LIBDESKPROV): $(RT_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

# ---- the same sources through clang and freestanding for Cortex-M4 ---------------------
ARM_CC     ?= arm-none-eabi-gcc
ARM_CFLAGS := $(STRICT_CFLAGS) -mcpu=cortex-m4 -mthumb -Os -ffreestanding -DNDEBUG $(RUNTIME_INC)
ARM_OBJDIR := $(BUILD)/obj/arm

.PHONY: runtime-clang runtime-arm
runtime-clang:
	@mkdir -p $(BUILD)/obj/clang
	@for f in $(RT_SRCS); do \
	    clang $(STRICT_CFLAGS) $(RUNTIME_INC) -O2 \
	        $$(case $$f in *_parse.c) echo $(LEMON_RELAX_CFLAGS);; esac) \
	        -c $$f -o $(BUILD)/obj/clang/$$(basename $$f .c).o || exit 1; \
	done
	@echo "runtime-clang: $(words $(RT_SRCS)) files compile warning-free with clang"

runtime-arm:
	@mkdir -p $(ARM_OBJDIR)
	@for f in $(RT_SRCS); do \
	    $(ARM_CC) $(ARM_CFLAGS) $$(case $$f in *_parse.c) echo $(LEMON_RELAX_CFLAGS);; esac) \
	        -c $$f -o $(ARM_OBJDIR)/$$(basename $$f .c).o || exit 1; \
	done
	@./scripts/check-symbols.sh arm-none-eabi-nm $(ARM_OBJDIR)/*.o
