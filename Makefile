# mlm — build, test and run. `make run` and `make check` are the two commands README gives;
# both first run `make deps`, which installs only the Debian packages that are missing.

CC       := gcc
BUILD    ?= build
SAN      ?=
OPT      ?= -O2
DEB_PACKAGES := gcc make re2c lemon libreadline-dev check pkg-config \
                libopenblas-dev liblapacke-dev libsleef3 valgrind tmux \
                r-mathlib libgsl-dev
SUDO     := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

PKGS     := openblas lapacke
WARN     := -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wno-unused-parameter \
            -Wno-missing-field-initializers
# A position-dependent executable: with PIE the loader relocates every pointer in the builtin
# tables and help text at each start (2,281 relocations against 234); -no-pie measured
# 2.15 against 2.34 ms from exec to main, 3.46 against 3.66 ms for `mlm -e 1+1` (400 runs,
# a posix_spawn launcher reading timestamps mlm printed, idle machine).
CFLAGS   := -std=c11 $(OPT) -g $(WARN) -Werror -fno-math-errno -fno-pie $(SAN)
LDFLAGS  := -no-pie
# OpenBLAS and LAPACKE are loaded on first use (src/blas_loader.c), not linked: linking
# them costs ~8 ms at every start.
OPENBLAS_SO := $(shell pkg-config --variable=libdir openblas 2>/dev/null)/libopenblas.so.0
CPPFLAGS := -D_GNU_SOURCE -Isrc -I$(BUILD)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -DMLM_OPENBLAS_SO='"$(OPENBLAS_SO)"'
# Readline and its terminfo library are linked statically (Debian ships libreadline.a and
# libtinfo.a): two fewer shared objects to load and relocate saved ~1.3 ms of user time per
# start (hyperfine, `mlm -e 1+1`, 400 runs).
LDLIBS   := -Wl,-Bstatic -lreadline -ltinfo -lRmath -lgsl -lgslcblas -Wl,-Bdynamic -ldl -lpthread -lmvec -lm
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell pkg-config --libs check 2>/dev/null)

SRC      := $(sort $(wildcard src/*.c))
GEN      := $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c $(BUILD)/gen/prelude.c
OBJ      := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRC)) \
            $(patsubst $(BUILD)/gen/%.c,$(BUILD)/obj/gen_%.o,$(GEN))
LIB_OBJ  := $(filter-out $(BUILD)/obj/main.o,$(OBJ))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_OBJ := $(patsubst tests/unit/%.c,$(BUILD)/obj/unit_%.o,$(UNIT_SRC) tests/unit/runner.c)

.PHONY: all deps run check test unit scripts errors output asan valgrind clean bench install uninstall man
.DELETE_ON_ERROR:

all: $(BUILD)/mlm

# $(call install_missing,PACKAGES,TARGET): installs with apt-get only the Debian packages of
# PACKAGES that dpkg does not list as installed (make deps, bench and fuzz share it).
install_missing = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make $(2): installing$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

deps:
	@$(call install_missing,$(DEB_PACKAGES),deps)

run: deps
	@$(MAKE) --no-print-directory all
	@$(BUILD)/mlm

$(BUILD)/gen/lexer.c: grammar/lexer.re $(BUILD)/gen/parser.c Makefile
	@mkdir -p $(@D)
	re2c -8 --input-encoding utf8 -W -Werror --no-generation-date --no-version -o $@ $<

# Lemon exits non-zero on grammar conflicts: a conflict fails the build.
$(BUILD)/gen/parser.c: grammar/parser.y
	@mkdir -p $(@D)
	cp grammar/parser.y $(BUILD)/gen/parser.y
	lemon -q -s -T/usr/share/lemon/lempar.c -d$(BUILD)/gen $(BUILD)/gen/parser.y
	@rm -f $(BUILD)/gen/parser.out

$(BUILD)/gen/prelude.c: stdlib/prelude.mlm tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh mlm_prelude_source stdlib/prelude.mlm > $@

$(BUILD)/gen/suites.h: $(UNIT_SRC)
	@mkdir -p $(@D)
	sed -n 's/^Suite \*\([a-z0-9_]*_suite\)(void).*/X(\1)/p' $(UNIT_SRC) > $@

$(BUILD)/obj/%.o: src/%.c $(BUILD)/gen/parser.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/obj/gen_%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-unused-variable -Wno-missing-prototypes -Wno-unused-but-set-variable -MMD -MP -c -o $@ $<

$(BUILD)/obj/unit_%.o: tests/unit/%.c $(BUILD)/gen/suites.h $(BUILD)/gen/parser.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CHECK_CFLAGS) $(CFLAGS) -Wno-missing-prototypes -MMD -MP -c -o $@ $<

$(BUILD)/mlm: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit: $(LIB_OBJ) $(UNIT_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS)

-include $(wildcard $(BUILD)/obj/*.d)

unit: $(BUILD)/unit
	@$(BUILD)/unit

errors: $(BUILD)/mlm
	@sh tests/run-errors.sh $(BUILD)/mlm

# Golden output: tests/output/NAME.mlm must print exactly NAME.out (tests/run-output.sh).
output: $(BUILD)/mlm
	@sh tests/run-output.sh $(BUILD)/mlm

scripts: $(BUILD)/mlm
	@$(BUILD)/mlm --check tests/scripts/*.mlm samples/*.mlm samples/roadmap/*.mlm samples/exercises/*.mlm

# Everything once, quietly, under AddressSanitizer + UBSan (separate objects in build/asan).
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  build/asan/mlm build/asan/unit >/dev/null
	@echo "asan+ubsan: unit tests, error tests and scripts"
	@ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 CK_VERBOSITY=silent build/asan/unit >/tmp/mlm-asan-unit.log 2>&1 \
	  || { cat /tmp/mlm-asan-unit.log; exit 1; }
	@ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 SKIP=asan-skip sh tests/run-errors.sh build/asan/mlm >/tmp/mlm-asan-errors.log 2>&1 \
	  || { cat /tmp/mlm-asan-errors.log; exit 1; }
	@ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 build/asan/mlm --check tests/scripts/*.mlm samples/*.mlm samples/roadmap/*.mlm samples/exercises/*.mlm \
	  >/tmp/mlm-asan-scripts.log 2>&1 || { cat /tmp/mlm-asan-scripts.log; exit 1; }
	@echo "asan+ubsan: clean"

test: asan valgrind errors output repl-test unit scripts

check: deps
	@$(MAKE) --no-print-directory all $(BUILD)/unit
	@$(MAKE) --no-print-directory test

# make install [PREFIX=/usr/local] [DESTDIR=…]: the binary and mlm(1), written by mlm --man from
# the same tables as help; make uninstall removes both.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
MANDIR  := $(PREFIX)/share/man/man1

man: $(BUILD)/mlm.1
$(BUILD)/mlm.1: $(BUILD)/mlm
	$(BUILD)/mlm --man > $@

install: $(BUILD)/mlm $(BUILD)/mlm.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	install -m 755 $(BUILD)/mlm $(DESTDIR)$(BINDIR)/mlm
	install -m 644 $(BUILD)/mlm.1 $(DESTDIR)$(MANDIR)/mlm.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mlm $(DESTDIR)$(MANDIR)/mlm.1

clean:
	rm -rf build

# Workloads W1–W8 (../shared/bench/WORKLOADS.md) for mlm beside NumPy, Lua 5.4 and C; writes
# bench/results.md. Never part of `make check`. QUICK=1: 3 runs instead of 10, same workloads.
# bench/timeit.c is the launcher that measures each run (wall time, peak RSS).
BENCH_PACKAGES := python3-numpy python3-scipy lua5.4 libopenblas-dev liblapacke-dev

bench: deps
	@$(call install_missing,$(BENCH_PACKAGES),bench)
	@$(MAKE) --no-print-directory all
	@mkdir -p $(BUILD)/bench
	@for f in bench/timeit.c bench/peers/*.c; do \
	  $(CC) -std=c11 -O2 -Wall -Wextra -o $(BUILD)/bench/$$(basename $$f .c) $$f \
	    $$(pkg-config --cflags --libs openblas lapacke) -lm || exit 1; \
	done
	@$(CC) -std=c11 -O2 -Wall -Wextra -o $(BUILD)/bench/repl-startup tests/repl/startup.c -lutil
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/run.py $(if $(QUICK),--quick)

# {===================== robustness: libFuzzer harnesses and valgrind (tests/fuzz/README.md)
# `make fuzz` builds tests/fuzz/fuzz_{parse,eval,csv}.c with clang's libFuzzer, ASan and UBSan
# into build/fuzz/ and runs each for FUZZ_SECONDS; `make valgrind` runs every script, error
# test and the unit tests under memcheck. Neither needs the other's build. To fuzz past a
# known finding, build elsewhere with a check turned off:
#   make fuzz BUILD=build/fz FUZZ_SAN="-fsanitize=address,undefined -fno-sanitize=nonnull-attribute"
FUZZ_SECONDS  ?= 60
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_SAN      ?= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS   := -std=c11 -O1 -g -fno-math-errno -fno-omit-frame-pointer $(FUZZ_SAN)
# No target_clones any more (src/cpu.h says why), so clang builds the same three kernel copies.
FUZZ_CPPFLAGS := $(CPPFLAGS)
FUZZ_OBJ      := $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(filter-out src/main.c src/repl.c,$(SRC))) \
                 $(patsubst $(BUILD)/gen/%.c,$(FUZZ_DIR)/obj/gen_%.o,$(GEN))

$(FUZZ_DIR)/obj/%.o: src/%.c $(BUILD)/gen/parser.c
	@mkdir -p $(@D)
	clang $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/obj/gen_%.o: $(BUILD)/gen/%.c
	@mkdir -p $(@D)
	clang $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

# The harnesses (tests/fuzz/fuzz_NAME.c). Those that run programs link tests/fuzz/sandbox.c and
# wrap file_read and csv_read_file (import and load() cannot reach outside their working
# directory), csv_write_file and plot_svg (save() and SVG plots write nothing).
FUZZ_HARNESSES := parse eval entries csv
FUZZ_SANDBOXED := fuzz_eval fuzz_entries
FUZZ_WRAPS      = -Wl$(comma)--wrap=file_read$(comma)--wrap=csv_read_file$(comma)--wrap=csv_write_file$(comma)--wrap=plot_svg
$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/sandbox.c $(FUZZ_OBJ)
	clang $(FUZZ_CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) \
	  $(if $(filter $(FUZZ_SANDBOXED),$(@F)),tests/fuzz/sandbox.c $(FUZZ_WRAPS)) $(LDLIBS)

comma := ,
.SECONDARY: $(FUZZ_OBJ)
-include $(wildcard $(FUZZ_DIR)/obj/*.d)

.PHONY: fuzz
fuzz:
	@$(call install_missing,$(FUZZ_PACKAGES),fuzz)
	@$(MAKE) --no-print-directory $(GEN)
	@$(MAKE) --no-print-directory $(patsubst %,$(FUZZ_DIR)/fuzz_%,$(FUZZ_HARNESSES)) >$(BUILD)/fuzz-build.log 2>&1 \
	  || { cat $(BUILD)/fuzz-build.log; exit 1; }
	@sh tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

# Every script, sample and error test, then the unit tests (CK_FORK=no), under memcheck:
# zero errors and zero definite leaks (tests/valgrind.sh).
valgrind: $(BUILD)/mlm $(BUILD)/unit
	@sh tests/valgrind.sh $(BUILD)/mlm $(BUILD)/unit

# The prompt in a real terminal: tests/repl/run.sh types into build/mlm inside a private
# tmux server and checks the screen (completion, \Sigma, `...`, carets, Ctrl-C, history).
.PHONY: repl-test
repl-test: $(BUILD)/mlm
	@sh tests/repl/run.sh $(BUILD)/mlm
	@sh tests/repl/exercises.sh $(BUILD)/mlm
