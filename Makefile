# skrapa - PDF municipal reports to schema-valid XML.
# `make` builds bin/; `make check` runs the tests; `make run` converts corpus/;
# `make install PREFIX=... DESTDIR=...` installs programs, data and man pages.
# `make check`, `make run` and `make deps` first run scripts/deps.sh, which
# installs missing Debian packages; plain `make` only names what is missing.
# `make check` (and CI) compile with -Werror, a plain `make` does not; V=1
# prints the commands.  Sources are found by wildcard: a new .c file needs no
# edit here; header dependencies are generated (-MMD -MP).

CC       ?= cc
# No program links json-glib (emit/json.c writes its form; the tests compare).
PKGS     := poppler-glib glib-2.0 gmodule-no-export-2.0 libpcre2-8 libxml-2.0 libxslt cairo tesseract lept
# The OCR module (bin/skrapa-ocr.so) alone links Tesseract and Leptonica.
OCR_PKGS := tesseract lept cairo poppler-glib glib-2.0
TEST_PKGS := criterion cairo json-glib-1.0 lept
BUILD    ?= build
BIN      ?= bin
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0)
OPT      ?= -O2
SAN      ?=
WERROR   ?=
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/skrapa
PKGLIBDIR ?= $(PREFIX)/lib/skrapa
MANDIR   ?= $(PREFIX)/share/man
DESTDIR  ?=
V        ?= 0
Q        := $(if $(filter 1,$(V)),,@)
say       = $(if $(filter 1,$(V)),,@echo "  $(1)	$(2)")
# Recursive (=) on purpose: pkg-config runs when a recipe needs the flags,
# which is after the module check (and, for check/run, the deps stamp).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# Each program is linked --as-needed: it loads only the libraries its code
# calls (skrapa-parse and skrapa-emit no Poppler); none loads Tesseract,
# Leptonica or cairo's users, which only the OCR module links.  In the
# programs that extract, libpoppler comes first in the search order of the
# dynamic linker: most of the start-up symbol lookups are libpoppler's own,
# then libstdc++ and libc (19.8 M -> 17.5 M instructions before main).
CORE_PKGS  = $(filter-out tesseract lept cairo,$(PKGS))
# libcrypto (Debian libssl-dev) linked statically: only its SHA-256 objects
# (common/sha256.c) come in, and no shared library is loaded for them.
CRYPTO_A   = -Wl,-Bstatic -lcrypto -Wl,-Bdynamic
PKG_LIBS   = -Wl,--as-needed $(shell pkg-config --libs $(CORE_PKGS)) $(CRYPTO_A) -lm
# After them the libraries whose symbols the loader looks up most (Poppler's
# own dependencies, counted with LD_DEBUG=bindings), most looked-up first:
# each lookup walks the search order until it finds its symbol (18.0 M ->
# 15.5 M instructions before main).  Only those libpoppler-glib loads anyway
# (found with ldd) are named, and not cairo (no program names it:
# test_startup.c); the order changes no library's set.
LOAD_ORDER := glib-2.0 nss3 Lerc nssutil3 gobject-2.0 nspr4 lcms2 mount X11 \
              png16 freetype
LOAD_ORDER2 := jpeg pixman-1 tiff smime3 selinux zstd blkid md lzma m z
loaded_in_order = $(shell ldd $$(pkg-config --variable=libdir poppler-glib)/libpoppler-glib.so \
  2>/dev/null | awk -v order='$(1)' '$$2 == "=>" && $$3 ~ /^\// { n = $$1; \
  sub(/^lib/, "", n); sub(/\.so.*/, "", n); p[n] = $$3 } \
  END { k = split(order, o, " "); for (i = 1; i <= k; i++) if (o[i] in p) print p[o[i]] }')
# The programs that load Poppler allocate through mimalloc (Debian
# libmimalloc-dev), named first so its malloc and free, and libstdc++'s new
# and delete through them, are the process's: Poppler builds and frees some
# hundred thousand small objects a page, and glibc's malloc spends a sixth
# of the run on them (alingsas-2022: 549 M -> 473 M instructions).  Not
# under a sanitizer, which must see every block itself.
MIMALLOC   = $(if $(SAN),,-lmimalloc)
POPPLER_FIRST = -Wl,--no-as-needed $(MIMALLOC) $(shell pkg-config --libs poppler) -lstdc++ -lc \
  $(call loaded_in_order,$(LOAD_ORDER)) -lpoppler-glib -lxml2 $(call loaded_in_order,$(LOAD_ORDER2))
OCR_LIBS   = $(shell pkg-config --libs $(OCR_PKGS)) -lm
CFLAGS_ALL = -std=gnu11 -D_GNU_SOURCE $(OPT) -g -Wall -Wextra $(WERROR) \
             -Iinclude -MMD -MP -DSKRAPA_VERSION='"$(VERSION)"' \
             -DSKRAPA_DATADIR='"$(DATADIR)"' -DSKRAPA_PKGLIBDIR='"$(PKGLIBDIR)"' $(SAN) $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = -Wl,--as-needed $(SAN) $(LDFLAGS)

# The OCR module's sources, built into $(BIN)/skrapa-ocr.so (extract/ocrmod.h).
OCR_SRC  := extract/ocr.c extract/ocrregions.c extract/ocrwords.c extract/ocrmodule.c
OCR_OBJ  := $(OCR_SRC:%.c=$(BUILD)/pic/%.o)
OCR_MOD  := $(BIN)/skrapa-ocr.so
LIB_SRC  := $(wildcard common/*.c) $(filter-out %/main.c $(OCR_SRC),\
            $(wildcard extract/*.c parse/*.c emit/*.c pipeline/*.c index/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
# What the programs export to the module: the symbols of libskrapa.a the
# module's objects call (skr_error...), found by nm.
OCR_SYMS := $(BUILD)/ocr-host.syms
HOST_LDFLAGS = -Wl,--dynamic-list=$(OCR_SYMS)
LIBA     := $(BUILD)/libskrapa.a
PROGS    := $(BIN)/skrapa-extract $(BIN)/skrapa-parse $(BIN)/skrapa-emit \
            $(BIN)/skrapa $(if $(wildcard index/main.c),$(BIN)/skrapa-index)
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)
TESTS    := $(BUILD)/tests/skrapa-tests
DEPS_OK  := $(BUILD)/.deps-ok
PKGS_OK  := $(BUILD)/.pkgs-ok
FLAGS    := $(BUILD)/.flags
RULES    := $(wildcard parse/rules/*.rules parse/rules/*.inc parse/rules/*.vocab parse/rules/*.rng)
SCHEMAS  := emit/skrapa.rng emit/index.rng
MANS     := $(wildcard man/*.1)

.PHONY: all check asan valgrind run bench bench-bulk fuzz ingest clean deps \
        install uninstall kk-figures audit-figures FORCE
.DELETE_ON_ERROR:
.SECONDARY:

all: $(PROGS) $(OCR_MOD) $(BIN)/rules/.stamp

# scripts/deps.sh installs missing Debian packages (apt-get); only the
# targets that say so run it.
deps: $(DEPS_OK)
$(DEPS_OK): scripts/deps.sh
	$(Q)mkdir -p $(@D)
	$(Q)scripts/deps.sh
	$(Q)touch $@

# A plain build names the missing pkg-config module instead of installing.
$(PKGS_OK):
	$(Q)mkdir -p $(@D)
	$(Q)for m in $(PKGS); do pkg-config --exists $$m 2>/dev/null || { \
	  echo "make: missing pkg-config module '$$m' (install its -dev package, or run 'make deps')" >&2; \
	  exit 1; }; done
	$(Q)[ -e /usr/include/mimalloc.h ] || { \
	  echo "make: missing mimalloc (install libmimalloc-dev, or run 'make deps')" >&2; exit 1; }
	$(Q)[ -e /usr/include/openssl/sha.h ] || { \
	  echo "make: missing libcrypto (install libssl-dev, or run 'make deps')" >&2; exit 1; }
	$(Q)touch $@

# Objects are rebuilt when the compile flags change (-Werror, OPT, SAN,
# DATADIR): the flags are kept in a file rewritten only when they differ.
$(FLAGS): FORCE
	$(Q)mkdir -p $(@D)
	$(Q)echo '$(CC) $(OPT) $(WERROR) $(SAN) $(DATADIR) $(PKGLIBDIR) $(CFLAGS)' | cmp -s - $@ || \
	  echo '$(CC) $(OPT) $(WERROR) $(SAN) $(DATADIR) $(PKGLIBDIR) $(CFLAGS)' >$@

$(BUILD)/%.o: %.c $(FLAGS) | $(PKGS_OK)
	$(Q)mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS_ALL) -c $< -o $@

# Data built into the program with .incbin (emit/emit-int.h EMIT_EMBED).
$(BUILD)/emit/municipality.o: data/municipalities.tsv
$(BUILD)/emit/themes.o: data/kk-themes.tsv
$(BUILD)/emit/overview.o: emit/overview.xsl
$(BUILD)/emit/vocab.o: emit/core.vocab

$(LIBA): $(LIB_OBJ)
	$(Q)rm -f $@
	$(call say,AR,$@)
	$(Q)ar rcs $@ $^

$(BUILD)/pic/%.o: %.c $(FLAGS) | $(PKGS_OK)
	$(Q)mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS_ALL) -fPIC -c $< -o $@

# The module exports only its table (extract/ocrmod.map); the symbols it
# calls in the programs are resolved when it is opened.
$(OCR_MOD): $(OCR_OBJ) extract/ocrmod.map
	$(Q)mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -shared -Wl,--version-script=extract/ocrmod.map \
	  -o $@ $(OCR_OBJ) $(OCR_LIBS)

$(OCR_SYMS): $(OCR_OBJ) $(LIBA)
	$(Q)nm -g --defined-only $(OCR_OBJ) | awk 'NF == 3 { print $$3 }' | sort -u >$@.m
	$(Q)nm -u $(OCR_OBJ) | awk 'NF { print $$NF }' | sort -u | comm -23 - $@.m >$@.u
	$(Q)nm -g --defined-only $(LIBA) | awk 'NF == 3 { print $$3 }' | sort -u >$@.d
	$(Q){ echo '{'; comm -12 $@.u $@.d | sed 's/$$/;/'; echo '};'; } >$@
	$(Q)rm -f $@.m $@.u $@.d

# The programs that extract (and may open the OCR module); parse and emit
# link only what they call.
$(BIN)/skrapa-extract $(BIN)/skrapa-index: $(BIN)/skrapa-%: $(BUILD)/%/main.o $(LIBA) $(OCR_SYMS)
	$(Q)mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) $(HOST_LDFLAGS) -o $@ $(filter-out $(OCR_SYMS),$^) $(POPPLER_FIRST) $(PKG_LIBS)

$(BIN)/skrapa-%: $(BUILD)/%/main.o $(LIBA)
	$(Q)mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BIN)/skrapa: $(BUILD)/pipeline/main.o $(LIBA) $(OCR_SYMS)
	$(Q)mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) $(HOST_LDFLAGS) -o $@ $(filter-out $(OCR_SYMS),$^) $(POPPLER_FIRST) $(PKG_LIBS)

# In the build tree the rules, vocabularies and schema fragments are found
# in bin/rules/ (datadir.h).
$(BIN)/rules/.stamp: $(RULES)
	$(Q)mkdir -p $(@D)
	$(Q)$(if $(RULES),cp $(RULES) $(@D)/,true)
	$(Q)touch $@

# The suite extracts in process too: the OCR module beside it.
$(TESTS): $(TEST_OBJ) $(LIBA) $(OCR_SYMS) | $(BUILD)/tests/skrapa-ocr.so
	$(Q)mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) $(HOST_LDFLAGS) -o $@ $(filter-out $(OCR_SYMS),$^) $(PKG_LIBS) $(shell pkg-config --libs $(TEST_PKGS))

$(BUILD)/tests/skrapa-ocr.so: $(OCR_MOD)
	$(Q)mkdir -p $(@D)
	$(Q)cp $< $@

$(BUILD)/tests/%.o: tests/%.c $(FLAGS) | $(PKGS_OK)
	$(Q)mkdir -p $(@D)
	$(call say,CC,$<)
	$(Q)$(CC) $(CFLAGS_ALL) $(shell pkg-config --cflags $(TEST_PKGS)) -c $< -o $@

# The spec drawer as a command, for the variant figures.
$(BUILD)/tests/pdfdraw: $(BUILD)/tests/tools/pdfdraw-main.o $(BUILD)/tests/pdfdraw.o $(LIBA) $(OCR_SYMS)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS_ALL) $(HOST_LDFLAGS) -o $@ $(filter-out $(OCR_SYMS),$^) $(PKG_LIBS) $(shell pkg-config --libs cairo)

# Per-revision figures of the Kommunkompassen variants and corpus.
kk-figures: all $(BUILD)/tests/pdfdraw
	scripts/kk-figures.sh $(BIN) $(BUILD)/tests/pdfdraw

# Figures of the audit and minutes variants (docs/variants.md).
audit-figures: all $(BUILD)/tests/pdfdraw
	scripts/audit-figures.sh $(BIN) $(BUILD)/tests/pdfdraw

-include $(LIB_OBJ:.o=.d) $(OCR_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BUILD)/pipeline/main.d \
         $(patsubst %,$(BUILD)/%/main.d,extract parse emit index)

# The test command of README.md and .ci/run: developers' warnings are errors.
check: $(DEPS_OK)
	$(Q)$(MAKE) --no-print-directory WERROR=-Werror all $(TESTS)
	SKRAPA_BIN=$(BIN) SKRAPA_VALIDATE=1 $(TESTS) --jobs 2
	$(Q)stage=$$(mktemp -d) && \
	  $(MAKE) --no-print-directory -s WERROR=-Werror install DESTDIR=$$stage >/dev/null && \
	  scripts/test-install.sh $$stage; rc=$$?; rm -rf $$stage; exit $$rc

asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$(MAKE) BUILD=build-asan BIN=bin-asan OPT=-O1 \
	  SAN="-fsanitize=address,undefined,float-cast-overflow -fno-omit-frame-pointer -fno-sanitize-recover=all" check

valgrind: all
	scripts/valgrind.sh $(BIN)

run: $(DEPS_OK)
	$(Q)$(MAKE) --no-print-directory all
	scripts/run-corpus.sh $(BIN) corpus out

# Programs, rules, schemas and man pages; the data directory is compiled in
# (and also found relative to the program, so the tree may be moved).
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(PKGLIBDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	install -m 755 $(OCR_MOD) $(DESTDIR)$(PKGLIBDIR)/
	install -m 644 $(RULES) $(DESTDIR)$(DATADIR)/rules/
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/
	$(Q)for m in $(MANS); do sed 's|@DATADIR@|$(DATADIR)|g' $$m \
	  >$(DESTDIR)$(MANDIR)/man1/$${m##*/} && chmod 644 $(DESTDIR)$(MANDIR)/man1/$${m##*/}; done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGS)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MANS)))
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(PKGLIBDIR)

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
