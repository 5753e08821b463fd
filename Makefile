# skrapa - PDF municipal reports to schema-valid XML.
# `make` builds bin/; `make check` runs the tests; `make run` converts corpus/.
# Every target first runs scripts/deps.sh, which installs missing Debian
# packages.  Sources are found by wildcard: a new .c file needs no edit here.

CC       ?= cc
PKGS     := poppler-glib glib-2.0 libpcre2-8 libxml-2.0
BUILD    ?= build
BIN      ?= bin
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0)
OPT      ?= -O2
SAN      ?=
# Recursive (=) on purpose: pkg-config runs when a recipe needs the flags,
# which is after the deps stamp has installed the packages.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
CFLAGS_ALL = -std=gnu11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra -Werror -Iinclude \
             -DSKRAPA_VERSION='"$(VERSION)"' $(SAN) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = -Wl,--as-needed $(SAN) $(LDFLAGS)

LIB_SRC  := $(wildcard common/*.c) \
            $(filter-out %/main.c,$(wildcard extract/*.c parse/*.c emit/*.c pipeline/*.c index/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIBA     := $(BUILD)/libskrapa.a
PROGS    := $(BIN)/skrapa-extract $(BIN)/skrapa-parse $(BIN)/skrapa-emit \
            $(BIN)/skrapa $(if $(wildcard index/main.c),$(BIN)/skrapa-index)
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
TESTS    := $(BUILD)/tests/skrapa-tests
DEPS_OK  := $(BUILD)/.deps-ok
RULES    := $(wildcard parse/rules/*.rules parse/rules/*.inc)

.PHONY: all check asan valgrind run bench bench-bulk fuzz ingest clean deps kk-figures audit-figures
.DELETE_ON_ERROR:
.SECONDARY:

all: $(PROGS) $(BIN)/rules/.stamp

deps: $(DEPS_OK)
$(DEPS_OK): scripts/deps.sh
	@mkdir -p $(@D)
	@scripts/deps.sh
	@touch $@

$(BUILD)/%.o: %.c $(wildcard include/skrapa/*.h */*.h) | $(DEPS_OK)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) -c $< -o $@

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	@echo "  AR      $@"
	@ar rcs $@ $^

$(BIN)/skrapa-%: $(BUILD)/%/main.o $(LIBA)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BIN)/skrapa: $(BUILD)/pipeline/main.o $(LIBA)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

# Default rules are installed beside the programs and found from there.
$(BIN)/rules/.stamp: $(RULES)
	@mkdir -p $(@D)
	@$(if $(RULES),cp $(RULES) $(@D)/,true)
	@touch $@

$(TESTS): $(TEST_OBJ) $(LIBA)
	@mkdir -p $(@D)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs criterion cairo json-glib-1.0)

$(BUILD)/tests/%.o: tests/%.c $(wildcard include/skrapa/*.h) | $(DEPS_OK)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags criterion cairo json-glib-1.0) -c $< -o $@

# The spec drawer as a command, for the variant figures.
$(BUILD)/tests/pdfdraw: $(BUILD)/tests/tools/pdfdraw-main.o $(BUILD)/tests/pdfdraw.o $(LIBA)
	@echo "  LD      $@"
	@$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS) $(shell pkg-config --libs cairo)

# Per-revision figures of the Kommunkompassen variants and corpus.
kk-figures: all $(BUILD)/tests/pdfdraw
	scripts/kk-figures.sh $(BIN) $(BUILD)/tests/pdfdraw

# Figures of the audit and minutes variants (docs/variants.md).
audit-figures: all $(BUILD)/tests/pdfdraw
	scripts/audit-figures.sh $(BIN) $(BUILD)/tests/pdfdraw

# The test command of README.md and .ci/run.
check: all $(TESTS)
	SKRAPA_BIN=$(BIN) $(TESTS) --jobs 2

asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$(MAKE) BUILD=build-asan BIN=bin-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" check

valgrind: all
	scripts/valgrind.sh $(BIN)

run: all
	scripts/run-corpus.sh $(BIN) corpus out

bench: all
	scripts/bench.sh $(BIN)

bench-bulk: all
	scripts/bench-bulk.sh $(BIN)

fuzz:
	scripts/fuzz.sh

# Bulk ingestion of an archive: make ingest IN=DIR OUT=DIR (docs/ingest.md).
-include ingest.mk

clean:
	rm -rf build build-asan bin bin-asan out
