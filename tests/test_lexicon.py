"""Checks of the event lexicon (events.yaml) and the CAMEO table (cameo.json) it points into.

Only files inside the repository are read: cameo.json is the shipped build of
scripts/build_cameo.py; the script itself is exercised on a small made-up reference folder.
"""
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "src" / "parley" / "data" / "lexicon"

from parley.events.lexicon import MODES  # noqa: E402
from parley.events.lexicon import QUAD as TYPES  # noqa: E402



TARGET_KEYS = {"obj", "iobj", "poss", "obj_poss"}
PREPOSITIONS = {"with", "on", "against", "to", "from", "for", "between", "at", "into", "of", "in",
                "over", "toward", "towards", "upon", "among", "across", "about", "behind",
                "around", "outside", "near", "along", "by"}
REPORTING_VERBS = {"say", "tell", "add", "state"}

REQUIRED = {"lemma", "type", "cameo", "mode", "target"}
OPTIONAL = {
    "verbs": {"particle", "objects", "modality", "reciprocal"},
    "nouns": {"requires", "reciprocal"},
}
MODALITIES = {"intended", "hypothetical"}


@pytest.fixture(scope="module")
def lexicon():
    with open(LEXICON / "events.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture(scope="module")
def cameo():
    with open(LEXICON / "cameo.json", encoding="utf-8") as f:
        return json.load(f)


def entries(lexicon):
    for kind in ("verbs", "nouns"):
        for i, entry in enumerate(lexicon[kind]):
            yield kind, f"{kind}[{i}] {entry.get('lemma')!r}", entry


def is_word_list(value):
    return (isinstance(value, list) and value and
            all(isinstance(w, str) and w == w.strip().lower() and w for w in value))


# ------------------------------------------------------------------------------ events.yaml

def test_lexicon_loads_with_its_sections(lexicon):
    assert set(lexicon) == {"verbs", "nouns", "light_verbs", "cameo_exceptions"}
    assert isinstance(lexicon["verbs"], list) and isinstance(lexicon["nouns"], list)


def test_entries_have_known_keys_of_the_right_kind(lexicon):
    bad = []
    for kind, where, e in entries(lexicon):
        if not isinstance(e, dict):
            bad.append(f"{where}: not a mapping")
            continue
        missing = REQUIRED - set(e)
        unknown = set(e) - REQUIRED - OPTIONAL[kind]
        if missing or unknown:
            bad.append(f"{where}: missing {sorted(missing)} unknown {sorted(unknown)}")
            continue
        lemma = e["lemma"]
        if not (isinstance(lemma, str) and lemma and lemma == lemma.strip().lower()
                and "  " not in lemma):
            bad.append(f"{where}: lemma must be a lowercase string")
        if kind == "verbs" and " " in lemma:
            bad.append(f"{where}: a verb lemma is one word (use particle for phrasal verbs)")
        if "particle" in e and not (isinstance(e["particle"], str) and e["particle"].isalpha()
                                    and e["particle"] == e["particle"].lower()):
            bad.append(f"{where}: particle {e['particle']!r} must be one lowercase word "
                       "(quote on/off in YAML)")
        if "objects" in e and not is_word_list(e["objects"]):
            bad.append(f"{where}: objects must be a non-empty list of lowercase words")
        if "requires" in e and not is_word_list(e["requires"]):
            bad.append(f"{where}: requires must be a non-empty list of lowercase words")
        if "modality" in e and e["modality"] not in MODALITIES:
            bad.append(f"{where}: modality {e['modality']!r}")
        if "reciprocal" in e and not isinstance(e["reciprocal"], bool):
            bad.append(f"{where}: reciprocal must be true or false")
    assert not bad, "\n".join(bad)


def test_types_and_modes_are_plover(lexicon):
    bad = []
    for _, where, e in entries(lexicon):
        if e["type"] not in TYPES:
            bad.append(f"{where}: unknown type {e['type']!r}")
        elif e["mode"] is not None and e["mode"] not in MODES[e["type"]]:
            bad.append(f"{where}: {e['mode']!r} is not a PLOVER mode of {e['type']}")
    assert not bad, "\n".join(bad)


def test_cameo_codes_exist_and_agree_with_cameo2plover(lexicon, cameo):
    codes = cameo["codes"]
    allowed = {(x["cameo"], x["type"]) for x in lexicon["cameo_exceptions"]}
    bad = []
    for _, where, e in entries(lexicon):
        code = e["cameo"]
        if not isinstance(code, str) or code not in codes:
            bad.append(f"{where}: CAMEO code {code!r} is not in cameo.json (quote it)")
        elif codes[code]["plover"] != e["type"] and (code, e["type"]) not in allowed:
            bad.append(f"{where}: CAMEO {code} is {codes[code]['plover']} in CAMEO2PLOVER, "
                       f"not {e['type']}")
    assert not bad, "\n".join(bad)


def test_cameo_exceptions_are_documented_real_and_used(lexicon, cameo):
    used = Counter((e["cameo"], e["type"]) for _, _, e in entries(lexicon))
    bad = []
    seen = set()
    for x in lexicon["cameo_exceptions"]:
        key = (x.get("cameo"), x.get("type"))
        if set(x) != {"cameo", "type", "reason"} or not str(x.get("reason", "")).strip():
            bad.append(f"{key}: needs cameo, type and a reason")
        if key in seen:
            bad.append(f"{key}: listed twice")
        seen.add(key)
        if x.get("type") not in TYPES or x.get("cameo") not in cameo["codes"]:
            bad.append(f"{key}: unknown code or type")
        elif cameo["codes"][x["cameo"]]["plover"] == x["type"]:
            bad.append(f"{key}: CAMEO2PLOVER already agrees; not an exception")
        if not used[key]:
            bad.append(f"{key}: no entry uses this exception")
    assert not bad, "\n".join(bad)


def test_targets_are_valid(lexicon):
    bad = []
    for _, where, e in entries(lexicon):
        target = e["target"]
        if not isinstance(target, list):
            bad.append(f"{where}: target must be a list")
            continue
        for t in target:
            ok = t in TARGET_KEYS or (isinstance(t, str) and t.startswith("prep:")
                                      and t[5:] in PREPOSITIONS)
            if not ok:
                bad.append(f"{where}: target key {t!r}")
        if len(set(map(str, target))) != len(target):
            bad.append(f"{where}: repeated target key")
    assert not bad, "\n".join(bad)


def test_no_duplicate_entries(lexicon):
    bad = []
    for kind in ("verbs", "nouns"):
        keys = Counter(
            (e["lemma"], e.get("particle"), frozenset(e.get("objects") or ()),
             frozenset(e.get("requires") or ()))
            for e in lexicon[kind])
        bad += [f"{kind}: {k[0]!r} particle={k[1]!r} objects={sorted(k[2])} "
                f"requires={sorted(k[3])} appears {n} times" for k, n in keys.items() if n > 1]
    assert not bad, "\n".join(bad)


def test_entries_sharing_a_lemma_do_not_tie(lexicon):
    """Same lemma and particle: no object (verbs) or required word (nouns) in two entries."""
    bad = []
    for kind, key in (("verbs", "objects"), ("nouns", "requires")):
        groups = {}
        for e in lexicon[kind]:
            if e.get(key):
                groups.setdefault((e["lemma"], e.get("particle")), []).append(e)
        for (lemma, particle), group in groups.items():
            words = Counter(w for e in group for w in set(e[key]))
            shared = sorted(w for w, n in words.items() if n > 1)
            if shared:
                bad.append(f"{kind} {lemma!r} particle={particle!r}: {shared} in several entries")
    assert not bad, "\n".join(bad)


def test_noun_bare_entry_comes_last(lexicon):
    """A coder that takes the first noun entry whose requires match must not reach the bare one first."""
    bad = []
    bare_at = {}
    for i, e in enumerate(lexicon["nouns"]):
        if not e.get("requires"):
            bare_at.setdefault(e["lemma"], i)
        elif e["lemma"] in bare_at:
            bad.append(f"nouns[{i}] {e['lemma']!r}: entry with requires after the bare entry")
    assert not bad, "\n".join(bad)


def test_reporting_verbs_are_not_triggers(lexicon):
    lemmas = {e["lemma"] for e in lexicon["verbs"]}
    assert not lemmas & REPORTING_VERBS
    assert not set(lexicon["light_verbs"]) & REPORTING_VERBS


def test_light_verbs(lexicon):
    lv = lexicon["light_verbs"]
    assert is_word_list(lv)
    assert len(set(lv)) == len(lv)
    assert all(" " not in v for v in lv)
    assert {"hold", "launch", "impose", "sign", "reach"} <= set(lv)


def test_coverage_of_all_types(lexicon):
    verbs = Counter(e["type"] for e in lexicon["verbs"])
    nouns = Counter(e["type"] for e in lexicon["nouns"])
    assert len(lexicon["verbs"]) >= 280
    assert len(lexicon["nouns"]) >= 140
    missing = [t for t in TYPES if verbs[t] + nouns[t] == 0]
    assert not missing
    assert all(verbs[t] > 0 for t in TYPES), {t: verbs[t] for t in TYPES}
    assert all(nouns[t] > 0 for t in TYPES), {t: nouns[t] for t in TYPES}


@pytest.mark.parametrize("kind,lemma,type_", [
    ("verbs", "accuse", "ACCUSE"), ("verbs", "attack", "ASSAULT"), ("verbs", "meet", "CONSULT"),
    ("verbs", "arrest", "COERCE"), ("verbs", "urge", "REQUEST"), ("verbs", "deploy", "MOBILIZE"),
    ("verbs", "praise", "SUPPORT"), ("verbs", "reject", "REJECT"), ("verbs", "threaten", "THREATEN"),
    ("verbs", "apologise", "CONCEDE"), ("verbs", "cooperate", "COOPERATE"), ("verbs", "donate", "AID"),
    ("verbs", "withdraw", "RETREAT"), ("verbs", "sanction", "SANCTION"), ("verbs", "protest", "PROTEST"),
    ("verbs", "agree", "AGREE"),
    ("nouns", "talks", "CONSULT"), ("nouns", "airstrike", "ASSAULT"), ("nouns", "prisoner swap", "RETREAT"),
    ("nouns", "sanctions", "SANCTION"), ("nouns", "hunger strike", "PROTEST"), ("nouns", "ceasefire", "RETREAT"),
])
def test_common_words_code_as_expected(lexicon, kind, lemma, type_):
    bare = [e for e in lexicon[kind] if e["lemma"] == lemma
            and not (e.get("particle") or e.get("objects") or e.get("requires"))]
    assert [e["type"] for e in bare] == [type_]


# ------------------------------------------------------------------------------- cameo.json

def test_cameo_json_entries(cameo):
    codes = cameo["codes"]
    assert len(codes) > 250
    bad = []
    for code, e in codes.items():
        if not (code.isdigit() and 2 <= len(code) <= 4):
            bad.append(f"{code}: bad code")
        if set(e) - {"name", "goldstein", "plover", "mode", "context"} or \
                not {"name", "goldstein", "plover", "mode"} <= set(e):
            bad.append(f"{code}: keys {sorted(e)}")
            continue
        g = e["goldstein"]
        if not isinstance(g, (int, float)) or isinstance(g, bool) or not -10 <= g <= 10:
            bad.append(f"{code}: goldstein {g!r} outside [-10, 10]")
        if not isinstance(e["name"], str) or not e["name"].strip():
            bad.append(f"{code}: no name")
        if e["plover"] is not None and e["plover"] not in TYPES:
            bad.append(f"{code}: plover {e['plover']!r}")
        if e["mode"] is not None and (e["plover"] is None or e["mode"] not in MODES[e["plover"]]):
            bad.append(f"{code}: mode {e['mode']!r} for {e['plover']}")
        if len(code) > 2 and code[:-1] not in codes and code[:-2] not in codes:
            bad.append(f"{code}: no parent code")
    assert not bad, "\n".join(bad)


def test_cameo_json_known_rows(cameo):
    codes = cameo["codes"]
    assert codes["042"] == {"name": "Make a visit", "goldstein": 1.9, "plover": "CONSULT",
                            "mode": "visit", "context": []}
    assert codes["041"]["mode"] == "phone"
    assert codes["0841"]["plover"] == "RETREAT" and codes["0841"]["mode"] == "release"
    assert codes["0871"]["mode"] == "ceasefire"
    assert codes["190"]["goldstein"] == -10.0
    assert codes["020"]["plover"] is None and codes["010"]["plover"] is None  # dropped by PLOVER
    for cue in ("03", "04", "05", "06", "07", "09", "10", "11", "12", "13", "14", "15", "16",
                "17", "18", "19", "20"):
        assert codes[cue]["plover"] in TYPES


def test_cameo_json_quad_classes(cameo):
    assert cameo["quad_class"] == TYPES


# ---------------------------------------------------------------------- scripts/build_cameo.py

def _load_builder():
    spec = importlib.util.spec_from_file_location("build_cameo", ROOT / "scripts" / "build_cameo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_builder_inherits_from_parent_codes(tmp_path):
    (tmp_path / "cameo").mkdir()
    (tmp_path / "plover").mkdir()
    (tmp_path / "cameo" / "CAMEO.eventcodes.txt").write_text(
        "CAMEOEVENTCODE\tEVENTDESCRIPTION\n02\tAPPEAL\n04\tCONSULT\n043\tHost a  visit \n"
        "0431\tHost a state visit\n08\tYIELD\n080\tYield\n084\tReturn\n", encoding="utf-8")
    (tmp_path / "cameo" / "CAMEO.goldsteinscale.txt").write_text(
        "CAMEOEVENTCODE\tGOLDSTEINSCALE\n02\t3.0\n04\t1.0\n043\t2.8\n08\t5.0\n080\t5.0\n084\t7.0\n",
        encoding="utf-8")
    (tmp_path / "plover" / "CAMEO2PLOVER-2021.txt").write_text(
        "# header\n04: CONSULT\n043: CONSULT, visit,   # Host a visit\n08: CONCEDE\n"
        "080: CONCEDE,   ,  # Yield\n08: RETREAT\n084: RETREAT, return , legal # Return\n",
        encoding="utf-8")
    codes = _load_builder().build(tmp_path)["codes"]
    assert codes["043"] == {"name": "Host a visit", "goldstein": 2.8, "plover": "CONSULT",
                            "mode": "visit", "context": []}
    assert codes["0431"]["goldstein"] == 2.8 and codes["0431"]["plover"] == "CONSULT"
    assert codes["02"]["plover"] is None
    assert codes["08"]["plover"] == "CONCEDE"          # the first "08" row wins
    assert codes["084"] == {"name": "Return", "goldstein": 7.0, "plover": "RETREAT",
                            "mode": None, "context": ["legal"]}  # 'return' is not a manual mode
