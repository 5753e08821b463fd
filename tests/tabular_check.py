#!/usr/bin/env python3
"""tabular_check.py - reads skrapa's CSV and JSON back the way a researcher
would (pandas, json) and checks the types they come out with (docs/csv.md,
docs/json.md).  Run by tests/test_tabular.c; prints what is wrong, exits 1.

usage: tabular_check.py values RFC.csv EXCEL.csv OTHER.csv...
       tabular_check.py scores SCORES.csv
       tabular_check.py json REPORT.json
       tabular_check.py jsonl FILE.jsonl N
"""
import json
import sys

import pandas as pd

DTYPE = {"municipality_code": str, "revision": str, "date": str,
         "year": "Int64"}               # as README and docs/csv.md say
errors = []


def check(cond, what):
    if not cond:
        errors.append(what)


def values(rfc, excel, others):
    plain = pd.read_csv(rfc)                    # no options at all
    check(plain["area"].dtype == "int64", f"area is {plain['area'].dtype}")
    check(plain["page"].dtype == "int64", f"page is {plain['page'].dtype}")
    check(plain["id"].dtype == object, f"id is {plain['id'].dtype}")
    ids = set(plain["id"].dropna())
    check({"row 5.1", "row 5.10"} <= ids, f"row ids read as {sorted(ids)}")
    df = pd.read_csv(rfc, dtype=DTYPE)
    check(set(df["municipality_code"]) == {"0114"},
          f"codes {set(df['municipality_code'])}")
    check(str(df["year"].dtype) == "Int64", f"year is {df['year'].dtype}")
    check(df["revision"].iloc[0] == "2016", "revision text")
    bbox = df["bbox"].str.split(" ", expand=True).astype(float)
    check(bbox.shape[1] == 4 and (bbox[2] >= bbox[0]).all(), "bbox columns")
    cells = set(df["value"])
    check("'=HYPERLINK(\"http://example.invalid\",\"klicka\")" in cells,
          "formula cell not neutralised")
    check(not any(str(v)[:1] in "=+-@" for v in cells), "a cell starts "
          "with = + - @")
    sv = pd.read_csv(excel, sep=";", decimal=",", encoding="utf-8-sig",
                     dtype=DTYPE)
    check(list(sv.columns) == list(df.columns), f"excel-sv columns "
          f"{list(sv.columns)}")
    check(sv.drop(columns="bbox").equals(df.drop(columns="bbox")),
          "excel-sv values differ from rfc4180")
    check((sv["bbox"].str.replace(",", ".") == df["bbox"]).all(),
          "excel-sv bbox is not the rfc4180 one with decimal commas")
    frames = [df] + [pd.read_csv(o, dtype=DTYPE) for o in others]
    for f, name in zip(frames[1:], others):
        check(list(f.columns) == list(df.columns), f"{name}: columns differ")
    all_ = pd.concat(frames, ignore_index=True)
    check(all_["area"].dtype == "int64", f"concatenated area is "
          f"{all_['area'].dtype}")
    check(all_["id"].dtype == object, "concatenated id")
    check(str(all_["year"].dtype) == "Int64", "concatenated year (with "
          "gaps) is Int64")
    check(len(set(all_["family"])) == len(frames), "families")


def scores(path):
    df = pd.read_csv(path, dtype=DTYPE)
    for col in ("area", "score", "checks_failed"):
        check(df[col].dtype == "int64", f"{col} is {df[col].dtype}")
    check(df["theme"].dtype == object, "theme")
    check(set(df["theme"]) == {"efficiency", "quality"}, f"themes "
          f"{set(df['theme'])}")


def report_json(path):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    check(r["family"] == "kommunkompass", "family")
    check(r["municipality"]["code"] == "0114", "code")
    areas = r["area"]
    check(isinstance(areas, list) and len(areas) == 2, "area array")
    a = areas[0]
    check(a["number"] == 5 and a["score"] == 55 and a["theme"] ==
          "efficiency", f"area {a.get('number')}")
    rows = a["table"]["row"]
    check([x["id"] for x in rows] == ["5.1", "5.10"], "row ids")
    check(isinstance(a["strengths"]["item"], list), "items are an array")
    check(a["score-bbox"] == "300.00 20.00 320.00 34.00", "bbox text")
    flat = pd.json_normalize(areas)
    check(flat["score"].dtype == "int64", "json_normalize score")


def jsonl(path, n):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    check(len(lines) == int(n), f"{len(lines)} lines, expected {n}")
    reports = [json.loads(x) for x in lines]
    check(all("family" in r and "source" in r for r in reports), "keys")
    df = pd.read_json(path, lines=True)
    check(len(df) == int(n), "pandas read_json lines")


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    {"values": lambda: values(args[0], args[1], args[2:]),
     "scores": lambda: scores(args[0]),
     "json": lambda: report_json(args[0]),
     "jsonl": lambda: jsonl(args[0], args[1])}[mode]()
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
