#!/usr/bin/env python3
"""Build src/parley/data/lexicon/cameo.json from the CAMEO and PLOVER reference files.

    python scripts/build_cameo.py [--reference ../shared/reference] [--out src/parley/data/lexicon/cameo.json]

Inputs (under --reference, by default ../shared/reference relative to the repository root):

  cameo/CAMEO.eventcodes.txt      code <TAB> description; every code listed here gets an entry
  cameo/CAMEO.goldsteinscale.txt  code <TAB> Goldstein score
  plover/CAMEO2PLOVER-2021.txt    "code: TYPE, mode, context # comment" (Schrodt, 17-Sep-2021)

Output:

  {"codes": {"042": {"name": "Make a visit", "goldstein": 1.9, "plover": "CONSULT",
                     "mode": "visit", "context": []}, ...},
   "quad_class": {"AGREE": 1, ...},
   "_meta": {...}}

How each field is made:

- name: the description from CAMEO.eventcodes.txt with white space collapsed. Three
  descriptions carry typing or encoding slips in the source file and are repaired
  (NAME_FIXES below); the cue categories (two-digit codes) keep their capitals.
- goldstein: from CAMEO.goldsteinscale.txt. A code missing there takes the value of its
  nearest ancestor that has one (0431 -> 043 -> 04).
- plover, mode, context: from CAMEO2PLOVER. A code absent from the table takes its nearest
  ancestor's row. The table leaves out the cue categories 01 (MAKE PUBLIC STATEMENT) and
  02 (APPEAL) altogether, as the PLOVER manual drops them: those codes get plover null.
  "08" appears twice in the table (CONCEDE for 081-083, RETREAT for 084-087); the bare
  cue category 08 takes the first (CONCEDE), as does 080.
  Where a code has two rows (175) the first is used.
- mode: the table's second column, stripped. A few values in that column are not modes
  of the PLOVER manual (draft 0.8, the tables of modes in each event chapter); they are
  mapped onto the manual's modes by MODE_FIXES below, and every resulting mode is checked
  against PLOVER_MODES, so that the modes written here are the ones parley emits.
- context: the table's third column split on ";" (verbatim, possibly empty).
- quad_class: PLOVER's quad classes as in the project's spec (codes.md): 1 verbal
  cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "src" / "parley" / "data" / "lexicon" / "cameo.json"

from parley.events.lexicon import MODES as PLOVER_MODES  # noqa: E402 - the tables live in the package
from parley.events.lexicon import QUAD as QUAD_CLASS  # noqa: E402



# (PLOVER type, mode in CAMEO2PLOVER) -> mode of the PLOVER manual (None: no mode).
MODE_FIXES = {
    # 175 "Use tactics of violent repression": the mode column holds a context.
    ("ASSAULT", "pro_autocracy"): None,
    # 085: the table's own note says '"ease" is no longer a mode'.
    ("RETREAT", "ease"): None,
    # 0842 "Return, release property": 'return' is commented out of the manual's table.
    ("RETREAT", "return"): None,
    # 185/186 (assassination) and 200/202 (mass killing): the manual's 'targeted' covers
    # "assassinations and executions, as well as deliberate mass killings".
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    # 201/203 (mass expulsion, ethnic cleansing): 'cleansing' is commented out of the manual.
    ("ASSAULT", "cleansing"): None,
    # 1712 "Destroy property" is ASSAULT in the table with mode 'seize' (a COERCE mode).
    ("ASSAULT", "seize"): "destroy",
    # THREATEN 'restrict' covers "the banning of political activities of particular
    # parties or individuals"; COERCE 'restrict' covers "the banning of individuals or
    # organizations from political life".
    ("THREATEN", "political"): "restrict",
    ("THREATEN", "ban"): "restrict",
    ("COERCE", "ban"): "restrict",
}

# Slips in CAMEO.eventcodes.txt (an encoding error and two typing errors).
NAME_FIXES = {
    "044": "Meet at a 'third' location",
    "033": "Express intent to provide material aid, not specified below",
    "2041": "Use chemical, biological, or radiological weapons",
}


def read_table(path: Path) -> list[tuple[str, str]]:
    """Rows (code, value) of a two-column tab-separated file with a header line."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not re.fullmatch(r"\d{2,4}", parts[0].strip()):
            raise ValueError(f"{path}:{n}: cannot read {line!r}")
        rows.append((parts[0].strip(), " ".join(parts[1].split())))
    return rows


def read_cameo2plover(path: Path) -> dict[str, dict]:
    """code -> {"plover", "mode", "context"}; the first row for a code wins."""
    table: dict[str, dict] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        fields = [f.strip() for f in rest.split("#", 1)[0].split(",")]
        ptype = fields[0].upper()
        if ptype not in QUAD_CLASS:
            raise ValueError(f"{path}:{n}: unknown PLOVER type {ptype!r}")
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        context = []
        if len(fields) > 2:
            context = [c.strip() for c in ",".join(fields[2:]).split(";") if c.strip()]
        if mode is not None and (ptype, mode) in MODE_FIXES:
            if ptype == "ASSAULT" and mode == "pro_autocracy" and mode not in context:
                context.insert(0, mode)
            mode = MODE_FIXES[(ptype, mode)]
        if mode is not None and mode not in PLOVER_MODES[ptype]:
            raise ValueError(f"{path}:{n}: {mode!r} is not a PLOVER mode of {ptype}")
        table.setdefault(code, {"plover": ptype, "mode": mode, "context": context})
    return table


def ancestors(code: str):
    """The code itself, then its parents: 0431, 043, 04."""
    while len(code) >= 2:
        yield code
        code = code[:-1] if len(code) > 2 else ""


def build(reference: Path) -> dict:
    names = read_table(reference / "cameo" / "CAMEO.eventcodes.txt")
    scale = {c: float(v) for c, v in read_table(reference / "cameo" / "CAMEO.goldsteinscale.txt")}
    c2p = read_cameo2plover(reference / "plover" / "CAMEO2PLOVER-2021.txt")

    codes = {}
    for code, name in names:
        if code in codes:
            raise ValueError(f"CAMEO code {code} listed twice")
        goldstein = next((scale[a] for a in ancestors(code) if a in scale), None)
        if goldstein is None:
            raise ValueError(f"no Goldstein score for {code} or its parents")
        row = next((c2p[a] for a in ancestors(code) if a in c2p), None)
        codes[code] = {
            "name": NAME_FIXES.get(code, name),
            "goldstein": goldstein,
            "plover": row["plover"] if row else None,
            "mode": row["mode"] if row else None,
            "context": list(row["context"]) if row else [],
        }
    return {
        "_meta": {
            "generated_by": "scripts/build_cameo.py",
            "sources": ["cameo/CAMEO.eventcodes.txt", "cameo/CAMEO.goldsteinscale.txt",
                        "plover/CAMEO2PLOVER-2021.txt"],
            "note": "plover null: CAMEO cue categories 01 and 02 are dropped by PLOVER. "
                    "Modes are normalised to the PLOVER manual's modes (see the script).",
        },
        "codes": codes,
        "quad_class": dict(QUAD_CLASS),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE,
                    help="the shared reference folder (default: ../shared/reference from the repo root)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write cameo.json")
    args = ap.parse_args(argv)
    data = build(args.reference)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f' "_meta": {json.dumps(data["_meta"], ensure_ascii=False)},\n')
        f.write(' "codes": {\n')
        items = list(data["codes"].items())
        for i, (code, entry) in enumerate(items):
            sep = "," if i < len(items) - 1 else ""
            f.write(f"  {json.dumps(code)}: {json.dumps(entry, ensure_ascii=False)}{sep}\n")
        f.write(" },\n")
        f.write(f' "quad_class": {json.dumps(data["quad_class"])}\n')
        f.write("}\n")
    json.loads(args.out.read_text(encoding="utf-8"))  # the hand-written layout is valid JSON
    mapped = sum(1 for e in data["codes"].values() if e["plover"])
    print(f"wrote {args.out}: {len(data['codes'])} CAMEO codes, {mapped} mapped to PLOVER",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
