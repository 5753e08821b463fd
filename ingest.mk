# ingest.mk - `make ingest IN=DIR OUT=DIR`: every PDF under IN (recursively,
# .pdf in any case) becomes OUT/<stem>.xml through $(BIN)/skrapa-index, then
# OUT/index.xml, OUT/scores.csv and OUT/failures.tsv are rebuilt.  Works with
# -j N, -k and -s; incremental; a failed file never stops the others.
# Guide: docs/ingest.md.  Included by the Makefile; `make -f ingest.mk
# ingest BIN=... IN=... OUT=...` also works when the programs exist.
#
# How: scripts/ingest-run.sh runs `skrapa-index scan` (manifest.tsv, the
# stem list OUT/.ingest/stems.mk, and symlinks OUT/.src/<stem>.pdf to the
# PDFs, so make never sees the PDFs' own names; the stems split into
# chunks), then this file again as a sub-make with INGEST_STAGE=run, whose
# rules convert one chunk each (in one process, only its stale stems) and
# whose last rule runs `skrapa-index build`.  CHUNKS=N sets the number of
# chunks (default: at least 16, 4 per CPU, one per 64 PDFs; at most one
# per 4 PDFs).

INGEST_MK  := $(lastword $(MAKEFILE_LIST))
INGEST_TOP := $(patsubst %/,%,$(dir $(abspath $(INGEST_MK))))
BIN        ?= bin
BUILD      ?= build

ifeq ($(INGEST_STAGE),run)
# ---- the sub-make: one rule per chunk of PDFs, one for the aggregates ------
include $(OUT)/.ingest/stems.mk

INGEST_CH   := $(INGEST_CHUNK_LIST:%=$(OUT)/.ingest/chunk/%)
# What a conversion's result depends on besides the PDF: the program that
# converts (skrapa-index links the pipeline), its rules and its schema.
INGEST_DEPS := $(BIN)/skrapa-index $(wildcard $(BIN)/rules/*.rules $(BIN)/rules/*.inc) \
               $(wildcard $(BIN)/../emit/skrapa.rng)
# The stems chunk $1 must convert: those whose PDF is in $?, or all of them
# when a program, rule or schema changed (or the chunk never finished).
ingest_stems = $(if $(filter-out $(OUT)/.src/%,$?),$(INGEST_CHUNK_$1),\
               $(patsubst $(OUT)/.src/%.pdf,%,$?))

.DELETE_ON_ERROR:
.SECONDEXPANSION:
.PHONY: ingest-run
ingest-run: $(OUT)/index.xml
	@:

# One process converts the chunk's stale stems: writes OUT/<stem>.xml or
# OUT/.fail/<stem>.tsv, then the stem's stamp, per stem; then the chunk's
# stamp.  Succeeds for bad PDFs (a stamp records "failed", so it is retried
# only when the PDF, the rules or the programs change); skips stems whose
# stamp is newer than their PDF and dependencies (a chunk cut off midway is
# resumed).  No shell: make runs it directly.
$(INGEST_CH): $(OUT)/.ingest/chunk/%: $$(addprefix $(OUT)/.src/,$$(addsuffix \
		.pdf,$$(INGEST_CHUNK_$$*))) $(INGEST_DEPS)
	@$(BIN)/skrapa-index convert $(if $(filter 1,$(INGEST_QUIET)),-q) --todo=$(INGEST_TODO) --stamp=$@ $(OUT) -- $(call ingest_stems,$*)

# skrapa-index build exits 1 (SOME_FAILED) when a file failed: that is
# reported by ingest-run.sh, not an error of this rule.
$(OUT)/index.xml $(OUT)/scores.csv $(OUT)/failures.tsv &: $(INGEST_CH) \
		$(OUT)/manifest.tsv $(BIN)/skrapa-index
	@$(BIN)/skrapa-index build -q $(OUT) || [ $$? -eq 1 ]

else
# ---- the entry point -------------------------------------------------------
.PHONY: ingest
# -s (quiet) is the letter s in the first word of MAKEFLAGS.
INGEST_QUIET = $(if $(findstring s,$(firstword -$(MAKEFLAGS))),1,0)

# With the Makefile, build the programs first; alone, use them as they are.
ifdef LIBA
INGEST_PROGS := $(BIN)/skrapa-index $(BIN)/rules/.stamp
endif

ingest: $(INGEST_PROGS)
	@MAKE='$(MAKE)' $(INGEST_TOP)/scripts/ingest-run.sh '$(INGEST_MK)' \
	  '$(abspath $(BIN))' '$(IN)' '$(OUT)' '$(INGEST_QUIET)' '$(CHUNKS)'

endif
