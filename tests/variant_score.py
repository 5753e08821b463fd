#!/usr/bin/env python3
"""variant_score.py - scores the XML of an audit or minutes document against
its truth (tests/data/docs/audit-*, minutes-*) at the public XPaths of
docs/xml.md.

Usage: variant_score.py XML TRUTH [XML TRUTH ...]
Per document: every scalar field (value equal, or absent when the truth
leaves it out: "strict" truths), every list (items in order), and item
texts pooled for precision/recall/F1 (exact text, as a multiset).  Prints
one line per wrong field, one summary line per document and, with more
than one document, one line per style (the name's middle part: "kpmg",
"sn").  Exit 0 when every field is right, 1 otherwise, 2 on bad input.
"""
import collections
import json
import sys
import xml.etree.ElementTree as ET


class Score:
    def __init__(self, name):
        self.name, self.fields, self.wrong = name, 0, []
        self.tp = self.fp = self.fn = 0

    def field(self, what, want, got):
        self.fields += 1
        if want != got:
            self.wrong.append('%s: %s: expected %s, found %s' % (
                self.name, what, json.dumps(want, ensure_ascii=False),
                json.dumps(got, ensure_ascii=False)))

    def items(self, what, want, got):
        self.field(what, want, got)
        w, g = collections.Counter(want), collections.Counter(got)
        common = sum((w & g).values())
        self.tp += common
        self.fp += sum(g.values()) - common
        self.fn += sum(w.values()) - common


def text(el):
    return el.text if el is not None else None


def texts(root, path):
    return [e.text for e in root.findall(path)]


def score_audit(s, r, t):
    for k, p in (('auditor', 'auditor'), ('municipality', 'municipality'),
                 ('report_type', 'report-type'), ('title', 'title'),
                 ('year', 'year'), ('audited_body', 'audited-body'),
                 ('purpose', 'purpose'), ('overall_assessment',
                                          'conclusion')):
        want = t.get(k)
        s.field(k, None if want is None else str(want), text(r.find(p)))
    for k, p in (('revision_questions', 'questions/item'),
                 ('revision_criteria', 'criteria/item'),
                 ('recommendations', 'recommendations/item')):
        s.items(k, t.get(k, []), texts(r, p))
    want = {x['number']: x for x in t.get('sections', [])}
    got = {e.get('number'): e for e in r.findall('section')}
    s.field('section numbers', sorted(want), sorted(got))
    for n, x in want.items():
        e = got.get(n)
        if e is None:
            continue
        s.field('section %s title' % n, x['title'], text(e.find('title')))
        s.field('section %s assessment' % n, x.get('assessment'),
                text(e.find('assessment')))
        s.field('section %s level' % n, str(n.count('.') + 1),
                e.get('level'))
        s.field('section %s parent' % n,
                n.rsplit('.', 1)[0] if '.' in n else None, e.get('parent'))
    fns = {str(f['number']): f['text'] for f in t.get('footnotes', [])}
    got = {e.get('number'): e.text for e in r.findall('footnotes/footnote')}
    s.field('footnotes', fns, got)


def score_paragraph(s, e, t):
    n = str(t['number'])
    s.field('§%s label' % n, t.get('label'), e.get('label'))
    for k, p in (('title', 'title'), ('decision', 'decision'),
                 ('proposal', 'proposal'),
                 ('proposition_order', 'proposition-order')):
        s.field('§%s %s' % (n, k), t.get(k), text(e.find(p)))
    for k, p in (('motions', 'motions/item'),
                 ('reservations', 'reservations/item'),
                 ('expedieras_till', 'expedition/item'),
                 ('beslutsunderlag', 'basis/item')):
        s.items('§%s %s' % (n, k), t.get(k, []), texts(e, p))
    dn = t.get('diary_numbers', [])
    s.items('§%s diary numbers' % n, [d['printed'] for d in dn],
            texts(e, 'diary-number'))
    s.field('§%s normalized' % n, [d.get('normalized') for d in dn],
            [d.get('normalized') for d in e.findall('diary-number')])
    v, ve = t.get('vote') or {}, e.find('vote')
    for k in ('yes', 'no', 'abstain'):
        s.field('§%s vote %s' % (n, k),
                None if k not in v else str(v[k]),
                None if ve is None else ve.get(k))
    s.field('§%s body sections' % n, t.get('body_sections', []),
            [p.get('name') for p in e.findall('part')])
    for name, want in t.get('parts', {}).items():
        s.field('§%s part %s' % (n, name), want,
                text(e.find("part[@name='%s']" % name)))


def score_minutes(s, r, t):
    for k, p in (('municipality', 'municipality'), ('body', 'body'),
                 ('meeting_date', 'meeting-date')):
        s.field(k, t.get(k), text(r.find(p)))
    paras = t.get('paragraphs', [])
    got = r.findall('paragraph')
    s.field('paragraph numbers', [str(p['number']) for p in paras],
            [e.get('number') for e in got])
    byn = {e.get('number'): e for e in got}
    for p in paras:
        if str(p['number']) in byn:
            score_paragraph(s, byn[str(p['number'])], p)


def score(xml, truth):
    with open(truth, encoding='utf-8') as f:
        t = json.load(f)
    r = ET.parse(xml).getroot()
    s = Score(truth.rsplit('/', 1)[-1].replace('.truth.json', ''))
    s.field('family', t['doc_type'], r.get('family'))
    if t['doc_type'] == 'audit':
        score_audit(s, r, t)
    else:
        score_minutes(s, r, t)
    return s


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    q = tp / (tp + fn) if tp + fn else 1.0
    return p, q, (2 * p * q / (p + q) if p + q else 0.0)


def line(name, ss):
    tp, fp, fn = (sum(getattr(s, a) for s in ss) for a in ('tp', 'fp', 'fn'))
    fields = sum(s.fields for s in ss)
    ok = fields - sum(len(s.wrong) for s in ss)
    p, q, f = f1(tp, fp, fn)
    return ('%-34s fields %3d/%3d  items P %.3f R %.3f F1 %.3f' %
            (name, ok, fields, p, q, f))


def main(argv):
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__.strip().split('\n')[3], file=sys.stderr)
        return 2
    scores = []
    try:
        for i in range(1, len(argv), 2):
            scores.append(score(argv[i], argv[i + 1]))
    except (OSError, ValueError, ET.ParseError, KeyError) as e:
        print('variant_score: %s' % e, file=sys.stderr)
        return 2
    for s in scores:
        for w in s.wrong:
            print(w)
        print(line(s.name, [s]))
    if len(scores) > 1:
        styles = collections.OrderedDict()
        for s in scores:
            styles.setdefault(s.name.split('-')[0] + ' ' +
                              s.name.split('-')[1], []).append(s)
        for k, ss in styles.items():
            print(line('style ' + k, ss))
        print(line('all', scores))
    return 1 if any(s.wrong for s in scores) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
