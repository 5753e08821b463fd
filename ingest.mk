# ingest.mk - `make ingest IN=DIR OUT=DIR`: every PDF under IN (recursively,
# .pdf in any case; hidden folders skipped) becomes OUT/<stem>.xml through
# $(BIN)/skrapa-index, then OUT/index.xml, OUT/scores.csv and
# OUT/failures.tsv are rebuilt.  Works with -j N, -k and -s; incremental; a
# failed file never stops the others; nothing is deleted unless PRUNE=1;
# FORCE=1 accepts an IN that looks wrong (empty, or orphaning most of OUT).
# Guide: docs/ingest.md.  Included by the Makefile; `make -f ingest.mk
# ingest BIN=... IN=... OUT=...` also works when the programs exist.
#
# How: scripts/ingest-run.sh takes OUT's lock, runs `skrapa-index scan`
# (manifest.tsv, the stem list .ingest/stems.mk, symlinks .src/<stem>.pdf
# to the PDFs, so make never sees the PDFs' own names, the count of stale
# stems; the stems split into chunks), then this file again as a sub-make
# in OUT (-C, so OUT may have any name) with INGEST_STAGE=run, whose rules
# convert one chunk each (in one process, only its stale stems) and whose
# last rule runs `skrapa-index build`; then `skrapa-index summary`.
# CHUNKS=N sets the number of chunks (default: at least 16, 4 per CPU, one
# per 64 PDFs; at most one per 4 PDFs).  The file names below mirror
# index/outdir.c, which owns OUT's layout.

INGEST_MK  := $(lastword $(MAKEFILE_LIST))
INGEST_TOP := $(patsubst %/,%,$(dir $(abspath $(INGEST_MK))))
BIN        ?= bin
BUILD      ?= build

ifeq ($(INGEST_STAGE),run)
# ---- the sub-make, run in OUT: one rule per chunk, one for the aggregates -
include .ingest/stems.mk

INGEST_CH   := $(INGEST_CHUNK_LIST:%=.ingest/chunk/%)
# What a conversion's result depends on besides the PDF: the program that
# converts (skrapa-index links the pipeline), its rules and its schema.
INGEST_DEPS := $(BIN)/skrapa-index $(wildcard $(BIN)/rules/*.rules $(BIN)/rules/*.inc) \
               $(wildcard $(BIN)/../emit/skrapa.rng)
# The stems chunk $1 must convert: those whose PDF is in $?, or all of them
# when a program, rule or schema changed (or the chunk never finished);
# skrapa-index convert skips the ones that are up to date.
ingest_stems = $(if $(filter-out .src/%,$?),$(INGEST_CHUNK_$1),\
               $(patsubst .src/%.pdf,%,$?))

# No .DELETE_ON_ERROR: every file is written whole by the programs, and a
# failed build must keep the previous good aggregates.
.SECONDEXPANSION:
.PHONY: ingest-run
ingest-run: index.xml
	@:

# One process converts the chunk's stale stems (each PDF in a forked
# child of the many-files mode of skrapa -O), recording each outcome, then writes the chunk's stamp.  Exits 0
# for bad PDFs (remembered until the PDF changes), 3 after a tool error
# (disk full...: nothing recorded, retried next run).  No shell.
$(INGEST_CH): .ingest/chunk/%: $$(addprefix .src/,$$(addsuffix \
		.pdf,$$(INGEST_CHUNK_$$*))) $(INGEST_DEPS)
	@$(BIN)/skrapa-index convert $(if $(filter 1,$(INGEST_QUIET)),-q) --stamp=$@ . -- $(call ingest_stems,$*)

# skrapa-index build exits 1 (SOME_FAILED) when a file failed: that is
# reported by the summary, not an error of this rule.
index.xml scores.csv failures.tsv &: $(INGEST_CH) manifest.tsv \
		$(BIN)/skrapa-index
	@$(BIN)/skrapa-index build -q . || [ $$? -eq 1 ]

else
# ---- the entry point -------------------------------------------------------
.PHONY: ingest
# -s (quiet) is the letter s in the first word of MAKEFLAGS.
INGEST_QUIET = $(if $(findstring s,$(firstword -$(MAKEFLAGS))),1,0)
# The run dies with this make, even when only make is killed.
INGEST_PDEATH := $(if $(shell command -v setpriv),setpriv --pdeathsig TERM)

# With the Makefile, build the programs first; alone, use them as they are.
ifdef LIBA
INGEST_PROGS := $(BIN)/skrapa-index $(BIN)/rules/.stamp
endif

ingest: $(INGEST_PROGS)
	@export MAKE='$(MAKE)' PRUNE='$(PRUNE)' FORCE='$(FORCE)'; \
	  exec $(INGEST_PDEATH) '$(INGEST_TOP)/scripts/ingest-run.sh' \
	  '$(abspath $(INGEST_MK))' '$(abspath $(BIN))' '$(IN)' '$(OUT)' \
	  '$(INGEST_QUIET)' '$(CHUNKS)'

endif
