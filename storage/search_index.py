"""An in-memory inverted index of the whitespace-separated tokens of every article.

Why whitespace tokens make an exact substring index: a query word never holds
whitespace (the query is split on it), so every place it occurs in an
article's casefolded text lies inside one maximal run of non-whitespace
characters, a token. "The word occurs in the text" is therefore exactly "the
word occurs in one of the text's tokens". Finding the tokens that contain a
word is a scan of the vocabulary (a few thousand to a few hundred thousand
distinct tokens), not of 200 MB of bodies, and the answer needs no
verification: words inside words, punctuation, one-letter words and any
script are all exact, with no false positive and no false negative.
(casefold() maps character by character and never turns whitespace into
anything else or back; tests/test_search.py checks every code point, so
casefolding the whole text and splitting it gives the same tokens as any
other order.)

Layout:
- the vocabulary: token -> token number, and every token in one
  newline-separated string that str.find scans at C speed;
- postings per token: the numbers of the documents holding it, appended to
  an array('I') while the token is rare, folded into an int bitset once it is
  in 1 document in DENSE_RATIO or more (from there the bitset is smaller);
- documents are numbered 0, 1, 2, ... in indexing order. An article whose
  title changes is indexed again under a new number and the old number is
  retired (its id slot becomes None), so nothing is ever deleted from the
  postings.

A query ORs the bitsets of each word's tokens, expands them to one byte per
document, sets the bytes of the rare tokens' documents, ANDs the words and
picks the ids out with itertools.compress. Every loop over documents runs in
C (bytes.translate, extended-slice assignment, map over a bound method, int
bit operations), so a query costs milliseconds whatever it matches.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from storage.fold import fold_words

# A bitset costs docs/8 bytes, an array 4 bytes a document: past 1 document in
# 32 the bitset is the smaller, and ORing it is far cheaper than scattering.
DENSE_RATIO = 32
SETTLE_EVERY = 2048  # documents (or distinct tokens) between folds into bitsets

# _BIT[j][b] is bit j of byte b; _SHIFT[j][b] is (1 << j) when b is non-zero.
_BIT = [bytes((b >> j) & 1 for b in range(256)) for j in range(8)]
_SHIFT = [bytes((1 << j) if b else 0 for b in range(256)) for j in range(8)]


def _expand(bits: int, size: int) -> bytearray:
    """One byte (0 or 1) per document from a bitset (bit d = document d)."""
    packed = bits.to_bytes((size + 7) // 8, "little")
    flags = bytearray(len(packed) * 8)
    for j in range(8):
        flags[j::8] = packed.translate(_BIT[j])
    del flags[size:]
    return flags


def _pack(flags: bytes | bytearray) -> int:
    """The bitset of a one-byte-per-document flag string (inverse of _expand)."""
    bits = 0
    for j in range(8):
        bits |= int.from_bytes(flags[j::8].translate(_SHIFT[j]), "little")
    return bits


def _scatter(flags: bytearray, docs: Iterable[int], value: int = 1) -> None:
    """flags[d] = value for every d in docs, looping in C rather than bytecode."""
    deque(map(flags.__setitem__, docs, itertools.repeat(value)), maxlen=0)


def _bitset(docs: array) -> int:
    """The bitset of an ascending array of document numbers."""
    if not docs:
        return 0
    low = docs[0] & ~7  # a whole byte lower, so the shift below stays byte-aligned
    flags = bytearray(docs[-1] - low + 1)
    _scatter(flags, map(operator.sub, docs, itertools.repeat(low)))
    return _pack(flags) << low


@dataclass(slots=True)
class Part:
    """An index's postings without its ids: what a worker process sends back."""

    tokens: list[str]  # in token-number order
    dense: dict[int, int]
    rare: list[array]


class _Vocabulary(dict[str, int]):
    """token -> token number; looking up an unknown token gives it the next number."""

    __slots__ = ("added",)

    def __init__(self) -> None:
        super().__init__()
        self.added: list[str] = []  # tokens the caller has not seen yet

    def __missing__(self, token: str) -> int:
        number = len(self)
        self[token] = number
        self.added.append(token)
        return number


class TokenIndex:
    """Documents (title + body) by article id; queries by folded words (storage.fold)."""

    def __init__(self, *, dense_ratio: int = DENSE_RATIO, settle_every: int = SETTLE_EVERY) -> None:
        self._dense_ratio = dense_ratio
        self._settle_every = settle_every
        self._vocab = _Vocabulary()
        self._rare: list[array] = []  # token number -> documents not yet in a bitset
        self._dense: dict[int, int] = {}  # token number -> bitset of documents
        self._ids: list[str | None] = []  # document number -> article id (None: retired)
        self._titles: list[str] = []  # document number -> the title indexed
        self._doc_of: dict[str, int] = {}  # article id -> its live document number
        self._blob = ""  # every token, newline-separated, in token-number order
        self._starts = array("I")  # token number -> where it starts in _blob

    def __len__(self) -> int:
        return len(self._doc_of)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._doc_of

    def ids(self) -> list[str]:
        return list(self._doc_of)

    def indexed_title(self, article_id: str) -> str | None:
        doc = self._doc_of.get(article_id)
        return None if doc is None else self._titles[doc]

    def discard(self, article_id: str) -> None:
        doc = self._doc_of.pop(article_id, None)
        if doc is not None:
            self._ids[doc] = None
            self._titles[doc] = ""

    def add(self, documents: Iterable[tuple[str, str, str]]) -> None:
        """Index (article id, title, body) triples; an id indexed before is replaced."""
        vocab = self._vocab
        rare = self._rare
        lookup = vocab.__getitem__
        append = array.append
        touched: set[int] = set()
        for article_id, title, body in documents:
            self.discard(article_id)
            doc = len(self._ids)
            self._ids.append(article_id)
            self._titles.append(title)
            self._doc_of[article_id] = doc
            numbers = list(map(lookup, set(fold_words(f"{title}\n{body}"))))
            while len(rare) < len(vocab):
                rare.append(array("I"))
            deque(map(append, map(rare.__getitem__, numbers), itertools.repeat(doc)), maxlen=0)
            touched.update(numbers)
            if len(touched) > self._settle_every or doc % self._settle_every == 0:
                # Often enough that frequent tokens never pile up as arrays:
                # 4 bytes a posting would be 50 MB at 100k articles.
                self._settle(touched)
                touched.clear()
        self._settle(touched)

    def export(self) -> Part:
        """The postings, to be merged into another index (see merge)."""
        self._settle(range(len(self._rare)))
        return Part(list(self._vocab), self._dense, self._rare)

    def merge(self, ids: list[str], titles: list[str], part: Part) -> None:
        """Append the documents of an index built elsewhere (in a worker process).

        `ids` and `titles` are those of part's documents 0, 1, 2, ... in order;
        the titles are taken from the caller, so the strings the store holds
        are shared rather than copied.
        """
        for article_id in ids:
            self.discard(article_id)
        base = len(self._ids)
        for doc, article_id in enumerate(ids, base):
            self._doc_of[article_id] = doc
        self._ids.extend(ids)
        self._titles.extend(titles)
        numbers = list(map(self._vocab.__getitem__, part.tokens))
        while len(self._rare) < len(self._vocab):
            self._rare.append(array("I"))
        for theirs, ours in enumerate(numbers):
            bits = part.dense.get(theirs)
            if bits:
                self._dense[ours] = self._dense.get(ours, 0) | bits << base
            self._rare[ours].extend(map(operator.add, part.rare[theirs], itertools.repeat(base)))
        self._settle(numbers)

    def _settle(self, tokens: Iterable[int]) -> None:
        """Fold the documents of frequent tokens into their bitsets."""
        size = len(self._ids)
        for token in tokens:
            docs = self._rare[token]
            if token in self._dense or len(docs) * self._dense_ratio >= size:
                self._dense[token] = self._dense.get(token, 0) | _bitset(docs)
                self._rare[token] = array("I")

    def _tokens_containing(self, word: str) -> list[int]:
        added = self._vocab.added
        if added:
            # Tokens join the searchable string in batches, at query time: a
            # poll's new tokens cost one string copy, not one each.
            offset = len(self._blob) + (1 if self._blob else 0)
            for token in added:
                self._starts.append(offset)
                offset += len(token) + 1
            self._blob = "\n".join([self._blob, *added]) if self._blob else "\n".join(added)
            added.clear()
        blob, starts, found = self._blob, self._starts, []
        position = blob.find(word)
        while position >= 0:
            token = bisect_right(starts, position) - 1
            found.append(token)
            if token + 1 >= len(starts):
                break
            position = blob.find(word, starts[token + 1])
        return found

    def search(self, words: Iterable[str]) -> list[str]:
        """Ids of the documents holding every (folded, non-empty) word."""
        size = len(self._ids)
        result: int | None = None
        # Longer words usually match fewer documents: an empty result ends early.
        for word in sorted(set(words), key=len, reverse=True):
            bits = 0
            flags: bytearray | None = None
            for token in self._tokens_containing(word):
                bits |= self._dense.get(token, 0)
                docs = self._rare[token]
                if docs:
                    if flags is None:
                        flags = bytearray(size)
                    _scatter(flags, docs)
            if flags is not None:
                bits |= _pack(flags)
            result = bits if result is None else result & bits
            if not result:
                return []
        if result is None:
            return []
        hits = _expand(result, size)
        return [article_id for article_id in itertools.compress(self._ids, hits) if article_id]


class TrackedArticles(dict[str, Any]):
    """The store's id -> Article table, noting which ids were assigned since asked.

    Why a table that remembers rather than a call in each store method:
    articles arrive through open, add, update_articles and refresh, and every
    one of those paths assigns into this table, so the search index learns of
    each new or changed article, including on paths added later, and catching
    up costs nothing until someone searches.

    Until someone follows, it is a plain dict at C speed: a Python __setitem__
    that noted nothing cost ~0.1 s of every start with 100,000 articles.
    follow() turns the instance into a _FollowedArticles, which notes changes.
    """

    __slots__ = ("_touched",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._touched: set[str] | None = None  # None: nobody is following

    def follow(self) -> None:
        """Start noting changes (again, from an empty set)."""
        self._touched = set()
        self.__class__ = _FollowedArticles

    def changed(self) -> set[str]:
        """The ids assigned or removed since follow() or the last call."""
        touched, self._touched = self._touched, set()
        return touched if touched is not None else set()


class _FollowedArticles(TrackedArticles):
    """A TrackedArticles someone follows: every change is noted."""

    __slots__ = ()
    _touched: set[str]

    def __setitem__(self, key: str, value: Any) -> None:
        dict.__setitem__(self, key, value)
        self._touched.add(key)

    def __delitem__(self, key: str) -> None:
        dict.__delitem__(self, key)
        self._touched.add(key)

    def pop(self, key: str, *default: Any) -> Any:
        self._touched.add(key)
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[str, Any]:
        key, value = dict.popitem(self)
        self._touched.add(key)
        return key, value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        self._touched.update(self)
        dict.clear(self)
