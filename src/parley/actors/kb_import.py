"""`parley kb import`: add or update people from a user's CSV or JSON, or a Wikidata JSON export.

CSV: one row per office, columns id, name, aliases (separated by |), gender, born, nationality,
role, title, code, sector, start, end; rows with the same id are one person.
JSON: a list of people in the knowledge base's own shape (see kb/people/*.yaml), or
{"people": [...]}.
Wikidata: an export with "entities" (as from Special:EntityData or wbgetentities) of people with
P569 (date of birth), P21 (sex or gender) and P39 (position held, with P580 start and P582 end
qualifiers). A position's title and actor code come from its English label when the export holds
the position's entity ("President of Russia" -> President, RUS); other positions are skipped and
reported. The entries are merged into the user knowledge base file ($PARLEY_KB or
~/.parley/kb-user.json), written atomically.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from .kb import KnowledgeBase, fold, merge_people, user_kb_path

SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "BUS", "MED", "CVL", "PRO", "REF",
           "NGO", "IGO", "REL", "ELI", "LAB", "EDU", "HLH"}
MALE, FEMALE = "Q6581097", "Q6581072"


class ImportError_(ValueError):
    pass


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def read_people(path: Path, kb: KnowledgeBase) -> tuple[list[dict[str, Any]], list[str]]:
    """People from the file, and warnings about what was skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportError_(f"{path}: not UTF-8 text ({e.reason})") from e
    if path.suffix.lower() == ".csv":
        return _from_csv(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportError_(f"{path}: invalid JSON: {e.msg} (line {e.lineno})") from e
    if isinstance(data, dict) and "entities" in data:
        if not isinstance(data["entities"], dict):
            raise ImportError_(f"{path}: 'entities' should map Wikidata ids to entities")
        return _from_wikidata(data["entities"], kb)
    people = data.get("people") if isinstance(data, dict) else data
    if not isinstance(people, list):
        raise ImportError_(f"{path}: expected a list of people, {{'people': [...]}} or a Wikidata export")
    return _validate(people)


def _validate(people: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    ok, warnings = [], []
    for i, p in enumerate(people, 1):
        if not isinstance(p, dict) or not p.get("name"):
            warnings.append(f"entry {i}: no name, skipped")
            continue
        p.setdefault("id", _slug(p["name"]))
        aliases = p.get("aliases") or []
        p["aliases"] = [aliases] if isinstance(aliases, str) else [a for a in aliases if isinstance(a, str)]
        offices = []
        for o in p.get("offices") or []:
            if not isinstance(o, dict):
                warnings.append(f"{p['id']}: an office that is not an object, skipped")
                continue
            for key in ("start", "end"):
                if o.get(key) and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(o[key])):
                    warnings.append(f"{p['id']}: office {o.get('role')!r} has a bad {key} date {o[key]!r}")
                    o[key] = None
            if not o.get("code") or o.get("sector") not in SECTORS:
                warnings.append(f"{p['id']}: office {o.get('role')!r} lacks a code or a valid sector, skipped")
                continue
            o.setdefault("title", o.get("role"))
            offices.append(o)
        p["offices"] = offices
        ok.append(p)
    return ok, warnings


def _from_csv(text: str) -> tuple[list[dict[str, Any]], list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [{(k or "").strip().lower(): v for k, v in r.items()} for r in csv.DictReader(io.StringIO(text), dialect=dialect)]
    if not rows or "name" not in rows[0]:
        raise ImportError_("CSV needs at least the columns id or name, and role, code, sector, start for offices")
    people: dict[str, dict[str, Any]] = {}
    for r in rows:
        r = {k.strip().lower(): (v or "").strip() for k, v in r.items() if k}
        pid = r.get("id") or _slug(r["name"])
        p = people.setdefault(pid, {"id": pid, "name": r["name"], "aliases": [], "gender": r.get("gender") or None,
                                    "born": r.get("born") or None, "nationality": r.get("nationality") or None,
                                    "offices": []})
        p["aliases"] += [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()]
        if r.get("role") or r.get("title"):
            p["offices"].append({"role": r.get("role") or r.get("title"), "title": r.get("title") or r.get("role"),
                                 "code": r.get("code") or p["nationality"], "sector": (r.get("sector") or "GOV").upper(),
                                 "start": r.get("start") or None, "end": r.get("end") or None})
    return _validate(list(people.values()))


def _time(snak: dict[str, Any]) -> str | None:
    try:
        t = snak["datavalue"]["value"]["time"]
    except (KeyError, TypeError):
        return None
    m = re.match(r"[+-]?(\d{4})-(\d{2})-(\d{2})", t)
    if not m:
        return None
    y, mo, d = m.groups()
    return f"{y}-{mo if mo != '00' else '01'}-{d if d != '00' else '01'}"


def _label(ent: dict[str, Any]) -> str | None:
    return ((ent.get("labels") or {}).get("en") or {}).get("value")


def _position(label: str, kb: KnowledgeBase) -> tuple[str, str | None, str]:
    """'President of Russia' -> ('President', 'RUS', 'GOV'); 'Minister of Foreign Affairs of Ukraine' ..."""
    code = None
    for t in re.split(r"\s+of\s+(?:the\s+)?|\s+to\s+", label)[1:] + [label]:
        for target in kb.lookup(t.strip()):
            if target.kind == "state":
                code = target.id
                break
            if target.kind in ("organisation", "organ"):
                code = kb.organisations[target.id.split("/")[0]]["code"]
                break
        if code:
            break
    if code is None:  # "Russian Minister of Defence": a country adjective
        for w in label.split():
            ts = [t for t in kb.lookup(w) if t.kind == "state"]
            if ts:
                code = ts[0].id
                break
    folded = fold(label)
    known = [k for k in kb.titles if len(k) > 3 and re.search(rf"\b{re.escape(k)}\b", folded)]
    if known:  # "Minister of Foreign Affairs of Kenya" -> the office title "Foreign Minister"
        longest = max(known, key=len)
        title = kb.canonical_title(longest).title()
    else:
        title = re.split(r"\s+of\s+", label)[0]
        title = re.sub(r"^(?:[A-Z][a-z]+ian|[A-Z][a-z]+ish|[A-Z][a-z]+ese)\s+", "", title)
    t = kb.titles.get(fold(title))
    sector = (t or {}).get("sector") or "GOV"
    return title, code, sector


def _from_wikidata(entities: dict[str, Any], kb: KnowledgeBase) -> tuple[list[dict[str, Any]], list[str]]:
    people, warnings = [], []
    for qid, ent in entities.items():
        claims = ent.get("claims") or {}
        if "P39" not in claims and "P569" not in claims:
            continue  # a position or other entity, not a person
        name = _label(ent)
        if not name:
            warnings.append(f"{qid}: no English label, skipped")
            continue
        aliases = [a["value"] for a in (ent.get("aliases") or {}).get("en", [])]
        born = next((_time(c["mainsnak"]) for c in claims.get("P569", []) if c.get("mainsnak")), None)
        sex = next((c["mainsnak"].get("datavalue", {}).get("value", {}).get("id") for c in claims.get("P21", [])), None)
        offices = []
        for c in claims.get("P39", []):
            pos = c.get("mainsnak", {}).get("datavalue", {}).get("value", {}).get("id")
            pos_label = _label(entities.get(pos) or {})
            if not pos_label:
                warnings.append(f"{name}: position {pos} has no label in the export, skipped")
                continue
            title, code, sector = _position(pos_label, kb)
            if code is None:
                warnings.append(f"{name}: cannot tell the country of {pos_label!r}, skipped")
                continue
            q = c.get("qualifiers") or {}
            offices.append({"role": pos_label, "title": title, "code": code, "sector": sector,
                            "start": next((_time(s) for s in q.get("P580", [])), None),
                            "end": next((_time(s) for s in q.get("P582", [])), None)})
        offices.sort(key=lambda o: o["start"] or "", reverse=True)
        nationality = next((o["code"] for o in offices if len(o["code"]) == 3), None)
        people.append({"id": _slug(name), "name": name, "aliases": aliases,
                       "gender": {MALE: "m", FEMALE: "f"}.get(sex or ""), "born": born,
                       "nationality": nationality, "offices": offices, "wikidata": qid})
    ok, more = _validate(people)
    return ok, warnings + more


def import_file(path: Path, kb: KnowledgeBase, user: Path | None = None) -> tuple[int, list[str]]:
    """Merge the file's people into the user knowledge base; (count, warnings)."""
    people, warnings = read_people(path, kb)
    user = user or user_kb_path()
    current: dict[str, Any] = {"people": [], "organisations": []}
    if user.exists():
        current = json.loads(user.read_text(encoding="utf-8"))
    merge_people(current.setdefault("people", []), people)
    user.parent.mkdir(parents=True, exist_ok=True)
    tmp = user.with_name(user.name + ".part")
    tmp.write_text(json.dumps(current, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(user)
    return len(people), warnings
