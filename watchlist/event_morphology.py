"""Word forms of the event trigger words, generated from a root listed once.

Outlets write the same event with a different person, tense or affix
("deixa", "deixou", "deixará", "deixando"; "steps down", "stepped down";
"merekrut", "direkrut", "perekrutan"), so the trigger tables name roots and
this module spells out their forms, one small table of rules per language:

* Portuguese verbs (`pt`): third person present, preterite and future,
  infinitive, gerund, optionally the participle (m/f, sg/pl) and enclitic
  objects ("contratou-o"). The conditional ("deixaria") is left out on
  purpose: it reports a rumour, not an event.
* English verbs (`en`): base, third person, past, participle and gerund,
  with "+" after a root that doubles its last consonant ("step+").
* Indonesian roots (`id_`): the active meN- form with its nasal
  assimilation (tunjuk > menunjuk, pinang > meminang, caplok > mencaplok),
  the passive di- form, the noun peN-...-an (perekrutan), each optionally
  with -kan, and the bare root (headlines: "Meta Gaet ...").

Forms are expanded once, when the trigger tables are built at import, into
regex alternations with accent classes and the word-start stems the
Aho-Corasick pass needs (see watchlist.event_trigger).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from watchlist.event_trigger import Trigger
from watchlist.textfold import fold

_ACCENTED = {"a": "aáàâã", "e": "eéê", "i": "ií", "o": "oóôõ", "u": "uú", "c": "cç"}


def _pattern(word: str) -> str:
    """A word as a regex: an accented letter also matches its bare form
    (outlets and feeds drop accents), spaces match any run of spaces."""
    out = []
    for char in word:
        base = fold(char)
        if char != base and base in _ACCENTED:
            out.append(f"[{_ACCENTED[base]}]")
        elif char == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(char))
    return "".join(out)


class Forms:
    """A set of word forms: their regex alternation and their stems."""

    __slots__ = ("words",)

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(dict.fromkeys(words))

    def __add__(self, other: Forms) -> Forms:
        return Forms(self.words + other.words)

    @property
    def regex(self) -> str:
        # Longest first, so "deixaram" is not cut to "deixa".
        ordered = sorted(self.words, key=len, reverse=True)
        return "(?:" + "|".join(_pattern(w) for w in ordered) + ")"

    @property
    def stems(self) -> str:
        """The fewest word starts that cover every form."""
        firsts = sorted({fold(w.split()[0]) for w in self.words}, key=len)
        kept: list[str] = []
        for first in firsts:
            if not any(first.startswith(k) for k in kept):
                kept.append(first)
        return " ".join(kept)


def trigger(way: str, forms: Forms, tail: str = r"\b", head: str = "") -> Trigger:
    """A trigger matching any of `forms`, then `tail` (a regex)."""
    return Trigger(way, forms.stems, f"{head}{forms.regex}(?:{tail})")


# --- Portuguese ----------------------------------------------------------------

_PT_FINITE = {
    # present 3sg/3pl, preterite 3sg/3pl, future 3sg/3pl, infinitive, gerund
    "ar": ("a", "am", "ou", "aram", "ará", "arão", "ar", "ando"),
    "er": ("e", "em", "eu", "eram", "erá", "erão", "er", "endo"),
    "ir": ("e", "em", "iu", "iram", "irá", "irão", "ir", "indo"),
}
_PT_PARTICIPLE = {"ar": "ad", "er": "id", "ir": "id"}


def pt(
    verb: str,
    *,
    finite: bool = True,
    participle: bool = False,
    clitics: bool = False,
    extra: str = "",
) -> Forms:
    """Forms of a regular Portuguese verb given as its infinitive
    ("contratar"); `extra` lists irregular forms, space-separated."""
    root, ending = verb[:-2], verb[-2:]
    endings = list(_PT_FINITE[ending])
    participle_of = _PT_PARTICIPLE[ending]
    if verb.endswith("ear"):
        # "nomear" > "nomeia", "nomeiam"; "estrear" > "estreia": the stressed
        # present takes an i
        endings[:2] = ["ia", "iam"]
    if ending == "ir" and root[-1] in "aeiou":
        # "destitui", "destituíram", "destituído"; "sai", "saíram", "saído"
        endings[:2] = ["i", "em"]
        endings[3] = "íram"
        participle_of = "íd"
    words: list[str] = []
    if finite:
        words += [root + e for e in endings]
    if participle:
        words += [root + participle_of + e for e in ("o", "a", "os", "as")]
    if clitics:
        # "contratou-o", "despede-se", "despediram-se": object or reflexive
        # after a hyphen (a plural's object is "-no": rare in news, left out)
        for e in (endings[0], endings[2]):
            words += [root + e + c for c in ("-o", "-a", "-os", "-as", "-se")]
        words += [root + e + "-se" for e in (endings[1], endings[3])]
    words += extra.split()
    return Forms(words)


# The auxiliaries of the compound past ("tem contratado", "havia deixado");
# the conditional "teria" is left out: it reports a rumour.
_PT_PERFECT = ("ter", "tem", "têm", "tinha", "tinham", "havia", "haviam", "tendo")


def pt_perfect(*verbs: str) -> Forms:
    """The compound past of regular Portuguese verbs ("tinha contratado",
    "disse ter comprado"), kept apart from the simple forms: the auxiliaries
    are everyday words, so they start small triggers of their own."""
    words: list[str] = []
    for verb in verbs:
        root, ending = verb[:-2], verb[-2:]
        done = root + _PT_PARTICIPLE[ending] + "o"
        words += [f"{aux} {done}" for aux in _PT_PERFECT]
    return Forms(words)


# --- English -------------------------------------------------------------------


def en(*verbs: str, past: str = "", base: bool = True) -> Forms:
    """Forms of English verbs: "step+" doubles ("stepped"), "take/took/taken"
    gives irregular past and participle. `base` False leaves the bare
    verb out ("exit" is also a noun)."""
    words: list[str] = []
    for verb in verbs:
        parts = verb.split("/")
        stem = parts[0].rstrip("+")
        double = parts[0].endswith("+")
        if stem.endswith(("s", "sh", "ch", "x", "z", "o")):
            third = stem + "es"
        elif re.search(r"[^aeiou]y$", stem):
            third = stem[:-1] + "ies"
        else:
            third = stem + "s"
        if double:
            ed, ing = stem + stem[-1] + "ed", stem + stem[-1] + "ing"
        elif stem.endswith("e"):
            ed, ing = stem + "d", stem[:-1] + "ing"
        elif re.search(r"[^aeiou]y$", stem):
            ed, ing = stem[:-1] + "ied", stem + "ing"
        else:
            ed, ing = stem + "ed", stem + "ing"
        pasts = parts[1:] or [ed]
        words += ([stem] if base else []) + [third, ing, *pasts]
    words += past.split()
    return Forms(words)


# --- Indonesian ----------------------------------------------------------------

_VOWELS = "aeiou"


def _nasal(root: str, prefix: str) -> str:
    """meN- / peN- before a root: the nasal takes the root's first sound and
    a voiceless k, p, t, s drops ("kucur" > "mengucur", "pinang" >
    "meminang", "tunjuk" > "menunjuk", "suntik" > "menyuntik"), except
    before a cluster ("promosi" > "mempromosikan")."""
    if root.startswith("per"):
        # the per- prefix keeps its p: "peroleh" > "memperoleh", noun "perolehan"
        return prefix + "m" + root if prefix == "me" else root
    first = root[0]
    cluster = len(root) > 1 and root[1] not in _VOWELS
    if first in _VOWELS:
        return prefix + "ng" + root
    if first in "kgh":
        return prefix + "ng" + (root[1:] if first == "k" and not cluster else root)
    if first in "pbfv":
        return prefix + "m" + (root[1:] if first == "p" and not cluster else root)
    if first in "tdcjz":
        return prefix + "n" + (root[1:] if first == "t" and not cluster else root)
    if first == "s" and not cluster:
        return prefix + "ny" + root[1:]
    return prefix + root  # l, m, n, r, w, y: "merekrut", "melantik"


def id_(
    *roots: str,
    active: bool = False,
    passive: bool = False,
    noun: bool = False,
    bare: bool = False,
    kan: bool = False,
    nya: bool = False,
) -> Forms:
    """Indonesian forms of each root: meN- (`active`), di- (`passive`),
    peN-...-an (`noun`), the bare root; `kan` adds the -kan forms of the
    verbs, `nya` the "-nya" of the bare root ("hengkangnya", "mundurnya")."""
    words: list[str] = []
    for root in roots:
        verbs = []
        if active:
            verbs.append(_nasal(root, "me"))
        if passive:
            verbs.append("di" + root)
        if bare:
            verbs.append(root)
        words += verbs
        if kan:
            words += [v + "kan" for v in verbs]
        if noun:
            words.append(_nasal(root, "pe") + "an")
        if nya:
            words.append(root + "nya")
    return Forms(words)


def nominal(forms: Forms) -> Forms:
    """Indonesian verbs made nouns by -nya: "direkrutnya X oleh Meta",
    "dipecatnya X dari OpenAI", "bergabungnya X ke Anthropic"; the one the
    event befell follows."""
    return Forms(w + "nya" for w in forms.words)


def pt_reflexive(*verbs: str) -> Forms:
    """Portuguese pronominal verbs, the pronoun before or after the verb:
    "se despede", "se despediu", "despediu-se", "se desligará", and the
    gerund of "está se despedindo", "despedindo-se"."""
    words: list[str] = []
    for verb in verbs:
        forms = pt(verb).words
        finite = list(forms[:6])  # present, preterite, future: 3sg and 3pl
        gerunds = [w for w in forms if w.endswith("ndo")]
        words += ["se " + w for w in finite + gerunds]
        words += [w + "-se" for w in finite[:4] + gerunds]
    return Forms(words)
