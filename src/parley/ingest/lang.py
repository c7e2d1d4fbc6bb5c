"""Language identification (py3langid ships its model: no download)."""
from __future__ import annotations

import re
from functools import lru_cache

SUPPORTED = {"en"}
UNLIKELY = {"pcm", "gcf", "gcr", "fuv", "guw", "ace", "bcl", "gom", "gug", "ltg", "crh", "kab", "kik", "nso", "ary",
            "arz", "sdh", "wuu", "ext", "lij", "vec", "wa", "an", "eo", "vo", "la", "grc", "hbo", "sa", "zxx", "uzs"}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Pidgins, creoles, dialects and ancient or constructed languages that news is hardly written in
    # pull short English or Arabic texts their way ("... near Maiduguri on Sunday" came out as Nigerian
    # Pidgin): the identifier chooses among the others.
    ident.set_languages([c for c in dict.fromkeys(ident.nb_classes) if c not in UNLIKELY])
    return ident


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:5000]
    if len(re.findall(r"[^\W\d_]{2,}", sample)) < 5:
        return None
    lang, prob = _identifier().classify(sample)
    return lang if prob >= 0.5 else None
