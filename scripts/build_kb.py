#!/usr/bin/env python3
"""Validate the knowledge base's YAML sources and compile them into src/parley/data/kb.json.

    python scripts/build_kb.py            # validate and write kb.json
    python scripts/build_kb.py --check    # validate; fail if kb.json is out of date

Sources (hand-written facts, src/parley/data/):
  kb/states.yaml         ISO 3166-1 states and territories: names, adjectives, capitals, seats of power
  kb/organisations.yaml  IGOs, NGOs and named armed groups, with their organs
  kb/people/*.yaml       people with gender, birth date, nationality and dated offices
  kb/roles.yaml          generic agents, titles and office synonyms
  kb/conflicts.yaml      conflicts with start (and end) dates
  gazetteer/*.yaml       cities, regions, seas and sites with coordinates (places.yaml, cities.yaml)
parley loads kb.json at run time (one fast JSON read, no YAML parsing).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "parley" / "data"
SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "BUS", "MED", "CVL", "PRO", "REF",
           "NGO", "IGO", "REL", "ELI", "LAB", "EDU", "HLH"}


def _load(path: Path):
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _date(v) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    s = str(v).strip()
    if re.fullmatch(r"\d{4}", s):
        return s
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return s + "-01"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return s
    raise ValueError(f"bad date {v!r}")


def _current_to(path: Path) -> str | None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    m = re.search(r"current to:\s*(\d{4}-\d{2})", first)
    return m.group(1) if m else None


def build() -> tuple[dict, list[str]]:
    errors: list[str] = []
    kb: dict = {"meta": {}, "states": [], "organisations": [], "people": [], "roles": {}, "conflicts": [],
                "places": []}
    current = []
    states_path = DATA / "kb" / "states.yaml"
    for s in _load(states_path) or []:
        if not re.fullmatch(r"[A-Z]{3}", str(s.get("code", ""))):
            errors.append(f"states.yaml: bad code in {s.get('name')}")
            continue
        kb["states"].append({"code": s["code"], "name": s["name"], "kind": s.get("kind", "state"),
                             "aliases": [str(a) for a in s.get("aliases") or []],
                             "adjectives": [str(a) for a in s.get("adjectives") or []],
                             "capital": s.get("capital"), "seats": [str(a) for a in s.get("seats") or []],
                             "lat": s.get("lat"), "lon": s.get("lon")})
    current.append(_current_to(states_path))
    codes = {s["code"] for s in kb["states"]}
    for o in _load(DATA / "kb" / "organisations.yaml") or []:
        if not o.get("code") or o.get("sector") not in SECTORS:
            errors.append(f"organisations.yaml: {o.get('id')}: missing code or bad sector {o.get('sector')}")
            continue
        kb["organisations"].append({"id": o["id"], "code": o["code"], "name": o["name"],
                                    "sector": o["sector"], "country": o.get("country"),
                                    "aliases": [str(a) for a in o.get("aliases") or []],
                                    "organs": [{"name": g["name"], "aliases": [str(a) for a in g.get("aliases") or []],
                                                "sector": g.get("sector") or o["sector"]}
                                               for g in o.get("organs") or []]})
    org_codes = {o["code"] for o in kb["organisations"]}
    seen: dict[str, str] = {}
    for path in sorted((DATA / "kb" / "people").glob("*.yaml")):
        current.append(_current_to(path))
        for p in _load(path) or []:
            where = f"{path.name}: {p.get('id')}"
            try:
                offices = []
                for o in p.get("offices") or []:
                    if o.get("sector") not in SECTORS:
                        errors.append(f"{where}: bad sector {o.get('sector')}")
                    if o.get("code") not in codes | org_codes and not re.fullmatch(r"[A-Z]{2,12}", str(o.get("code"))):
                        errors.append(f"{where}: bad office code {o.get('code')}")
                    offices.append({"role": o["role"], "title": o.get("title") or o["role"], "code": o["code"],
                                    "sector": o["sector"], "start": _date(o.get("start")), "end": _date(o.get("end"))})
                if not offices:
                    errors.append(f"{where}: no offices")
                if p["id"] in seen:  # the same person from two regional files: merge
                    prev = next(x for x in kb["people"] if x["id"] == p["id"])
                    prev["aliases"] += [str(a) for a in p.get("aliases") or [] if str(a) not in prev["aliases"]]
                    have = {(o["role"], o["start"]) for o in prev["offices"]}
                    prev["offices"] += [o for o in offices if (o["role"], o["start"]) not in have]
                    prev["offices"].sort(key=lambda o: o["start"] or "", reverse=True)
                    prev["born"] = prev["born"] or _date(p.get("born"))
                    continue
                seen[p["id"]] = path.name
                kb["people"].append({"id": p["id"], "name": p["name"],
                                     "aliases": [str(a) for a in p.get("aliases") or []],
                                     "gender": p.get("gender"), "born": _date(p.get("born")),
                                     "nationality": p.get("nationality"), "offices": offices})
            except (KeyError, ValueError, TypeError) as e:
                errors.append(f"{where}: {e}")
    roles = _load(DATA / "kb" / "roles.yaml") or {}
    kb["roles"] = {"agents": roles.get("agents") or [], "titles": roles.get("titles") or [],
                   "offices": roles.get("offices") or []}
    for c in _load(DATA / "kb" / "conflicts.yaml") or []:
        kb["conflicts"].append({"id": c["id"], "name": c["name"], "start": _date(c.get("start")),
                                "end": _date(c.get("end")), "parties": c.get("parties") or [],
                                "aliases": [str(a) for a in c.get("aliases") or []]})
    seen_places: dict[str, str] = {}
    for pl in (pl for f in sorted((DATA / "gazetteer").glob("*.yaml")) for pl in _load(f) or []):
        for n in [pl["name"], *(pl.get("aliases") or [])]:
            if str(n).casefold() in seen_places and seen_places[str(n).casefold()] != pl["name"]:
                errors.append(f"gazetteer: {n!r} names both {seen_places[str(n).casefold()]!r} and {pl['name']!r}")
            seen_places.setdefault(str(n).casefold(), pl["name"])
        kb["places"].append({"name": str(pl["name"]), "aliases": [str(a) for a in pl.get("aliases") or []],
                             "kind": pl.get("kind"), "country": pl.get("country"),
                             "lat": pl.get("lat"), "lon": pl.get("lon")})
    user_dir = DATA / "kb" / "user"
    kb["meta"] = {"current_to": min((c for c in current if c), default=None),
                  "counts": {k: len(v) for k, v in kb.items() if isinstance(v, list)}}
    del user_dir
    return kb, errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if kb.json differs from the sources")
    a = ap.parse_args()
    kb, errors = build()
    for e in errors:
        print("error:", e, file=sys.stderr)
    text = json.dumps(kb, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    out = DATA / "kb.json"
    if a.check:
        ok = out.exists() and out.read_text(encoding="utf-8") == text
        print("kb.json is up to date" if ok else "kb.json is out of date: run scripts/build_kb.py")
        sys.exit(0 if ok and not errors else 1)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(text) // 1024} KiB): {kb['meta']['counts']}, current to {kb['meta']['current_to']}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
