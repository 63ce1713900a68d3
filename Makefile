# dvht - one Makefile for build, tests, install, lint and benchmark.
# Dependencies come from Debian; tools/install-deps installs what is missing.

PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/dvht
DOCDIR   = $(PREFIX)/share/doc/dvht

CC      ?= cc
PKGS     = lua5.4 xlsxwriter minizip expat libutf8proc
# CFLAGS is the user's (optimisation, sanitizers); the language and warning
# flags are always added, also when CFLAGS is given on the command line.
CFLAGS  ?= -O2 -g
STD_FLAGS = -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -pthread
ALL_CFLAGS = $(STD_FLAGS) $(CFLAGS)
CPPFLAGS += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -l:liblua5.4-filesystem.so.0 -lm -pthread

BUILD   ?= build
SRCS     = $(wildcard src/*.c)
OBJS     = $(SRCS:src/%.c=$(BUILD)/obj/%.o)
LIBOBJS  = $(filter-out $(BUILD)/obj/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

all:

.PHONY: all deps demo test test-fast test-asan test-valgrind install uninstall \
        format lint bench fuzz fuzz-build clean unit

deps:
	@tools/install-deps

BIN ?= dvht
all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) | $(BUILD)/obj
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBOBJS) | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIBOBJS) $(LDLIBS)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

unit: $(UNIT_BINS)

# unit tests of a sanitizer build (make BUILD=build-asan unit-asan)
unit-asan: $(UNIT_BINS)

# The main job: assess the bundled example district with the bundled plan.
demo: deps
	@$(MAKE) -s all
	@mkdir -p ket-qua-vi-du
	./dvht assess -o ket-qua-vi-du/tong-hop.xlsx --csv ket-qua-vi-du/ket-qua.csv examples/quan-mau/don-vi.csv; \
	  rc=$$?; [ $$rc -le 1 ] || exit $$rc

# Every test: C unit tests, plan tests, end-to-end tests; then the same
# under ASan+UBSan and the end-to-end tests under valgrind.
test:
	@tools/install-deps --test
	@$(MAKE) -s all unit
	@tests/run-all

test-fast: all unit
	@DVHT_SKIP_SLOW=1 tests/run-all

clean:
	rm -rf $(BUILD) dvht ket-qua-vi-du

-include $(OBJS:.o=.d)

# --- install -----------------------------------------------------------------
# The binary finds PREFIX/share/dvht/{lua,rules} relative to itself.
install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)/lua/dvht $(DESTDIR)$(SHAREDIR)/rules \
	  $(DESTDIR)$(SHAREDIR)/scripts $(DESTDIR)$(DOCDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/dvht
	install -m 644 src/lua/dvht/*.lua $(DESTDIR)$(SHAREDIR)/lua/dvht/
	cp -R rules/. $(DESTDIR)$(SHAREDIR)/rules/
	-cp scripts/*.lua $(DESTDIR)$(SHAREDIR)/scripts/ 2>/dev/null
	cp -R docs/. $(DESTDIR)$(DOCDIR)/
	install -m 644 README.md CHANGELOG.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -rf $(DESTDIR)$(BINDIR)/dvht $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(DOCDIR)

# --- habits ------------------------------------------------------------------
C_FILES = $(wildcard src/*.c src/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h)

format:
	clang-format -i $(C_FILES)

# make lint: cppcheck, then clang-tidy (.clang-tidy; our headers too) with one
# process per file, LINT_JOBS at a time, largest file first (it takes longest);
# fails on any finding. One file per process: clang-tidy 14 given several files
# carries analyzer state from one to the next and reports va_list misuse that
# is not there.
LINT_SRCS ?= $(shell ls -S src/*.c)
LINT_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
TIDY_ARGS  = -std=c11 -D_POSIX_C_SOURCE=200809L $(CPPFLAGS) -Isrc

lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem -j $(LINT_JOBS) -I src $(LINT_SRCS)
	@echo clang-tidy $(LINT_SRCS)
	@printf '%s\n' $(LINT_SRCS) | xargs -P $(LINT_JOBS) -I{} sh -c \
	  'out=$$(clang-tidy --quiet --header-filter="src/[a-z_]*\.h" {} -- $(TIDY_ARGS) 2>&1); \
	   rc=$$?; printf "%s\n" "$$out" | grep -v -e "warnings* generated\." -e "^$$"; exit $$rc'

# --- benchmark and fuzzing (neither is part of `make test`) ------------------
# make bench: city-scale timing against the floors and a Python job (bench/run.sh).
bench: all
	@sh bench/run.sh

# make fuzz [FUZZ_TIME=seconds per target]: libFuzzer (clang) targets for the
# CSV reader, the XLSX reader and the plan loader, with ASan+UBSan, each run
# for a bounded time from the seed corpora in tests/fuzz/corpus/.
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
FUZZ_FLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=undefined -std=c11 -D_POSIX_C_SOURCE=200809L \
              -DDVHT_SRC_ROOT='"$(CURDIR)"'
FUZZ_SRCS   = $(filter-out src/main.c,$(SRCS))
FUZZ_BINS   = $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

build-fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_common.h tests/fuzz/fuzz_prefetch.h $(FUZZ_SRCS) $(wildcard src/*.h)
	@mkdir -p build-fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) -Isrc -o $@ $< $(FUZZ_SRCS) $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_TIME)
