#!/usr/bin/env python3
"""truth_check.py - compares a skrapa record stream with a *.truth.json.

Usage: truth_check.py [--figures] [--xml XML] RECORDS TRUTH
Checks every truth field that maps to a record path of docs/paths.md and
prints one line per mismatch: "FIELD: expected X, found Y".  Exit 0 when all
agree, 1 on a mismatch, 2 on bad input.  Not a validator of the truth files.
--xml XML (the report emitted from RECORDS) also checks that every entry of
the truth's "inconsistencies" is a failed check (<check status="mismatch">
of the right name, area and row).
--figures adds "figures: numbers OK ALL items TP FP FN": the numeric fields
(integers, and integers that must be absent) found right, and the strength
and improvement items matched as multisets per area.
"""
import collections
import json
import re
import sys


def spaces(v):
    """V with runs of blanks collapsed: the parse stage collapses them in
    every line (parse/rules/README.md), so "1.  Offentlighet" as printed
    is "1. Offentlighet" in any record."""
    return re.sub(r'[ \t]+', ' ', v) if isinstance(v, str) else v


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s) and s[i + 1] in '\\tn':
            out.append({'\\': '\\', 't': '\t', 'n': '\n'}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def read_records(path):
    meta, recs = {}, []
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    if lines[0] != 'skrapa-records 1':
        raise ValueError('not a record stream')
    for ln in lines[1:]:
        f = ln.split('\t')
        if f[0] == 'meta':
            meta[f[1]] = unescape(f[2])
        elif f[0] == 'rec':
            recs.append((f[1], f[2], unescape(f[5])))
    return meta, recs


class Checker:
    def __init__(self, meta, recs):
        self.meta, self.recs, self.errors, self.checked = meta, recs, [], 0
        self.num_ok = self.num_all = 0
        self.tp = self.fp = self.fn = 0

    def values(self, path):
        return [v for p, _, v in self.recs if p == path]

    def fail(self, field, exp, found):
        self.errors.append('%s: expected %s, found %s' % (
            field, json.dumps(exp, ensure_ascii=False),
            json.dumps(found, ensure_ascii=False)))

    def scalar(self, field, path, exp, numeric=False):
        """EXP None means the value must be absent; NUMERIC counts the
        field in the figures (so do int values)."""
        self.checked += 1
        got = self.values(path)
        numeric = numeric or isinstance(exp, int)
        self.num_all += numeric
        if exp is None:
            if got:
                self.fail(field, None, got[0])
            else:
                self.num_ok += numeric
            return
        want = spaces(str(exp))
        if got != [want]:
            self.fail(field, want, got[0] if len(got) == 1 else got)
        else:
            self.num_ok += numeric

    def items(self, field, path, exp, scored=False):
        self.checked += 1
        got = self.values(path)
        if scored:
            g = collections.Counter(got)
            e = collections.Counter(spaces(x) for x in exp)
            tp = sum((g & e).values())
            self.tp += tp
            self.fp += sum(g.values()) - tp
            self.fn += sum(e.values()) - tp
        if got != [spaces(e) for e in exp]:
            self.fail(field, list(exp), got)

    def meta_is(self, key, exp):
        self.checked += 1
        if self.meta.get(key) != exp:
            self.fail('meta ' + key, exp, self.meta.get(key))


def check_kk(c, t):
    c.meta_is('revision', t.get('format_revision'))
    c.scalar('municipality', 'municipality', t.get('municipality'))
    ev = t.get('evaluation') or {}
    for k, p in (('month', 'month'), ('year', 'year'),
                 ('as_stated', 'as-stated'), ('kind', 'kind')):
        if k in ev:
            c.scalar('evaluation.' + k, 'evaluation/' + p, ev[k])
    if 'stated_total_score' in t:
        c.scalar('stated_total_score', 'total/stated', t['stated_total_score'],
                 True)
    for a in t.get('areas', []):
        n = a['number']
        pre, fp = 'area[%d]/' % n, 'areas[%d].' % n
        for k, p in (('title_in_detail_section', 'title'),
                     ('score_in_detail_section', 'score'),
                     ('summary_of_impressions', 'summary'),
                     ('table_heading', 'table/heading'),
                     ('title_in_table', 'table/title')):
            if k in a:
                c.scalar(fp + k, pre + p, a[k])
        for k, p in (('scorebox_headings', 'topic'),
                     ('strengths', 'strength'),
                     ('improvements', 'improvement')):
            if k in a:
                c.items(fp + k, pre + p, a[k], k != 'scorebox_headings')
        for r in a.get('table_rows', []):
            rp, rf = pre + 'table/row[%s]/' % r['id'], fp + 'row[%s].' % r['id']
            c.scalar(rf + 'title', rp + 'title', r['title'])
            c.scalar(rf + 'achieved', rp + 'achieved', r['achieved'])
            c.scalar(rf + 'max', rp + 'max', r['max'])
            c.scalar(rf + 'percent', rp + 'percent', r.get('percent_or_null'),
                     True)
        tt = a.get('table_total')
        if tt:
            for k in ('achieved', 'max'):
                c.scalar(fp + 'table_total.' + k, pre + 'table/total/' + k,
                         tt[k])
            c.scalar(fp + 'table_total.percent', pre + 'table/total/percent',
                     tt.get('percent_or_null'), True)


AUDIT_SCALARS = (('auditor', 'auditor'), ('municipality', 'municipality'),
                 ('report_type', 'report-type'), ('title', 'title'),
                 ('subject', 'subject'), ('year', 'year'),
                 ('audited_body', 'audited-body'), ('purpose', 'purpose'),
                 ('overall_assessment', 'conclusion'))
AUDIT_LISTS = (('revision_questions', 'question'),
               ('revision_criteria', 'criterion'),
               ('recommendations', 'recommendation'))


def check_audit(c, t):
    """With "strict": true every field the truth leaves out must be
    absent too (no false fields); sections are then compared as a set."""
    strict = t.get('strict', False)
    for k, p in AUDIT_SCALARS:
        if k in t or strict:
            c.scalar(k, p, t.get(k))
    for k, p in AUDIT_LISTS:
        if k in t or strict:
            c.items(k, p, t.get(k, []))
    for s in t.get('sections', []):
        c.scalar('sections[%s].title' % s['number'],
                 'section[%s]/title' % s['number'], s['title'])
        if 'assessment' in s or strict:
            c.scalar('sections[%s].assessment' % s['number'],
                     'section[%s]/assessment' % s['number'],
                     s.get('assessment'))
    if strict:
        c.checked += 1
        got = sorted({p[8:p.index(']')] for p, _, _ in c.recs
                      if p.startswith('section[')})
        want = sorted(s['number'] for s in t.get('sections', []))
        if got != want:
            c.fail('sections', want, got)
    for f in t.get('footnotes', []):
        c.scalar('footnotes[%d].text' % f['number'],
                 'footnote[%d]' % f['number'], f['text'])
    if strict:
        c.checked += 1
        got = sorted(int(p[9:-1]) for p, _, _ in c.recs
                     if p.startswith('footnote['))
        want = sorted(f['number'] for f in t.get('footnotes', []))
        if got != want:
            c.fail('footnotes', want, got)


MINUTES_SCALARS = (('label', 'label'), ('title', 'title'),
                   ('decision', 'decision'), ('proposal', 'proposal'),
                   ('proposition_order', 'proposition-order'))
MINUTES_LISTS = (('expedieras_till', 'expedition'),
                 ('beslutsunderlag', 'basis'), ('motions', 'motion'),
                 ('reservations', 'reservation'))


def paragraph_numbers(c):
    out = []
    for p, _, _ in c.recs:
        if p.startswith('paragraph['):
            n = p[10:p.index(']')]
            if n not in out:
                out.append(n)
    return out


def check_paragraph(c, n, t, strict):
    pre, fp = 'paragraph[%s]/' % n, 'paragraphs[%s].' % n
    for k, p in MINUTES_SCALARS:
        if k in t or strict:
            c.scalar(fp + k, pre + p, t.get(k))
    for k, p in MINUTES_LISTS:
        if k in t or strict:
            c.items(fp + k, pre + p, t.get(k, []))
    if 'diary_numbers' in t or strict:
        c.items(fp + 'diary_numbers', pre + 'diary-number',
                [d['printed'] for d in t.get('diary_numbers', [])])
    vote = t.get('vote') or {}
    for k in ('yes', 'no', 'abstain'):
        if k in vote or strict:
            c.scalar(fp + 'vote.' + k, pre + 'vote/' + k, vote.get(k))
    if 'body_sections' in t:
        c.checked += 1
        got = [p[len(pre) + 5:-1] for p, _, _ in c.recs
               if p.startswith(pre + 'part[') and p.endswith(']')]
        if got != t['body_sections']:
            c.fail(fp + 'body_sections', t['body_sections'], got)
    if 'anforande' in t:
        c.scalar(fp + 'anforande', pre + 'part[Anförande]',
                 '\n'.join(t['anforande']))


def check_minutes(c, t):
    """Top-level paragraph fields (the corpus form) describe the first
    paragraph; "paragraphs" lists every paragraph of the document."""
    strict = t.get('strict', False)
    for k, p in (('municipality', 'municipality'), ('body', 'body'),
                 ('meeting_date', 'meeting-date')):
        if k in t or strict:
            c.scalar(k, p, t.get(k))
    paras = list(t.get('paragraphs', []))
    if not paras and 'paragraph_number' in t:
        first = {'number': t['paragraph_number']}
        for k in ('title', 'decision', 'body_sections', 'expedieras_till',
                  'beslutsunderlag', 'anforande'):
            if k in t:
                first[k] = t[k]
        if 'paragraph_label' in t:
            first['label'] = t['paragraph_label']
        if 'diary_number' in t:
            first['diary_numbers'] = [{'printed': t['diary_number']}]
        paras = [first]
    c.checked += 1
    got = paragraph_numbers(c)
    want = [str(p['number']) for p in paras]
    if got != want:
        c.fail('paragraph numbers', want, got)
    for p in paras:
        check_paragraph(c, p['number'], p, strict)


CHECK_FOR = {
    'total_vs_detail_sum': 'total-sum',
    'total_vs_table_sum': 'total-tables',
    'area_score_detail_vs_table': 'table-vs-score',
    'table_rows_vs_table_total': 'table-rows-sum',
    'table_max_vs_total_max': 'total-max',
    'area_title_detail_vs_table': 'table-title',
    'scorebox_heading_vs_table_row_title': 'topic-titles',
    'scorebox_vs_table_row_count': 'topic-count',
    'row_percent_vs_points': 'percent',
}


def check_inconsistencies(c, truth, xml_path):
    """Each inconsistency of TRUTH must be a failed check in XML_PATH."""
    import xml.etree.ElementTree as ET
    checks = ET.parse(xml_path).getroot().findall('checks/check')
    for k, inc in enumerate(truth.get('inconsistencies', [])):
        c.checked += 1
        name = CHECK_FOR.get(inc['kind'])
        hit = [ch for ch in checks
               if ch.get('name') == name and ch.get('status') == 'mismatch'
               and ('area' not in inc or ch.get('area') == str(inc['area']))
               and ('id' not in inc or ch.get('row') == inc['id'])]
        if not hit:
            c.fail('inconsistencies[%d] (%s)' % (k, inc['kind']),
                   'a failed check %s' % name, None)


def main():
    args = sys.argv[1:]
    figures = args[:1] == ['--figures']
    args = args[1:] if figures else args
    xml_path = None
    if args[:1] == ['--xml'] and len(args) > 1:
        xml_path, args = args[1], args[2:]
    if len(args) != 2:
        print(__doc__.strip().split('\n')[2], file=sys.stderr)
        return 2
    try:
        meta, recs = read_records(args[0])
        with open(args[1], encoding='utf-8') as f:
            truth = json.load(f)
    except (OSError, ValueError) as e:
        print('truth_check: %s' % e, file=sys.stderr)
        return 2
    c = Checker(meta, recs)
    kind = truth.get('doc_type')
    c.meta_is('family', kind)
    {'kommunkompass': check_kk, 'audit': check_audit,
     'minutes': check_minutes}.get(kind, lambda c, t: None)(c, truth)
    if xml_path:
        check_inconsistencies(c, truth, xml_path)
    for e in c.errors:
        print(e)
    print('%s: %d fields checked, %d wrong' % (args[1], c.checked,
                                              len(c.errors)))
    if figures:
        print('figures: numbers %d %d items %d %d %d' % (
            c.num_ok, c.num_all, c.tp, c.fp, c.fn))
    return 1 if c.errors else 0


if __name__ == '__main__':
    sys.exit(main())
