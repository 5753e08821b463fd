#!/usr/bin/env python3
"""ocr_score.py - how well the records of a scanned PDF (read by OCR) agree
with the records of the same PDF's text layer.

Usage: ocr_score.py TEXT.records OCR.records
Prints one line: items (list values: TYPE item) as exact-text F1 after
white space is normalised, numbers (TYPE int) equal by path (all, and
those outside the outline: a report's scores and counts, not heading
levels, which rank typographic styles), and the fields
(paths) the text-layer version has that the OCR version lacks.  The
ordinal in an outline path ("outline/list[110]/item": the layout's unit
number) is left out, so one heading or paragraph more or less before it
does not make every later outline value a miss; outline values are
compared as a multiset by kind.  Exit 0.
Not a test: scripts/ocr-eval.sh runs it; tests/test_ocr.c asserts truth.
"""
import collections
import os
import re
import sys

# The record stream's escapes are undone in one place: tests/truth_check.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'tests'))
from truth_check import unescape  # noqa: E402


def path_key(path):
    """PATH without the unit ordinal of an outline path."""
    return re.sub(r'^outline/(\w+)\[\d+\]', r'outline/\1', path)


def read(path):
    recs = []
    with open(path, encoding='utf-8') as f:
        for ln in f.read().split('\n'):
            f = ln.split('\t')
            if f[0] == 'rec' and len(f) == 6:
                recs.append((path_key(f[1]), f[2],
                             ' '.join(unescape(f[5]).split())))
    return recs


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split('\n')[3], file=sys.stderr)
        return 2
    text, ocr = read(sys.argv[1]), read(sys.argv[2])
    ti = collections.Counter((p, v) for p, t, v in text if t == 'item')
    oi = collections.Counter((p, v) for p, t, v in ocr if t == 'item')
    hit = sum((ti & oi).values())
    prec = hit / max(sum(oi.values()), 1)
    rec = hit / max(sum(ti.values()), 1)
    f1 = 2 * prec * rec / (prec + rec) if hit else (1.0 if not ti else 0.0)
    tn = collections.Counter((p, v) for p, t, v in text if t == 'int')
    on = collections.Counter((p, v) for p, t, v in ocr if t == 'int')
    nok = sum((tn & on).values())
    # the report's own numbers (scores, counts), not the outline's
    # heading levels (ranks of typographic styles) and note marks
    fn = collections.Counter({k: n for k, n in tn.items()
                              if not k[0].startswith('outline/')})
    fok = sum((fn & on).values())
    tp = collections.Counter(p for p, _, _ in text)
    missing = sorted((tp - collections.Counter(p for p, _, _ in ocr)).keys())
    nf = sum(fn.values())
    print('items %d/%d F1 %.3f  numbers %d/%d %.1f %% (outside the outline '
          '%s)  fields missing %d%s'
          % (hit, sum(ti.values()), f1, nok, sum(tn.values()),
             100.0 * nok / max(sum(tn.values()), 1),
             '%d/%d %.1f %%' % (fok, nf, 100.0 * fok / nf) if nf else 'none',
             len(missing),
             (': ' + ' '.join(missing)) if missing else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main())
