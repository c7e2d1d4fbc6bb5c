#!/usr/bin/env python3
"""Validate hand-annotated CoNLL-U files (UD English EWT conventions).

Usage: python validate.py FILE.conllu [FILE.conllu ...]

Checks, per sentence:
  * every token line has exactly 10 tab-separated columns, no empty fields
  * `# sent_id` and `# text` comments are present; sent_ids are unique
  * word IDs are consecutive integers starting at 1
    (multiword-token ranges "3-4" and empty nodes "5.1" are allowed and skipped,
    as in UD_English-EWT itself)
  * HEAD is an integer within 0..n and never the token itself
  * exactly one token has HEAD 0, and it (and only it) has DEPREL `root`
  * the HEAD links form a tree (no cycles, every token reaches the root)
  * the `# text` line is reproduced exactly by joining FORMs according to
    SpaceAfter=No in MISC (multiword-token ranges use the range's FORM/MISC)
  * UPOS is one of the 17 Universal POS tags
  * DEPREL's universal part is one of the 37 UD relations
Warnings (not counted as errors): relation subtypes that UD_English-EWT v2.15
does not use (e.g. obl:tmod, which EWT v2.15 replaced with obl:unmarked).

Prints one line per problem and a summary; exits with status 1 on any error.
"""
import sys

UPOS = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
    "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
}
UD_RELS = {
    "acl", "advcl", "advmod", "amod", "appos", "aux", "case", "cc", "ccomp",
    "clf", "compound", "conj", "cop", "csubj", "dep", "det", "discourse",
    "dislocated", "expl", "fixed", "flat", "goeswith", "iobj", "list", "mark",
    "nmod", "nsubj", "nummod", "obj", "obl", "orphan", "parataxis", "punct",
    "reparandum", "root", "vocative", "xcomp",
}
# Subtyped relations that occur in UD_English-EWT v2.15.
EWT_SUBTYPES = {
    "acl:relcl", "advcl:relcl", "aux:pass", "cc:preconj", "compound:prt",
    "csubj:outer", "csubj:pass", "det:predet", "nmod:desc", "nmod:poss",
    "nmod:unmarked", "nsubj:outer", "nsubj:pass", "obl:agent", "obl:unmarked",
}


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"ERROR {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"WARNING {where}: {msg}")


def read_sentences(path):
    """Yield (first_line_number, [(line_number, line), ...]) per sentence."""
    block, start = [], None
    with open(path, encoding="utf-8") as fh:
        for no, raw in enumerate(fh, 1):
            line = raw.rstrip("\n").rstrip("\r")
            if line.strip() == "":
                if block:
                    yield start, block
                block, start = [], None
                continue
            if start is None:
                start = no
            block.append((no, line))
    if block:
        yield start, block


def check_sentence(path, start, block, rep, seen_ids):
    sent_id, text = None, None
    words = []          # (lineno, cols) for integer-ID words
    ranges = {}         # start id -> (end id, cols) for multiword tokens
    for no, line in block:
        where = f"{path}:{no}"
        if line.startswith("#"):
            if line.startswith("# sent_id = "):
                sent_id = line[len("# sent_id = "):]
            elif line.startswith("# text = "):
                text = line[len("# text = "):]
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            rep.error(where, f"expected 10 tab-separated columns, found {len(cols)}")
            continue
        if any(c == "" for c in cols):
            rep.error(where, "empty field (use _ for unspecified values)")
        if any(c != c.strip() or (" " in c and i not in (1, 2)) for i, c in enumerate(cols)):
            rep.error(where, "stray whitespace inside a field")
        tid = cols[0]
        if "." in tid:          # empty node (enhanced graphs only)
            continue
        if "-" in tid:
            try:
                a, b = (int(x) for x in tid.split("-"))
                ranges[a] = (b, cols)
            except ValueError:
                rep.error(where, f"bad multiword token range {tid!r}")
            continue
        words.append((no, cols))

    label = sent_id or f"(sentence at line {start})"
    swhere = f"{path}:{start} [{label}]"
    if sent_id is None:
        rep.error(swhere, "missing '# sent_id = ...'")
    elif sent_id in seen_ids:
        rep.error(swhere, f"duplicate sent_id (first at {seen_ids[sent_id]})")
    else:
        seen_ids[sent_id] = f"{path}:{start}"
    if text is None:
        rep.error(swhere, "missing '# text = ...'")
    if not words:
        rep.error(swhere, "sentence has no tokens")
        return 0

    n = len(words)
    # consecutive IDs
    ids_ok = True
    for i, (no, cols) in enumerate(words, 1):
        if cols[0] != str(i):
            rep.error(f"{path}:{no} [{label}]", f"ID {cols[0]!r} should be {i} (IDs must be consecutive from 1)")
            ids_ok = False
            break

    heads = {}
    roots = []
    for pos, (no, cols) in enumerate(words, 1):
        where = f"{path}:{no} [{label}] token {cols[0]} {cols[1]!r}"
        upos, head, deprel = cols[3], cols[6], cols[7]
        i = int(cols[0]) if cols[0].isdigit() else pos
        if upos not in UPOS:
            rep.error(where, f"UPOS {upos!r} is not a Universal POS tag")
        base = deprel.split(":")[0]
        if base not in UD_RELS:
            rep.error(where, f"DEPREL {deprel!r} is not a UD relation")
        elif ":" in deprel and deprel not in EWT_SUBTYPES:
            rep.warn(where, f"DEPREL subtype {deprel!r} is not used in UD_English-EWT v2.15")
        try:
            h = int(head)
        except ValueError:
            rep.error(where, f"HEAD {head!r} is not an integer")
            continue
        if h < 0 or h > n:
            rep.error(where, f"HEAD {h} out of range 0..{n}")
            continue
        if h == i:
            rep.error(where, "token is its own head")
            continue
        heads[i] = h
        if h == 0:
            roots.append(i)
            if deprel != "root":
                rep.error(where, f"HEAD 0 but DEPREL {deprel!r} (must be 'root')")
        elif deprel == "root":
            rep.error(where, f"DEPREL 'root' but HEAD {h} (must be 0)")
    if len(roots) != 1:
        rep.error(swhere, f"expected exactly one root (HEAD 0), found {len(roots)}: {roots}")

    # cycles / reachability
    if ids_ok and len(heads) == n:
        for i in range(1, n + 1):
            seen, cur = set(), i
            while cur != 0 and cur not in seen:
                seen.add(cur)
                cur = heads[cur]
            if cur != 0:
                rep.error(swhere, f"cycle in HEAD links involving token {i} ({words[i-1][1][1]!r})")
                break

    # text reconstruction
    if text is not None:
        out = []
        i = 1
        while i <= n:
            if i in ranges:
                end, cols = ranges[i]
                form, misc = cols[1], cols[9]
                i = end + 1
            else:
                cols = words[i - 1][1]
                form, misc = cols[1], cols[9]
                i += 1
            out.append(form)
            if "SpaceAfter=No" not in misc.split("|"):
                out.append(" ")
        rebuilt = "".join(out).rstrip(" ")
        if rebuilt != text:
            k = next((j for j, (a, b) in enumerate(zip(rebuilt, text)) if a != b),
                     min(len(rebuilt), len(text)))
            rep.error(swhere, "text not reproduced by FORM+SpaceAfter:\n"
                      f"    text:    {text!r}\n    rebuilt: {rebuilt!r}\n"
                      f"    first difference at character {k}: "
                      f"text {text[k:k+15]!r} vs rebuilt {rebuilt[k:k+15]!r}")
    return n


def main(argv):
    if not argv:
        print(__doc__.strip())
        return 2
    rep = Report()
    seen_ids = {}
    n_sent = n_tok = 0
    for path in argv:
        try:
            for start, block in read_sentences(path):
                n_sent += 1
                n_tok += check_sentence(path, start, block, rep, seen_ids)
        except OSError as exc:
            rep.error(path, str(exc))
    print(f"{len(argv)} file(s), {n_sent} sentences, {n_tok} tokens: "
          f"{rep.errors} error(s), {rep.warnings} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
