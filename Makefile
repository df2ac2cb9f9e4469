# flank: build, test and benchmark. Every source list lives here.
#
#   make            build build/flank (installs missing Debian packages first
#                   when run as root: scripts/install-deps.sh)
#   make demo       ingest the sample corpus, run a search and show a document
#   make test       unit + CLI tests, plain and under ASan+UBSan
#   make bench      ingest and search benchmarks (writes bench/README.md figures)
#   make bench-serve  wrk against flank serve (bench/serve.sh)
#   make bench-claims claim F1 per half of the dev passages, seeds, speakers
#   make install    build/flank into $(DESTDIR)$(PREFIX)/bin, its data, pack
#                   and web UI into $(DESTDIR)$(PREFIX)/share/flank, where the
#                   installed binary looks for them (lib/data.c)

BUILD   ?= build
CC      ?= cc
# libmicrohttpd is compiled against but not linked: `flank serve` opens it
# (server/mhd_dl.c), so that other commands do not load it and its dozen
# dependencies at start; libcurl, libxml2 and poppler-glib likewise,
# opened by the commands that fetch or read a PDF (lib/dl.h).
LINK_PKGS = sqlite3 gumbo libutf8proc jansson zlib nettle
PKGS     = $(LINK_PKGS) libmicrohttpd libcurl libxml-2.0 poppler-glib
WARN     = -std=c11 -Wall -Wextra -Wstrict-prototypes -pedantic -Werror
OPT     ?= -O2 -g
SAN     ?=
DATADIR ?= $(CURDIR)/data
WEBDIR  ?= $(CURDIR)/web
# The generated part of the knowledge pack (iso-codes countries, geonames
# cities): made by scripts/gen-pack.py into the build folder.
PACKDIR ?= $(CURDIR)/$(BUILD)/pack
GENPACK  = $(BUILD)/pack/countries.tsv
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib \
            -DFL_DATADIR='"$(DATADIR)"' -DFL_PACKDIR='"$(PACKDIR)"' \
            -DFL_WEBDIR='"$(WEBDIR)"'
# pkg-config is asked when a recipe first needs its answer, once: every
# compile, link and generation waits for `deps` (an order-only
# prerequisite), since on a fresh machine the packages' .pc files appear
# only while scripts/install-deps.sh runs (tests/cli/t0010-fresh-build.sh).
pkg_query   = $(shell pkg-config --$(1) $(2) 2>/dev/null)
PKG_CFLAGS  = $(eval PKG_CFLAGS := $$(call pkg_query,cflags,$(PKGS)))$(PKG_CFLAGS)
PKG_LIBS    = $(eval PKG_LIBS := $$(call pkg_query,libs,$(LINK_PKGS)))$(PKG_LIBS)
CFLAGS  += $(WARN) $(OPT) $(SAN) $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -lpthread
LDFLAGS += $(SAN)

LIB_SRC  = $(sort $(wildcard lib/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c) $(wildcard server/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test test-plain test-san test-programs check-style bench bench-entities clean install

all: deps $(BUILD)/flank $(GENPACK)

deps:
	@scripts/install-deps.sh

$(BUILD)/libflank.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(BUILD)/flank: $(CLI_OBJ) $(BUILD)/libflank.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard include/flank/*.h lib/*.h cli/*.h server/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libflank.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< \
	    $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS) $(shell pkg-config --libs cmocka)

$(GENPACK): scripts/gen-pack.py $(wildcard data/pack/entities/*.tsv) | deps
	@mkdir -p $(dir $@)
	python3 scripts/gen-pack.py data/pack $(dir $@)

demo: all
	@scripts/demo.sh $(BUILD)/flank

# The test command of README and CI: the suite twice, plain and sanitized.
test: deps check-style
	@$(MAKE) --no-print-directory test-plain test-san fuzz-build >/dev/null
	@FUZZ_SMOKE_SECONDS=$(FUZZ_SMOKE_SECONDS) tests/run.sh build build-san

test-plain:
	@$(MAKE) --no-print-directory BUILD=build test-programs

test-san:
	@$(MAKE) --no-print-directory BUILD=build-san OPT='-O1 -g' \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    test-programs

test-programs: $(BUILD)/flank $(TESTS) $(GENPACK)

check-style:
	@scripts/check-style.sh

bench: all
	@bench/run.sh $(BUILD)/flank

# Exports (issue 22): every format over 5,000 and 20,000 documents, time
# and peak memory (bench/export.sh).
bench-export: all
	@bench/export.sh $(BUILD)/flank
.PHONY: bench-export

# The intake (issue 19): feed + page throughput on loopback, a 100-page
# PDF's text (bench/intake.sh).
bench-intake: all
	@bench/intake.sh $(BUILD)/flank
.PHONY: bench-intake

# The HTTP server (issue 7): wrk on /api/search against a static file.
bench-serve: all
	@bench/serve.sh $(BUILD)/flank
.PHONY: bench-serve

clean:
	rm -rf build build-san build-fuzz

# PREFIX/bin/flank finds PREFIX/share/flank/{data,pack,web} beside it.
PREFIX ?= /usr/local
SHARE   = $(DESTDIR)$(PREFIX)/share/flank
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(SHARE)
	install -m 755 $(BUILD)/flank $(DESTDIR)$(PREFIX)/bin/flank
	rm -rf $(SHARE)/data $(SHARE)/pack $(SHARE)/web
	cp -R data $(SHARE)/data
	cp -R $(BUILD)/pack $(SHARE)/pack
	cp -R web $(SHARE)/web
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; \
	  *) echo "flank: installed in $(PREFIX)/bin, which is not on your PATH:" \
	          "export PATH=$(PREFIX)/bin:\$$PATH" ;; esac

# Dates, relations and claims against the seeds' gold (bench/relations/).
bench-relations: $(BUILD)/flank $(BUILD)/bench/relations/throughput $(GENPACK)
	@bench/relations/run.sh $(BUILD)/flank $(BUILD)/bench/relations/throughput $(BUILD)/bench/relations/out

$(BUILD)/bench/relations/throughput: bench/relations/throughput.c $(BUILD)/libflank.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS)
.PHONY: bench-relations

# Claims (issue 23): claim F1 on each half of the development passages and
# on the seeds, and how many quotes have the right speaker (bench/claims/).
bench-claims: $(BUILD)/flank $(GENPACK)
	@bench/claims/run.sh $(BUILD)/flank
.PHONY: bench-claims

# Entity linking (issue 5): flank's matcher against grep -F -o -w -i on the
# same >= 100 MB and alias list, and entity F1 on the seeds.
$(BUILD)/bench/entities: bench/entities/entities.c $(BUILD)/libflank.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS)

bench-entities: $(BUILD)/bench/entities $(GENPACK)
	@bench/entities/run.sh $(BUILD)/bench/entities

# Fuzzing: one libFuzzer target per parser, tests/fuzz/fuzz_NAME.c, linked
# with the library built once under ASan+UBSan (build-fuzz/libflank.a):
# `make fuzz-NAME` runs it for FUZZ_SECONDS (extract: HTML and text
# extraction; pipeline: bytes to the annotation document; query: the search
# syntax; pack: knowledge-pack files, seeded with the project's own pack;
# import: `flank import` files, seeded with an export, tests/fuzz/seeds).
# `make test` builds every target and runs each for FUZZ_SMOKE_SECONDS
# (tests/fuzz/smoke.sh), so that none can rot unseen.
.PHONY: bench-extract fuzz-build
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_TARGETS = $(sort $(patsubst tests/fuzz/fuzz_%.c,build-fuzz/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_CFLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
              $(CPPFLAGS) $(WARN) $(PKG_CFLAGS)

build-fuzz/lib/%.o: lib/%.c $(wildcard include/flank/*.h lib/*.h)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

build-fuzz/libflank.a: $(LIB_SRC:%.c=build-fuzz/%.o)
	$(AR) rcs $@ $^

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c build-fuzz/libflank.a $(GENPACK)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< build-fuzz/libflank.a $(PKG_LIBS) -lm -lpthread

fuzz-build: $(FUZZ_TARGETS)

fuzz-%: build-fuzz/fuzz_%
	@tests/fuzz/smoke.sh $(FUZZ_SECONDS) $*

# The parser's model (issue 16): trained from the treebank in data/ud/
# (tools/train_parse.c), written to data/model/ (docs/internals/parse.md).
MODEL = data/model/parse-en_ewt.bin.gz
UD    = data/ud/en_ewt-ud
.PHONY: model
$(BUILD)/tools/train_parse: tools/train_parse.c $(BUILD)/libflank.a lib/parse_int.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS)

model: $(BUILD)/tools/train_parse
	$(BUILD)/tools/train_parse $(UD)-train.conllu.gz $(UD)-dev.conllu.gz $(UD)-test.conllu.gz $(MODEL)

# The parser's figures (issue 16): accuracy on the test file with gold
# tokens, speed on one core, load time, memory (bench/README.md).
.PHONY: bench-parse
$(BUILD)/bench/parse/bench_parse: bench/parse/bench_parse.c $(BUILD)/libflank.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS)

bench-parse: $(BUILD)/bench/parse/bench_parse
	@echo "bench-parse: $$(uname -m), $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
	@echo "command: $(BUILD)/bench/parse/bench_parse $(MODEL) $(UD)-test.conllu.gz"
	@$(BUILD)/bench/parse/bench_parse $(MODEL) $(UD)-test.conllu.gz

bench-extract: $(BUILD)/libflank.a
	@bench/extract/run.sh $(BUILD)
