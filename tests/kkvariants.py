#!/usr/bin/env python3
"""kkvariants.py - writes the Kommunkompassen variant documents
tests/data/docs/kkvar-*.spec and their .truth.json (see README.md there).

Usage: tests/kkvariants.py [OUTDIR]      (default tests/data/docs)

The truth's page_count comes from drawing each spec with the spec drawer
(build/tests/pdfdraw, made by `make build/tests/pdfdraw`; $PDFDRAW
overrides) and reading the PDF with pdfinfo.

Each variant is one report of one revision, assembled from the phrasings
and layouts listed with their sources in docs/variants.md: cover, running
furniture, evaluation date, kind, total sentence (or none, with averages
around it), area heading style, strengths/improvements layout, final table
style.  VARIANTS below says which document combines which; every value of
every dimension occurs, every dimension has two or more values.  Names and
numbers are invented.  The output is deterministic: run it after editing
and commit the .spec and .truth.json files it writes.
"""
import json
import os
import subprocess
import sys
import tempfile

AREAS = {
    '2008': ['Offentlighet och demokratisk kontroll',
             'Tillgänglighet och brukarorientering',
             'Klarhet i samspelet mellan politik och administration',
             'Ledning, decentralisering och delegation',
             'Kontroll- och rapporteringssystem', 'Personalförvaltning',
             'Förnyelsepolitik', 'Samhällsbyggnad'],
    '2010': ['Offentlighet och demokrati',
             'Tillgänglighet och brukarorientering',
             'Politisk styrning och kontroll',
             'Ledarskap, ansvar och delegation', 'Resultat och effektivitet',
             'Kommunen som arbetsgivare personalpolitik',
             'Verksamhetsutveckling', 'Kommunen som samhällsbyggare'],
    '2020': ['Samspel mellan förtroendevalda och medborgare',
             'Samhällsutveckling', 'Styrning och kontroll', 'Effektivitet',
             'Brukarens fokus', 'Kvalitetsutveckling', 'Arbetsliv',
             'Chefs- och ledarskap samt medarbetarskap'],
}
AREAS['2016'] = AREAS['2010'][:6] + ['Ständiga förbättringar',
                                     AREAS['2010'][7]]
# A revision the rules do not know (invented names): the report must
# degrade to family "unknown" with a warning, not be taken for another.
AREAS['unseen'] = ['Tillit och delaktighet', 'Klimatomställning',
                   'Digital förmåga', 'Hållbar ekonomi', 'Trygghet',
                   'Innovation', 'Kompetensförsörjning',
                   'Samverkan i regionen']

TOPICS = ['Strategi och mål', 'Information och dialog',
          'Uppföljning och analys', 'Samverkan med andra aktörer',
          'Kompetens och utveckling']
STRENGTHS = [
    'Tydlig politisk viljeinriktning som är känd i hela organisationen',
    'Aktivt samarbete med föreningslivet',
    'välutvecklad uppföljning av nämndernas verksamhetsplaner där '
    'resultaten redovisas för kommunfullmäktige två gånger per år',
    'Återkommande chefsdagar']
IMPROVEMENTS = [
    'Följ upp effekterna av insatserna',
    'Utveckla jämförelser med andra kommuner och använd dem i '
    'budgetarbetet och i dialogen med medborgarna',
    'säkerställ att strategin bryts ner i nämndernas planer']
SUMMARY = ('Kommunen har en god grund att stå på. Utvärderarna ser samtidigt '
           'att uppföljningen kan utvecklas och att resultaten kan användas '
           'mer i styrningen.')
BODY = ('Området handlar om hur kommunen arbetar strategiskt och '
        'systematiskt. Utvärderarna har studerat styrdokument och '
        'genomfört intervjuer med förtroendevalda och tjänstepersoner.')
MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli',
          'augusti', 'september', 'oktober', 'november', 'december']

# name: (municipality as normalized, the bare name, genitive form)
PLACES = {
    'Furuby': ('Furuby kommun', 'Furuby', 'Furubys'),
    'Granviken': ('Granvikens kommun', 'Granviken', 'Granvikens'),
    'Holmsjö': ('Holmsjö kommun', 'Holmsjö', 'Holmsjös'),
    'Ödeborg': ('Ödeborgs kommun', 'Ödeborg', 'Ödeborgs'),
    'Älvdala': ('Älvdala stad', 'Älvdala', 'Älvdalas'),
    'Mossby': ('Mossby kommun', 'Mossby', 'Mossbys'),
    'Strandby': ('Strandby kommun', 'Strandby', 'Strandbys'),
    'Kvarnås': ('Kvarnås kommun', 'Kvarnås', 'Kvarnås'),
    'Tallvik': ('Tallviks kommun', 'Tallvik', 'Tallviks'),
    'Björkås': ('Björkås kommun', 'Björkås', 'Björkås'),
    'Lindås': ('Lindås kommun', 'Lindås', 'Lindås'),
    'Västerbo': ('Västerbo kommun', 'Västerbo', 'Västerbos'),
    'Region Norrvik': ('Region Norrvik', 'Region Norrvik', 'Region Norrviks'),
}

# Type: font, body size, leading, margins (document I uses STYLES[I % 3]).
STYLES = [('DejaVu Serif', 11, 1.2, 70), ('DejaVu Sans', 10, 1.0, 60),
          ('DejaVu Serif', 12, 1.5, 80)]

# One line per document: revision, place, areas drawn, cover, furniture,
# date, kind, total, heading, lists, tables (the codes are explained in
# the functions below).
VARIANTS = [
    ('2008', 'Västerbo', [1, 8], 'upper', 'skl', 'gjordes', 'second',
     'kommunen', 'dot', 'caps', 'plain'),
    ('2008', 'Strandby', [2, 7], 'mixed', 'page', 'season', None,
     'none', 'omrade', 'table-bullets', 'procent'),
    ('2008', 'Kvarnås', [3, 5], 'evaluators', 'footer', 'range', 'first',
     'totalpoang', 'dot', 'lists', 'totalt'),
    ('2010', 'Furuby', [1, 7], 'upper', 'skl', 'slutet', 'first',
     'totalt', 'omrade', 'caps', 'procent'),
    ('2010', 'Tallvik', [7, 8], 'evaluators', 'footer', 'manad', 'second',
     'totalpoang', 'omrade-small', 'table-plain', 'plain'),
    ('2010', 'Mossby', [2, 7], 'upper-only', 'page', 'slutet', 'is-first',
     'kommunen', 'dot', 'caps', 'totalt'),
    ('2016', 'Holmsjö', [7, 8], 'bare', 'footer-bare', 'ar', 'second',
     'none', 'omrade', 'caps', 'procent'),
    ('2016', 'Björkås', [4, 7], 'mixed', 'skl', 'genomforde', 'gangen',
     'resultat', 'omrade-small', 'lists', 'totalt'),
    ('2016', 'Älvdala', [6, 7], 'evaluators', 'page', 'range', 'first',
     'far', 'dot', 'caps', 'plain'),
    ('2020', 'Ödeborg', [1, 4], 'bare', 'footer-bare', 'ar', 'first',
     'sin-forsta', 'omrade', 'table-plain', 'procent'),
    ('2020', 'Granviken', [2, 8], 'bare-only', 'footer-bare', 'manad',
     'first', 'far', 'omrade-small', 'table-bullets', 'plain'),
    ('2020', 'Lindås', [5, 6], 'split', 'footer', 'genomforde', 'second',
     'resultat', 'omrade', 'lists', 'totalt'),
    ('2016', 'Kvarnås', [3, 7], 'upper', 'footer', 'manad', 'first',
     'decimal', 'omrade', 'lists', 'summa'),
    ('2020', 'Västerbo', [3, 8], 'evaluators', 'skl', 'range', 'second',
     'totalt', 'dot', 'caps', 'procent'),
    ('2010', 'Strandby', [4, 7], 'bare', 'page', 'gjordes', None,
     'kommunen', 'omrade-small', 'table-plain', 'summa'),
    ('2020', 'Region Norrvik', [2, 6], 'mixed', 'footer', 'manad', 'first',
     'far', 'omrade', 'table-bullets', 'procent'),
    ('unseen', 'Furuby', [1, 3], 'mixed', 'footer', 'manad', 'first',
     'far', 'omrade', 'table-bullets', 'plain'),
]

# evaluation month/year per date code: (month or None, year, as stated,
# sentence with {gen} (genitive name), {name}, {as})
DATES = {
    'manad': (11, 2022, 'november månad år 2022',
              'Utvärderingen av {full} genomfördes i {as}'),
    'ar': (3, 2021, 'mars år 2021',
           'Utvärderingen av {full} genomfördes i {as}'),
    'slutet': (10, 2014, 'slutet av oktober 2014',
               'Kommunkompassen, som är en utvärdering av kommunen, '
               'genomfördes i {as}'),
    'gjordes': (9, 2008, 'september 2008',
                'En ny utvärdering gjordes i {as}'),
    'genomforde': (12, 2020, 'december 2020',
                   'I {as} genomförde {name} Kommunkompassen'),
    'range': (3, 2018, '12-14 mars 2018',
              'Utvärderingen av {full} genomfördes den {as}'),
    'season': (None, 2015, 'hösten 2015',
               'Den senaste utvärderingen av {full} gjordes {as}'),
}
KINDS = {
    'first': (' och var kommunens första utvärdering enligt '
              'Kommunkompassens kriterier', 'first'),
    'second': (' och var kommunens andra utvärdering enligt '
               'Kommunkompassens kriterier', 'repeat'),
    'is-first': ('. Det är kommunens första utvärdering', 'first'),
    'gangen': ('. Kommunen har nu genomgått en utvärdering enligt '
               'Kommunkompassen för andra gången', 'repeat'),
}


def total_sentence(code, name, gen, total):
    """The summary paragraph for total code CODE (None: no total)."""
    s = {
        'far': '{name} får {t} poäng i utvärderingen. Det ligger nästan i '
               'nivå med det genomsnittliga resultatet för kommuner som '
               'utvärderats, vilket är 475 poäng.',
        'totalt': 'Totalt fick {name} {t} av totalt 800 poäng, vilket kan '
                  'jämföras med Örebros 615 poäng.',
        'sin-forsta': 'I sin första utvärdering enligt kommunkompassen får '
                      '{name} kommuns {t} poäng. Resultaten är starkast '
                      'inom arbetsgivarområdet.',
        'totalpoang': '{name} fick en totalpoäng på {t}, att jämföra med '
                      'det nationella medelvärdet på 476.',
        'kommunen': '2014 fick kommunen {t} poäng, vilket är 66 poäng mer '
                    'än förra utvärderingen. Medianvärdet för landets '
                    'kommuner är 455 poäng.',
        'resultat': '{name} fick ett mycket högt resultat, {t} poäng, '
                    'vilket ligger på samma nivå som de bästa kommunerna.',
        'decimal': '{name} fick totalt {t},5 poäng.',
        'none': 'Det genomsnittliga resultatet för alla kommuner som gjort '
                'en första Kompass är ca 375 poäng. För alla kommuner som '
                'gjort en Kompass både en och flera gånger så är snittet '
                '473 poäng. Medianen för de utvärderade kommunerna är 468 '
                'poäng.',
    }[code]
    return s.format(name=name, gen=gen, t=total)


class Spec:
    def __init__(self, body, leading):
        self.lines = []
        self.body = body                # body text size, points
        self.leading = leading

    def __call__(self, *cmds):
        self.lines.extend(cmds)

    def para(self, text, size=None, bold=False, gap=None):
        self('size %g' % (size or self.body),
             'bold %s' % ('on' if bold else 'off'),
             'para ' + text, 'size %g' % self.body, 'bold off')
        if gap:
            self('gap %g' % gap)

    def heading(self, text, size):
        self('need 70')
        self.para(text, size, True, 4)


def area_numbers(score, n_rows=4):
    """Rows (achieved, max) summing to SCORE of 100."""
    maxes = [20, 25, 25, 30][:n_rows]
    ach = [m * score // 100 for m in maxes]
    ach[-1] += score - sum(ach)
    return list(zip(ach, maxes))


def cover(s, code, rev, full, bare, date):
    year = date[1]
    s('cursor 260', 'align center')
    if code in ('upper', 'upper-only'):
        s.para('KOMMUNKOMPASSEN', 26, True, 10)
        s.para('ANALYS AV', 14, True, 4)
        s.para(full.upper() + ' %d' % year, 18, True, 14)
    elif code == 'evaluators':
        s.para('KommunKompassen', 26, True, 10)
        s.para(full.upper(), 18, True, 4)
        mon = MONTHS[date[0] - 1].upper() + ' ' if date[0] else ''
        s.para('%s%d' % (mon, year), 14, True, 4)
        s.para('ANALYS AV', 12, True, 10)
        s.para('Utvärderare: Anna Exempel, senior konsult (SKL) och '
               'Per Prov, Testby kommun', 10, False, 4)
    elif code == 'split':
        # the name split over lines: "Analys av" / "Lindås" / "kommun"
        s.para('Kommunkompassen', 26, True, 10)
        s('leading 1.1')
        for w in ['Analys av'] + full.split():
            s.para(w, 18, True)
        s('leading %g' % s.leading)
    elif code in ('bare', 'bare-only'):
        s.para('Kommunkompassen', 26, True, 10)
        s.para('Analys av ' + bare, 18, True, 10)
        if date[0]:
            s.para('%s %d' % (MONTHS[date[0] - 1].capitalize(), year), 12)
    else:
        s.para('Kommunkompassen', 26, True, 10)
        s.para('Analys av ' + full, 18, True, 10)
    s('align left', 'page')


def contents(s, rev, nums, dot):
    """A contents page as in Strängnäs 2014: chapters and "Område N Title
    ... page" entries, bold at body size."""
    s.heading('Innehåll', 14)
    s.para('1%s Vad är Kommunkompassen? ........ 3' % dot)
    s.para('3%s Detaljerad genomgång per område ........ 5' % dot)
    for k, n in enumerate(nums):
        s.para('Område %d %s ........ %d' % (n, AREAS[rev][n - 1], 5 + 2 * k),
               None, True)
    s('page')


def furniture(s, code, full, bare):
    s('pagenum 3', 'size 9')
    if code == 'skl':
        s('header Sveriges Kommuner och Landsting 2015-01-09 | {page} (24)')
    elif code == 'footer':
        s('footer Kommunkompassen Analys av %s | {page}' % full)
    elif code == 'footer-bare':
        s('footer Kommunkompassen Analys av %s {page}' % bare)
    else:
        s('footer | {page}')
    s('size %g' % s.body)


def intro(s, v, place, truth):
    rev, name, nums, cov, furn, dcode, kcode, tcode, head = v[:9]
    full, bare, gen = PLACES[name]
    dot = '.' if head == 'dot' else ''
    s.heading('1%s Vad är Kommunkompassen?' % dot, 16)
    s.para('Kommunkompassen är ett verktyg för utvärdering och analys av '
           'kommuners sätt att arbeta. De åtta huvudområdena är:', gap=4)
    s('indent 4 20', 'bullet U+2022')
    for a in AREAS[rev]:
        s('item ' + a)
    s('gap 10')
    s.heading('2%s %s i förhållande till Kommunkompassen: En '
              'sammanfattande genomgång' % (dot, name), 16)
    month, year, as_stated, sent = DATES[dcode]
    text = sent.format(full=full, gen=gen, name=name, **{'as': as_stated})
    if cov == 'bare-only':
        text = text.replace(full, name)
    if cov == 'upper-only':
        text = text.replace('Utvärderingen av ' + full, 'Utvärderingen')
    if kcode:
        text += KINDS[kcode][0].replace(
            'kommunens', 'regionens' if name.startswith('Region') else
            'kommunens')
    s.para(text + '. Utvärderarna har studerat dokument och genomfört '
           'intervjuer med ett 30-tal personer.', gap=8)
    ev = {'year': year, 'as_stated': as_stated}
    if month:
        ev['month'] = month
    if kcode:
        ev['kind'] = KINDS[kcode][1]
    truth['evaluation'] = ev
    truth['municipality'] = full


def area_lists(s, lists, a, strengths, improvements):
    if lists == 'caps' or lists == 'lists':
        for head, items, glyph in (
                ('STYRKOR' if lists == 'caps' else 'Styrkor', strengths,
                 'U+2022'),
                ('FÖRBÄTTRINGSOMRÅDEN' if lists == 'caps'
                 else 'Förbättringsområden', improvements,
                 'U+F0A7' if lists == 'caps' else 'U+2013')):
            s('need 60')
            s.para(head, None, True, 3)
            s('indent 0 16', 'bullet ' + glyph)
            for it in items:
                s('item ' + it)
            s('gap 6')
        a['strengths_heading'] = 'STYRKOR' if lists == 'caps' else 'Styrkor'
        if lists == 'caps':
            s('need 60')
            s.para('SAMMANFATTNING AV UTVÄRDERINGENS INTRYCK', None, True, 3)
            s.para(SUMMARY, gap=8)
            a['summary_of_impressions'] = SUMMARY
        return
    s('need 120', 'columns 227 228', 'padding 6', 'row', 'cell')
    s.para('Styrkor', None, True)
    s('cell')
    s.para('Förbättringsmöjligheter' if lists == 'table-bullets'
           else 'Förbättringsområden', None, True)
    s('endrow', 'row')
    for items in (strengths, improvements):
        s('cell')
        if lists == 'table-bullets':
            s('indent 4 18', 'bullet U+2022')
            for it in items:
                s('item ' + it)
        else:
            for k, it in enumerate(items):
                if k:
                    s('gap 8')
                s('para ' + it)
    s('endrow', 'gap 10')


def note(s):
    """A note after the strengths and improvements (inferred, see
    docs/variants.md): a bold label and a paragraph."""
    s('need 40')
    s.para('Kommentar', None, True, 2)
    s.para('Utvärderarna noterar att flera av förbättringsområdena hänger '
           'ihop med styrningen av kommunkoncernen.', gap=8)


def area(s, v, n, score, truth):
    rev, head, lists = v[0], v[8], v[9]
    title = AREAS[rev][n - 1]
    strengths = STRENGTHS[(n % 2):(n % 2) + 3]
    improvements = IMPROVEMENTS[:2 + n % 2]
    a = {'number': n, 'title_in_detail_section': title,
         'score_in_detail_section': score, 'strengths': strengths,
         'improvements': improvements}
    s('gap 12', 'need 200')
    if head == 'dot':
        s.para('%d. %s' % (n, title), s.body * 1.2, True, 2)
        s.para('Poäng: %d av 100' % score, gap=6)
    else:
        # 'omrade-small': only a tenth larger than the body text
        s.para('Område %d %s' % (n, title),
               s.body * (1.3 if head == 'omrade' else 1.1), True, 6)
        topics = TOPICS[:4]
        s('columns 370 85', 'padding 6', 'row', 'cell')
        s.para('Rubriker', None, True)
        s('cell center')
        s.para('Poäng', None, True)
        s('endrow', 'row', 'cell', 'indent 4 20', 'bullet U+2022')
        for t in topics:
            s('item ' + t)
        s('cell center middle', 'size 20', 'para %d' % score,
          'size %g' % s.body,
          'endrow', 'gap 10')
        a['scorebox_headings'] = topics
    s.para('Allmänt', None, True, 2)
    s.para(BODY, gap=8)
    area_lists(s, lists, a, strengths, improvements)
    if lists != 'caps' and v[1] in NOTES:
        note(s)
        truth['variant']['note_after_lists'] = True
    truth['areas'].append(a)


# Names that drift between the detail section and the final table in real
# reports (Alingsås 2022, Åmål 2019, Lindesberg 2021).
DRIFT = {
    'Chefs- och ledarskap samt medarbetarskap':
        'Chef- och ledarskap samt medarbetarskap',
    'Kommunen som arbetsgivare personalpolitik':
        'Kommunen som arbetsgivare - personalpolitik',
    'Samspel mellan förtroendevalda och medborgare':
        'Offentlighet och demokrati',
}
# Documents that keep Lindesberg's kind of inconsistencies: a drifting
# table title, and a first area whose table total is one more than the
# detail section's score (so the stated total differs from the tables').
INCONSISTENT = ('Granviken', 'Ödeborg', 'Älvdala')
# Documents with a note after each area's strengths and improvements.
NOTES = ('Lindås', 'Tallvik', 'Strandby', 'Björkås')


def inconsistencies(truth, n, score, title, table_title, first):
    """The truth entries for area N of an INCONSISTENT document."""
    out = []
    if table_title != title:
        out.append({'kind': 'area_title_detail_vs_table', 'area': n,
                    'detail_section': title, 'table': table_title,
                    'severity': 'naming'})
    if first:
        out.append({'kind': 'area_score_detail_vs_table', 'area': n,
                    'detail_section': score, 'table_total': score + 1,
                    'severity': 'numeric'})
        if truth['stated_total_score'] is not None:
            out.append({'kind': 'total_vs_table_sum',
                        'stated_total': truth['stated_total_score'],
                        'sum_of_table_totals':
                        truth['computed']['sum_of_table_totals'],
                        'severity': 'numeric'})
    return out


def tables(s, v, nums, scores, truth):
    rev, head, style = v[0], v[8], v[10]
    bad = v[1] in INCONSISTENT
    if bad:
        truth['computed']['sum_of_table_totals'] += 1
    title = {'plain': '4. Översikt av poängfördelning',
             'procent': 'Översikt av poängfördelning',
             'totalt': '5 Poäng per område',
             'summa': '5. Översikt av poängfördelning'}[style]
    s('page')
    s.heading(title, 16)
    cols = ['Uppnått', 'Max'] + (['Procent'] if style != 'plain' else [])
    for n, detail in zip(nums, scores):
        a = next(x for x in truth['areas'] if x['number'] == n)
        t = AREAS[rev][n - 1]
        score = detail
        if bad:
            truth['inconsistencies'] += inconsistencies(
                truth, n, detail, t, DRIFT.get(t, t), n == nums[0])
            score += n == nums[0]
            t = DRIFT.get(t, t)
        heading = '%d. %s' % (n, t)
        widths = '255 70 70' + (' 70' if len(cols) == 3 else '')
        s('need 150', 'columns ' + widths, 'padding 4', 'row', 'cell')
        s.para(heading, None, True)
        for c in cols:
            s('cell right')
            s.para(c, None, True)
        s('endrow')
        rows = []
        for k, (ach, mx) in enumerate(area_numbers(score), 1):
            rid = '%d.%d' % (n, k)
            if head == 'dot' or rev in ('2008', '2010', '2016'):
                rt = ('Finns det en kommunövergripande strategi för %s och '
                      'följs den upp?' % TOPICS[k - 1].lower())
            else:
                rt = TOPICS[k - 1]
            pct = round(100 * ach / mx) if len(cols) == 3 else None
            s('row', 'cell', 'para %s %s' % (rid, rt))
            s('cell right bottom', 'para %d' % ach, 'cell right bottom',
              'para %d' % mx)
            if pct is not None:
                s('cell right bottom', 'para %d%s' %
                  (pct, ' %' if style == 'procent' else '%'))
            s('endrow')
            rows.append({'id': rid, 'title': rt, 'achieved': ach,
                         'max': mx, 'percent_or_null': pct})
        s('row', 'cell')
        if style in ('totalt', 'summa'):
            s('para ' + style.capitalize())
        s('cell right', 'bold on', 'para %d' % score, 'cell right',
          'para 100')
        if len(cols) == 3:
            s('cell right', 'para %d%s' %
              (score, ' %' if style == 'procent' else '%'))
        s('bold off', 'endrow', 'gap 15')
        a.update({'table_heading': heading, 'title_in_table': t,
                  'table_columns': cols, 'table_rows': rows,
                  'table_total': {'achieved': score, 'max': 100,
                                  'percent_or_null':
                                  score if len(cols) == 3 else None}})


def document(v, style):
    rev, name, nums, cov, furn, dcode, kcode, tcode, head, lists, tab = v
    full, bare, gen = PLACES[name]
    stem = 'kkvar-%s-%s' % (rev, name.lower().replace('ö', 'o')
                            .replace('ä', 'a').replace('å', 'a')
                            .replace(' ', '-'))
    scores = [50 + (7 * n + len(name) * 3) % 30 for n in nums]
    total = sum(scores)
    truth = {
        'schema_version': 1, 'file': stem + '.pdf',
        'source_note': 'Synthetic Kommunkompassen variant written by '
                       'tests/kkvariants.py from docs/variants.md; names '
                       'and numbers are invented.',
        'producer': 'drawn at test time by tests/pdfdraw.c (cairo)',
        'variant': {'revision': rev, 'cover': cov, 'furniture': furn,
                    'date': dcode, 'kind': kcode, 'total': tcode,
                    'heading': head, 'lists': lists, 'tables': tab},
        'doc_type': 'kommunkompass', 'format_revision': rev,
        'areas': []}
    font, body, leading, margin = style
    truth['variant']['type'] = '%s %gpt, leading %g' % (font, body, leading)
    s = Spec(body, leading)
    s('# %s: Kommunkompassen variant, revision %s, written by '
      'tests/kkvariants.py;' % (stem, rev),
      '# do not edit: change the generator and run it again.',
      'font ' + font, 'size %g' % body, 'leading %g' % leading,
      'margins %d %d %d %d' % ((margin,) * 4))
    cover(s, cov, rev, full, bare, DATES[dcode])
    furniture(s, furn, full, bare)
    if len(name) % 2:
        contents(s, rev, nums, '.' if head == 'dot' else '')
        truth['variant']['contents'] = True
    intro(s, v, name, truth)
    s.para('Sammanfattande kommentarer', None, True, 2)
    s.para(total_sentence(tcode, name, gen, total), gap=10)
    # a total with a decimal comma is not an integer total: absent
    truth['stated_total_score'] = (None if tcode in ('none', 'decimal')
                                   else total)
    truth['computed'] = {'sum_of_detail_section_scores': total,
                         'sum_of_table_totals': total,
                         'area_count': len(nums)}
    s('page')
    s.heading('3%s Detaljerad genomgång per område' %
              ('.' if head == 'dot' else ''), 16)
    for n, score in zip(nums, scores):
        area(s, v, n, score, truth)
    if nums[0] % 2:
        # a chapter between the last area and the final tables
        s.heading('%d%s Avslutande reflektioner' %
                  (4, '.' if head == 'dot' else ''), 16)
        s.para('Utvärderarna vill avslutningsvis lyfta fram kommunens '
               'arbete med styrning och uppföljning.', gap=8)
        truth['variant']['chapter_after_areas'] = True
    truth['inconsistencies'] = []
    tables(s, v, nums, scores, truth)
    if not len(name) % 2:
        # a chapter after the final tables (Strängnäs 2014: "Kortfakta")
        s('gap 10')
        s.heading('Kortfakta om %s' % full, 16)
        s.para('%s har cirka 12 000 invånare. Den största arbetsgivaren '
               'är kommunen.' % name, gap=8)
        truth['variant']['chapter_after_tables'] = True
    if rev == 'unseen':
        truth = {k: truth[k] for k in ('schema_version', 'file',
                                       'source_note', 'producer',
                                       'variant')}
        truth['doc_type'] = 'unknown'
    return stem, '\n'.join(s.lines) + '\n', truth


def page_count(spec_path, tmp):
    """Pages of SPEC_PATH as drawn by the spec drawer."""
    pdf = os.path.join(tmp, 'doc.pdf')
    subprocess.run([os.environ.get('PDFDRAW', 'build/tests/pdfdraw'),
                    spec_path, pdf], check=True)
    info = subprocess.run(['pdfinfo', pdf], check=True, capture_output=True,
                          text=True).stdout
    return int(next(ln.split()[1] for ln in info.splitlines()
                    if ln.startswith('Pages:')))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else 'tests/data/docs'
    tmp = tempfile.mkdtemp()
    for i, v in enumerate(VARIANTS):
        stem, spec, truth = document(v, STYLES[i % len(STYLES)])
        with open(os.path.join(out, stem + '.spec'), 'w',
                  encoding='utf-8') as f:
            f.write(spec)
        truth['page_count'] = page_count(os.path.join(out, stem + '.spec'),
                                         tmp)
        with open(os.path.join(out, stem + '.truth.json'), 'w',
                  encoding='utf-8') as f:
            json.dump(truth, f, ensure_ascii=False, indent=1)
            f.write('\n')
    os.remove(os.path.join(tmp, 'doc.pdf'))
    os.rmdir(tmp)
    return 0


if __name__ == '__main__':
    sys.exit(main())
