#!/usr/bin/env python3
"""hostile_pdf.py - hand-written one-page PDFs with exactly one hostile
feature each (rotated pages and text, right-to-left text, text only in
annotations or form fields, fonts without ToUnicode), for tests/hostile.sh
and the fuzz seeds.  Standard library only; no font is embedded: text is
carried by a simple font whose codes map to Unicode through a ToUnicode
CMap, so any script can be written.  Not a test: expect.tsv says what the
programs must do with each file.

    tests/hostile_pdf.py OUTDIR
    tests/hostile_pdf.py --over-2gib FILE   (a sparse file; test_hostile.c)
"""
import os
import sys
import unicodedata

WIDTH = 500          # every glyph is half an em wide


def is_rtl(ch):
    return unicodedata.bidirectional(ch) in ("R", "AL")


def visual(text):
    """TEXT (logical order, left-to-right paragraph) in drawing order:
    runs of right-to-left letters, with the spaces between them, reversed."""
    out, i = [], 0
    while i < len(text):
        if not is_rtl(text[i]):
            out.append(text[i])
            i += 1
            continue
        j = last = i
        while j < len(text) and (is_rtl(text[j]) or text[j] == " "):
            if is_rtl(text[j]):
                last = j
            j += 1
        out.append(text[i:last + 1][::-1])
        i = last + 1
    return "".join(out)


class Font:
    """Codes BASE.. handed out to characters as they are first used."""

    def __init__(self, tounicode=True, base=1):
        self.codes = {}
        self.tounicode = tounicode
        self.base = base

    def encode(self, text):
        out = bytearray()
        for ch in text:
            if ch not in self.codes:
                if len(self.codes) + self.base > 255:
                    raise ValueError("too many distinct characters")
                self.codes[ch] = len(self.codes) + self.base
            c = self.codes[ch]
            out += b"\\%03o" % c
        return bytes(out)

    def objects(self, first):
        """The font dictionary (object FIRST) and its CMap and widths."""
        n, b = max(len(self.codes), 1), self.base
        names = b" ".join(b"/g%d" % c for c in range(b, b + n))
        font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                b"/FirstChar %d /LastChar %d /Widths [%s] "
                b"/Encoding << /Type /Encoding /Differences [%d %s] >> "
                % (b, b + n - 1, b" ".join([b"%d" % WIDTH] * n), b, names))
        if not self.tounicode:
            return [font + b">>"]
        font += b"/ToUnicode %d 0 R >>" % (first + 1)
        pairs = b"\n".join(b"<%02X> <%s>" % (c, ch.encode("utf-16-be").hex()
                                           .upper().encode())
                           for ch, c in sorted(self.codes.items(),
                                               key=lambda x: x[1]))
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin "
                b"begincmap /CMapName /skrapa-test def /CMapType 2 def\n"
                b"1 begincodespacerange <01> <FF> endcodespacerange\n"
                b"%d beginbfchar\n%s\nendbfchar\n"
                b"endcmap CMapName currentdict /CMap defineresource pop "
                b"end end" % (len(self.codes), pairs))
        return [font, stream(cmap)]


def stream(data, extra=b""):
    return (b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data +
            b"\nendstream")


def add_objects(out, objs):
    """Appends OBJS (bytes, object i+1 each) to OUT; returns their
    offsets."""
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    return offs


def xref_trailer(offs, startxref):
    """The cross-reference table of the objects at OFFS (object 1 the
    catalog), the trailer and STARTXREF (the table's offset)."""
    return (b"xref\n0 %d\n0000000000 65535 f \n" % (len(offs) + 1) +
            b"".join(b"%010d 00000 n \n" % o for o in offs) +
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(offs) + 1, startxref))


def write_pdf(path, objs):
    """OBJS: list of bytes, object i+1; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = add_objects(out, objs)
    out += xref_trailer(offs, len(out))
    with open(path, "wb") as f:
        f.write(out)


def turn(r, w, h, u, v):
    """The text matrix of an upright baseline start (U, V) (origin bottom
    left) of a page displayed turned R degrees clockwise, in the unturned
    user space of a W x H MediaBox."""
    return {0: (1, 0, 0, 1, u, v),
            90: (0, 1, -1, 0, h - v, u),
            180: (-1, 0, 0, -1, w - u, h - v),
            270: (0, -1, 1, 0, v, w - u)}[r]


def one_page(path, lines, rotate=0, draw_turn=0, annots=(), form=False,
             tounicode=True, size=12, box=(595, 842), base=1):
    """LINES: (u, v, text) in the upright displayed page (origin bottom
    left) of a page with /Rotate ROTATE whose content is drawn turned
    DRAW_TURN degrees (so the text reads upright when ROTATE == DRAW_TURN).
    ANNOTS: (rect, text) FreeText annotations, or text fields when FORM."""
    font = Font(tounicode, base)
    w, h = box
    dw, dh = (w, h) if draw_turn % 180 == 0 else (h, w)
    body = [b"BT /F1 %d Tf" % size]
    for item in lines:
        u, v, text = item[:3]
        m = turn(draw_turn % 360, dw, dh, u, v)
        if len(item) > 3:         # reads upwards, on an unturned page
            m = (0, 1, -1, 0, u, v)
        body.append(b"%g %g %g %g %g %g Tm (" % m + font.encode(visual(text))
                    + b") Tj")
    body.append(b"ET")
    content = stream(b"\n".join(body))
    nbase = 5 + len(annots)
    annot_objs, refs = [], []
    for i, (rect, text) in enumerate(annots):
        refs.append(b"%d 0 R" % (5 + i))
        val = b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"
        if form:
            annot_objs.append(
                b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f%d) /V %s "
                b"/Rect [%g %g %g %g] /F 4 /DA (/Helv 10 Tf 0 g) >>"
                % ((i, val) + tuple(rect)))
        else:
            annot_objs.append(
                b"<< /Type /Annot /Subtype /FreeText /Contents %s "
                b"/Rect [%g %g %g %g] /DA (/Helv 10 Tf 0 g) /F 4 >>"
                % ((val,) + tuple(rect)))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Rotate %d /Contents 4 0 R /Resources << /Font << /F1 %d 0 R "
            b">> >>%s >>" % (w, h, rotate, nbase,
                             b" /Annots [" + b" ".join(refs) + b"]"
                             if refs else b""))
    catalog = b"<< /Type /Catalog /Pages 2 0 R"
    if form:
        catalog += b" /AcroForm << /Fields [" + b" ".join(refs) + b"] >>"
    objs = [catalog + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", page, content]
    objs += annot_objs + font.objects(nbase)
    write_pdf(path, objs)


REPORT = ["Kommunkompassen Testby kommun",
          "Styrkor",
          "Tydlig styrmodell och uppföljning",
          "Förbättringsmöjligheter",
          "Samverkan med civilsamhället"]


def report_lines(x, top, step=20):
    return [(x, top - i * step, t) for i, t in enumerate(REPORT)]


def main(out):
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)
    # A page displayed turned (/Rotate) whose text is drawn upright for the
    # turned page (a landscape table in a portrait report) ...
    for r in (90, 180, 270):
        one_page(p("rotate%d.pdf" % r), report_lines(72, 500), rotate=r,
                 draw_turn=r)
    # ... and /Rotate on a page drawn upright: the text reads sideways.
    for r in (90, 180, 270, -90):
        one_page(p("rotate%d-sideways.pdf" % r).replace("-90-", "m90-"),
                 report_lines(72, 760), rotate=r, draw_turn=0)
    # No /Rotate, text drawn with a rotation matrix (a landscape page
    # produced by turning the content).
    one_page(p("turned-text.pdf"), report_lines(72, 500), draw_turn=90)
    # A rotated column header beside upright text.
    lines = report_lines(120, 760) + [(100, 560, "Poäng 2024", "up")]
    one_page(p("sideways-header.pdf"), lines, draw_turn=0)
    # Right-to-left: Hebrew and Arabic words inside Swedish text, and a
    # line all in Arabic.
    one_page(p("rtl-mixed.pdf"), [
        (72, 760, "Välkommen שלום עולם till kommunen"),
        (72, 740, "Information på arabiska: مرحبا بكم في البلدية"),
        (72, 720, "مرحبا بكم"),
        (72, 700, "Sista raden")])
    # Text only in annotations; text only in form fields.
    one_page(p("annot-only.pdf"), [], annots=[
        ((72, 700, 400, 730), "Kommentar: granskningen är klar")])
    one_page(p("form-only.pdf"), [], form=True, annots=[
        ((72, 700, 400, 720), "Testby kommun"),
        ((72, 670, 400, 690), "Revisionsrapport 2024")])
    one_page(p("annot-body.pdf"), report_lines(72, 760), annots=[
        ((300, 400, 500, 430), "Anteckning i marginalen")])
    # A font without ToUnicode: codes 1, 2, ... with glyph names g1, g2.
    one_page(p("no-tounicode.pdf"), report_lines(72, 760), tounicode=False)
    # The same from code 33 on: Poppler reads the codes as "!\"#$%...".
    one_page(p("custom-encoding.pdf"), report_lines(72, 760),
             tounicode=False, base=33)


def over_2gib(path):
    """A valid PDF over 2 GiB: an unused stream object of 2 GiB of zeros
    (a hole: the file is sparse and takes no disk space)."""
    font = Font()
    content = b"BT /F1 12 Tf 72 760 Td (" + font.encode("Stor rapport") + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            stream(content)] + font.objects(5)
    pad = (2 << 30) + (1 << 20)
    head = bytearray(b"%PDF-1.4\n")
    offs = add_objects(head, objs)
    offs.append(len(head))
    head += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (len(objs) + 1, pad)
    tail = bytearray(b"\nendstream\nendobj\n")
    tail += xref_trailer(offs, len(head) + pad + len(tail))
    with open(path, "wb") as f:
        f.write(head)
        f.seek(len(head) + pad)
        f.write(tail)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--over-2gib":
        over_2gib(sys.argv[2])
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        sys.exit("usage: tests/hostile_pdf.py OUTDIR | --over-2gib FILE")
