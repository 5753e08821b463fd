# ingest.mk - `make ingest IN=DIR OUT=DIR`: every PDF under IN (recursively,
# .pdf in any case) becomes OUT/<stem>.xml through $(BIN)/skrapa, then
# OUT/index.xml, OUT/scores.csv and OUT/failures.tsv are rebuilt.  Works with
# -j N, -k and -s; incremental; a failed file never stops the others.
# Guide: docs/ingest.md.  Included by the Makefile; `make -f ingest.mk
# ingest BIN=... IN=... OUT=...` also works when the programs exist.
#
# How: scripts/ingest-run.sh runs `skrapa-index scan` (manifest.tsv, the
# stem list OUT/.ingest/stems.mk, and symlinks OUT/.src/<stem>.pdf to the
# PDFs, so make never sees the PDFs' own names), then this file again as a
# sub-make with INGEST_STAGE=run, whose pattern rule converts one stem and
# whose last rule runs `skrapa-index build`.

INGEST_MK  := $(lastword $(MAKEFILE_LIST))
INGEST_TOP := $(patsubst %/,%,$(dir $(abspath $(INGEST_MK))))
BIN        ?= bin
BUILD      ?= build

ifeq ($(INGEST_STAGE),run)
# ---- the sub-make: one rule per PDF, one for the aggregates ----------------
include $(OUT)/.ingest/stems.mk

INGEST_ST   := $(INGEST_STEMS:%=$(OUT)/.ingest/st/%)
# What a conversion's result depends on besides the PDF: the program, its
# rules and its schema (not skrapa-index, which only records the result).
INGEST_DEPS := $(BIN)/skrapa $(wildcard $(BIN)/rules/*.rules) \
               $(wildcard $(BIN)/../emit/skrapa.rng)

.DELETE_ON_ERROR:
.PHONY: ingest-run
ingest-run: $(OUT)/index.xml
	@:

# Writes OUT/<stem>.xml or OUT/.fail/<stem>.tsv, then the stamp; succeeds
# for a bad PDF (the stamp records "failed", so it is retried only when the
# PDF, the rules or the programs change).  No shell: make runs it directly.
$(OUT)/.ingest/st/%: $(OUT)/.src/%.pdf $(INGEST_DEPS)
	@$(BIN)/skrapa-index convert $(if $(filter 1,$(INGEST_QUIET)),-q) --todo=$(INGEST_TODO) $(BIN)/skrapa $(OUT) $*

# skrapa-index build exits 1 (SOME_FAILED) when a file failed: that is
# reported by ingest-run.sh, not an error of this rule.
$(OUT)/index.xml $(OUT)/scores.csv $(OUT)/failures.tsv &: $(INGEST_ST) \
		$(OUT)/manifest.tsv $(BIN)/skrapa-index
	@$(BIN)/skrapa-index build -q $(OUT) || [ $$? -eq 1 ]

else
# ---- the entry point -------------------------------------------------------
.PHONY: ingest
# -s (quiet) is the letter s in the first word of MAKEFLAGS.
INGEST_QUIET = $(if $(findstring s,$(firstword -$(MAKEFLAGS))),1,0)

# With the Makefile, build the programs first; alone, use them as they are.
ifdef LIBA
INGEST_PROGS := $(BIN)/skrapa $(BIN)/skrapa-index $(BIN)/rules/.stamp
endif

ingest: $(INGEST_PROGS)
	@MAKE='$(MAKE)' $(INGEST_TOP)/scripts/ingest-run.sh '$(INGEST_MK)' \
	  '$(abspath $(BIN))' '$(IN)' '$(OUT)' '$(INGEST_QUIET)'

endif
