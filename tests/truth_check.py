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


def check_audit(c, t):
    for k, p in (('auditor', 'auditor'), ('municipality', 'municipality'),
                 ('report_type', 'report-type'), ('title', 'title'),
                 ('subject', 'subject'), ('year', 'year'),
                 ('audited_body', 'audited-body'), ('purpose', 'purpose')):
        if k in t:
            c.scalar(k, p, t[k])
    for k, p in (('revision_questions', 'question'),
                 ('revision_criteria', 'criterion'),
                 ('recommendations', 'recommendation')):
        if k in t:
            c.items(k, p, t[k])
    for s in t.get('sections', []):
        c.scalar('sections[%s].title' % s['number'],
                 'section[%s]/title' % s['number'], s['title'])
    for f in t.get('footnotes', []):
        c.scalar('footnotes[%d].text' % f['number'],
                 'footnote[%d]' % f['number'], f['text'])


def check_minutes(c, t):
    for k, p in (('municipality', 'municipality'), ('body', 'body'),
                 ('paragraph_number', 'paragraph'),
                 ('diary_number', 'diary-number'), ('title', 'title'),
                 ('decision', 'decision')):
        if k in t:
            c.scalar(k, p, t[k])
    if 'body_sections' in t:
        c.checked += 1
        got = [p[5:-1] for p, _, _ in c.recs
               if p.startswith('part[') and p.endswith(']')]
        if got != t['body_sections']:
            c.fail('body_sections', t['body_sections'], got)
    for k, p in (('expedieras_till', 'expedition'),
                 ('beslutsunderlag', 'basis')):
        if k in t:
            c.items(k, p, t[k])
    if 'anforande' in t:
        c.scalar('anforande', 'part[Anförande]', '\n'.join(t['anforande']))


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
