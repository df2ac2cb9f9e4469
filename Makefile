# flank: build, test and benchmark. Every source list lives here.
#
#   make            build build/flank (installs missing Debian packages first
#                   when run as root: scripts/install-deps.sh)
#   make demo       ingest the sample corpus, run a search and show a document
#   make test       unit + CLI tests, plain and under ASan+UBSan
#   make bench      ingest and search benchmarks (writes bench/README.md figures)

BUILD   ?= build
CC      ?= cc
PKGS     = sqlite3 gumbo libutf8proc jansson zlib libcrypto libmicrohttpd
WARN     = -std=c11 -Wall -Wextra -Wstrict-prototypes -pedantic -Werror
OPT     ?= -O2 -g
SAN     ?=
DATADIR ?= $(CURDIR)/data
WEBDIR  ?= $(CURDIR)/web
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib \
            -DFL_DATADIR='"$(DATADIR)"' -DFL_WEBDIR='"$(WEBDIR)"'
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += $(WARN) $(OPT) $(SAN) $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lm -lpthread
LDFLAGS += $(SAN)

LIB_SRC  = $(sort $(wildcard lib/*.c))
CLI_SRC  = $(sort $(wildcard cli/*.c) $(wildcard server/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))

LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo test test-plain test-san test-programs check-style bench clean

all: deps $(BUILD)/flank

deps:
	@scripts/install-deps.sh

$(BUILD)/libflank.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(BUILD)/flank: $(CLI_OBJ) $(BUILD)/libflank.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c $(wildcard include/flank/*.h lib/*.h cli/*.h server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libflank.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ $< \
	    $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS) $(shell pkg-config --libs cmocka)

demo: all
	@scripts/demo.sh $(BUILD)/flank

# The test command of README and CI: the suite twice, plain and sanitized.
test: deps check-style
	@$(MAKE) --no-print-directory test-plain test-san >/dev/null
	@tests/run.sh build build-san

test-plain:
	@$(MAKE) --no-print-directory BUILD=build test-programs

test-san:
	@$(MAKE) --no-print-directory BUILD=build-san OPT='-O1 -g' \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    test-programs

test-programs: $(BUILD)/flank $(TESTS)

check-style:
	@scripts/check-style.sh

bench: all
	@bench/run.sh $(BUILD)/flank

clean:
	rm -rf build build-san build-fuzz

# Dates, relations and claims against the seeds' gold (bench/relations/).
bench-relations: $(BUILD)/flank $(BUILD)/bench/relations/bench
	@bench/relations/run.sh $(BUILD)/flank $(BUILD)/bench/relations/bench $(BUILD)/bench/relations/out

$(BUILD)/bench/relations/bench: bench/relations/bench.c $(BUILD)/libflank.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/libflank.a $(LDFLAGS) $(LDLIBS)
.PHONY: bench-relations
