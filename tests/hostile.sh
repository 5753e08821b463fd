#!/bin/sh
# hostile.sh - writes the hostile inputs of the `hostile` test suite into
# OUTDIR, generated from corpus/ with qpdf, python3 and head, and by
# tests/hostile_pdf.py (nothing here is committed).  Not the test itself: tests/test_hostile.c runs the programs
# on these files against tests/data/hostile/expect.tsv.
#
#   tests/hostile.sh OUTDIR
set -eu

[ $# -eq 1 ] || { echo "usage: tests/hostile.sh OUTDIR" >&2; exit 2; }
cd "$(dirname "$0")/.."
OUT=$1
SRC=corpus/alingsas-2021-granskning-kompetensforsorjning.pdf
mkdir -p "$OUT"

# One-page PDFs with one feature each: rotated pages and text, right-to-left
# text, annotation and form-field text, fonts without ToUnicode.
python3 tests/hostile_pdf.py "$OUT"

# A real report with one page turned (the detail page of area 3, as a wide
# table is often set): read as before.
for r in +90 270; do
	qpdf --rotate=$r:17 corpus/alingsas-2022-kommunkompass.pdf \
		"$OUT/kk-page17-rot${r#+}.pdf"
done

# Not a PDF at all; a PDF header on random bytes.
: >"$OUT/empty.pdf"
printf 'Kommunkompassen 2022\nthis is a text file with a .pdf name\n' \
	>"$OUT/text.pdf"
python3 - "$OUT/random.pdf" <<'PY'
import random, sys
random.seed(20240601)
open(sys.argv[1], "wb").write(bytes(random.getrandbits(8) for _ in range(65536)))
PY
{ printf '%%PDF-1.7\n'; head -c 32768 "$OUT/random.pdf"; } >"$OUT/garbage.pdf"

# A real PDF cut short.
size=$(wc -c <"$SRC")
for pct in 10 50 90; do
	head -c $((size * pct / 100)) "$SRC" >"$OUT/trunc$pct.pdf"
done

# A wrong startxref offset and garbled xref entries: Poppler repairs it.
python3 - "$SRC" "$OUT/badxref.pdf" <<'PY'
import re, sys
d = bytearray(open(sys.argv[1], "rb").read())
m = list(re.finditer(rb"startxref\s+(\d+)", d))[-1]
off = int(m.group(1))
d[m.start(1):m.end(1)] = str(off - 37).encode()   # lands mid-object
x = d.find(b"xref", off)
for i in range(x + 30, min(x + 400, len(d))):       # garble the entries
    if d[i:i+1].isdigit():
        d[i] = ord("7")
open(sys.argv[2], "wb").write(d)
PY

# Encrypted: user password (cannot be opened), owner password only (can).
qpdf --encrypt secret secret 256 -- "$SRC" "$OUT/enc-user.pdf"
qpdf --encrypt "" secret 256 -- "$SRC" "$OUT/enc-owner.pdf"

# Minimal PDFs written by hand: a scan (an image, no text), 2000 empty
# pages, and one page of 100 000 tiny glyphs of a standard font.
python3 - "$OUT" <<'PY'
import os, sys, zlib

sys.path.insert(0, "tests")   # the one hand-written PDF writer
from hostile_pdf import write_pdf as pdf

def stream(data, extra=b""):
    z = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (
        len(z), extra) + z + b"\nendstream"

def one_page(path, content, resources, extra, box=b"0 0 595 842"):
    pdf(path, [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [" + box + b"] "
               b"/Contents 4 0 R /Resources " + resources + b" >>",
               stream(content)] + extra)

out = sys.argv[1]
img = bytes((x * y) % 256 for y in range(200) for x in range(150))
one_page(os.path.join(out, "scan.pdf"), b"q 495 0 0 742 50 50 cm /Im1 Do Q",
         b"<< /XObject << /Im1 5 0 R >> >>",
         [stream(img, b"/Type /XObject /Subtype /Image /Width 150 "
                 b"/Height 200 /ColorSpace /DeviceGray /BitsPerComponent 8 ")])

# 2000 pages, all empty; the same with a line of text on page 1.
font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
def pages(path, n, first):
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
    text = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
            % (n + 3, n + 4))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    objs += [text if first else page] + [page] * (n - 1)
    if first:
        objs += [stream(b"BT /F1 12 Tf 72 760 Td (Rapport) Tj ET"), font]
    pdf(path, objs)
pages(os.path.join(out, "pages2000.pdf"), 2000, False)
pages(os.path.join(out, "pages2000-text.pdf"), 2000, True)

# 100 000 glyphs, 250 rows of 400 "(x) Tj", of SIZE points.
def glyphs(path, size, box):
    rows = [b"BT /F1 %g Tf" % size]
    abc = b"abcdefghijklmnopqrstuvwxyz"
    for r in range(250):
        rows.append(b"1 0 0 1 20 %g Tm" % (box[1] - 20 - r * size * 1.25))
        rows.append(b"".join(b"(%c) Tj" % abc[(r + i) % 26]
                             for i in range(400)))
    rows.append(b"ET")
    one_page(path, b"\n".join(rows), b"<< /Font << /F1 5 0 R >> >>", [font],
             b"0 0 %d %d" % box)
glyphs(os.path.join(out, "glyphs100k.pdf"), 1, (595, 842))
# Poppler drops "tiny" glyphs (under 3 pt both ways) beyond 50 000 a page;
# at 14 pt on a large page every glyph counts.
glyphs(os.path.join(out, "glyphs100k-big.pdf"), 14, (3000, 4500))

# 40 000 tiny glyphs and 60 000 of 5 pt (narrow but tall): all kept, no
# warning; two pages past the limit: one warning naming both.
rows = [b"BT /F1 1 Tf"]
for r in range(250):
    size = 1 if r < 100 else 5
    rows.append(b"/F1 %d Tf 1 0 0 1 20 %g Tm" % (size, 5980 - r * 20))
    rows.append(b"".join(b"(%c) Tj" % b"abcdefghij"[i % 10]
                         for i in range(400)))
rows.append(b"ET")
one_page(os.path.join(out, "glyphs-mixed.pdf"), b"\n".join(rows),
         b"<< /Font << /F1 5 0 R >> >>", [font], b"0 0 3000 6000")
tiny = [b"BT /F1 1 Tf"] + [b"1 0 0 1 20 %d Tm " % (800 - r * 3) +
                           b"(abcdefghij) Tj" * 40 for r in range(250)]
tiny = stream(b"\n".join(tiny + [b"ET"]))
page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>")
pdf(os.path.join(out, "glyphs-2pages.pdf"),
    [b"<< /Type /Catalog /Pages 2 0 R >>",
     b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>", page, page,
     tiny, font])

# A slow page: a form drawn 10 times by a form drawn 10 times ... (four
# levels): 200 000 glyphs that take Poppler about a second and 130 MB
# (0.9-1.0 s since mimalloc: the timeout rows use 0.25 s).
forms, res = [], b"/Resources << /Font << /F1 5 0 R >> /XObject << %s >> >>"
for k in range(5):
    body = (b"BT /F1 10 Tf 20 400 Td (Kommunen har en plan) Tj ET" if k == 0
            else b"\n".join(b"q 1 0 0 1 %d %d cm /X%d Do Q" %
                            (i % 3, i * 7 % 50, k - 1) for i in range(10)))
    xo = b"/X%d %d 0 R" % (k - 1, 5 + k) if k else b""
    forms.append(stream(body, b"/Type /XObject /Subtype /Form "
                        b"/BBox [0 0 595 842] " + res % xo + b" "))
pdf(os.path.join(out, "fanout.pdf"),
    [b"<< /Type /Catalog /Pages 2 0 R >>",
     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
     b"/Contents 4 0 R " + res % b"/X4 10 0 R" + b" >>",
     stream(b"/X4 Do"), font] + forms)

# 300 000 numbered headings as layout text (for skrapa-parse) and 300 000
# records (for skrapa-emit): seconds of work in the stage after extract.
n = 300000
with open(os.path.join(out, "headings.layout"), "w") as f:
    f.write("skrapa-layout 1\ndoc\t1\t-\theadings.pdf\n"
            "page\t1\t595.00\t842.00\t-\n")
    for i in range(n):
        f.write("line\t1\t%d\t72.00\t100.00\t300.00\t112.00\t12.0\tB"
                "\t-\t%d.%d Rubrik nummer %d\n" % (i + 1, i // 100 + 1,
                                                   i % 100 + 1, i))
    f.write("end\t%d\n" % n)
with open(os.path.join(out, "many.records"), "w") as f:
    f.write("skrapa-records 1\nmeta\tfamily\tunknown\n"
            "meta\tsource\tmany.pdf\n")
    for i in range(n):
        f.write("rec\tsection[%d.%d]/title\ttext\t1\t72.00 100.00 300.00 "
                "112.00\tRubrik %d\n" % (i // 100 + 1, i % 100 + 1, i))
    f.write("end\t%d\n" % n)
PY

# Rule files: a pattern that backtracks past PCRE2's match limit (and a
# layout line that makes it), a file that is not UTF-8 on its line 4, a
# file over 1 MiB.  Layout and record text with CRLF line ends or a BOM.
mkdir -p "$OUT/rules-matchlimit" "$OUT/rules-latin1" "$OUT/rules-big"
printf 'family ml\nthreshold 1\nsign 5 /^a/\n\nfield doc /^(a+)+$/\n  emit x text a\n' \
	>"$OUT/rules-matchlimit/ml.rules"
printf 'skrapa-layout 1\ndoc\t1\t-\tml.pdf\npage\t1\t595.00\t842.00\t-\nline\t1\t1\t1.00\t2.00\t3.00\t4.00\t12.0\t-\t-\t%s\nend\t1\n' \
	"$(printf 'a%.0s' $(seq 40))b" >"$OUT/matchlimit.layout"
printf 'family latin1\nthreshold 1\n# a comment\n# G\344vle kommun\nsign 5 /^x/\n' \
	>"$OUT/rules-latin1/latin1.rules"
{ printf 'family big\nsign 5 /^x/\n'; head -c 1100000 /dev/zero | tr '\0' '#'; echo; } \
	>"$OUT/rules-big/big.rules"
printf 'skrapa-layout 1\r\ndoc\t1\t-\tx.pdf\r\npage\t1\t595.00\t842.00\t-\r\nend\t0\r\n' \
	>"$OUT/crlf.layout"
printf '\357\273\277skrapa-layout 1\ndoc\t1\t-\tx.pdf\npage\t1\t595.00\t842.00\t-\nend\t0\n' \
	>"$OUT/bom.layout"
printf 'skrapa-records 1\r\nmeta\tfamily\tunknown\r\nend\t0\r\n' >"$OUT/crlf.records"
