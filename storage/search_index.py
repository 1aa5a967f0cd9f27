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
- an index loaded from disk (search_disk.py) keeps the loaded postings where
  they lie, in one buffer (the base) read token by token when a query needs
  them, and a loaded bitset stays bytes until a query first uses it: loading
  costs no per-token work, so the first query after start need not wait;
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
import zlib
from array import array
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from functools import partial

from storage.fold import fold_words
from storage.search_bits import _bitset, _expand, _pack, _scatter
from storage.search_parts import Loaded, Part
from storage.search_tracking import TrackedArticles

__all__ = ["Loaded", "Part", "TokenIndex", "TrackedArticles"]

# A bitset costs docs/8 bytes, an array 4 bytes a document: past 1 document in
# 32 the bitset is the smaller, and ORing it is far cheaper than scattering.
DENSE_RATIO = 32
SETTLE_EVERY = 2048  # documents (or distinct tokens) between folds into bitsets
FOUND_KEPT = 256  # words whose tokens are remembered
SLICE = 10_000  # ids per C call in work on every id: a few ms each, so other threads run


def title_code(title: str) -> int:
    """A checksum of a title: an article whose title no longer matches it is indexed again."""
    return zlib.crc32(title.encode("utf-8", "surrogatepass"))


def _new_postings() -> array:
    return array("I")


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
    """Documents (title + texts) by article id; queries by folded words (storage.fold)."""

    def __init__(self, *, dense_ratio: int = DENSE_RATIO, settle_every: int = SETTLE_EVERY) -> None:
        self._dense_ratio = dense_ratio
        self._settle_every = settle_every
        self._vocab: _Vocabulary | None = _Vocabulary()  # None: not built since loading
        # token number -> documents not yet in a bitset (added since the base)
        self._rare: defaultdict[int, array] = defaultdict(_new_postings)
        self._dense: dict[int, int | memoryview] = {}  # token number -> bitset of documents
        self._base: Sequence[int] = array("I")  # loaded postings of rare tokens, in token order
        self._base_offsets: Sequence[int] = array("I", [0])  # token t: base[off[t]:off[t + 1]]
        self._base_folded: set[int] = set()  # tokens whose base postings are now in a bitset
        self._ids: list[str] = []  # document number -> article id ("": retired)
        self._title_codes = array("I")  # document number -> title_code of the title indexed
        self._whole = bytearray()  # document number -> 1 when the whole article was indexed
        self._numbers: dict[str, int] | None = {}  # id -> its live document number; None: unmade
        self._blob = ""  # every token, newline-separated, in token-number order
        self._starts: Sequence[int] = array("I")  # token number -> where it starts in _blob
        self.changes = 0  # documents added or retired since made, loaded or saved
        self._found: dict[str, tuple[list[int], int]] = {}  # word -> (tokens, tokens scanned)
        self._every: tuple[tuple[int, int], int] = ((0, 0), 0)
        # The store's shard files as they were when the index last matched them
        # (file name -> stat signature): what is unchanged needs no comparing.
        self.shards: dict[str, str] = {}

    @classmethod
    def from_loaded(cls, loaded: Loaded, ids: list[str] | None = None) -> TokenIndex:
        """The index `loaded` holds; `ids`, when given, are its ids as the archive's own strings."""
        index = cls()
        index._vocab = None
        index._ids = loaded.ids if ids is None else ids
        index._title_codes = loaded.title_codes
        index._whole = loaded.whole
        index._numbers = None  # a query needs none: made when a change or a field asks
        index.shards = loaded.shards
        index._blob = loaded.blob
        index._starts = loaded.starts
        index._dense = loaded.dense
        index._base = loaded.base
        index._base_offsets = loaded.base_offsets
        return index

    @property
    def _doc_of(self) -> dict[str, int]:
        numbers = self._numbers
        if numbers is None:
            numbers = {}
            for start in range(0, len(self._ids), SLICE):  # other threads run between
                numbers.update(zip(self._ids[start : start + SLICE], itertools.count(start)))
            numbers.pop("", None)  # retired numbers
            self._numbers = numbers
        return numbers

    def __len__(self) -> int:
        if self._numbers is None:
            return len(self._ids) - self._ids.count("")  # retired ones are ""
        return len(self._numbers)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._doc_of

    @property
    def documents(self) -> int:
        """Document numbers in use, retired ones included."""
        return len(self._ids)

    def ids(self) -> list[str]:
        return list(self._doc_of)

    def has_title(self, article_id: str, title: str) -> bool:
        """Whether the article is indexed, with this title."""
        doc = self._doc_of.get(article_id)
        return doc is not None and self._title_codes[doc] == title_code(title)

    def whole_ids(self) -> set[str]:
        """The articles indexed with their whole text (not only the feed's)."""
        return {i for i in itertools.compress(self._ids, self._whole) if i}

    def discard(self, article_id: str) -> None:
        doc = self._doc_of.pop(article_id, None)
        if doc is not None:
            self._ids[doc] = ""
            self._title_codes[doc] = 0
            self._whole[doc] = 0
            self.changes += 1

    def _vocabulary(self) -> _Vocabulary:
        vocab = self._vocab
        if vocab is None:
            # Only adding needs token -> number: a loaded index builds it then.
            vocab = self._vocab = _Vocabulary()
            if self._blob:
                vocab.update(zip(self._blob.split("\n"), range(len(self._starts)), strict=True))
        return vocab

    def add(self, documents: Iterable[tuple[str, str, str] | tuple[str, str, str, bool]]) -> None:
        """Index (article id, title, text[, whole]) tuples; an id indexed before is replaced.

        `whole`: the text holds the whole article, not only the feed's summary."""
        vocab = self._vocabulary()
        rare = self._rare
        lookup = vocab.__getitem__
        append = array.append
        touched: set[int] = set()
        for article_id, title, body, *whole in documents:
            self.discard(article_id)
            doc = len(self._ids)
            self._ids.append(article_id)
            self._title_codes.append(title_code(title))
            self._whole.append(1 if whole and whole[0] else 0)
            self._doc_of[article_id] = doc
            self.changes += 1
            numbers = list(map(lookup, set(fold_words(f"{title}\n{body}"))))
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
        self._settle(list(self._rare))
        return Part(list(self._vocabulary()), self._bitsets(), dict(self._rare))

    def merge(self, ids: list[str], titles: list[str], part: Part, whole: Iterable[bool]) -> None:
        """Append the documents of an index built elsewhere (in a worker process).

        `ids`, `titles` and `whole` are those of part's documents 0, 1, 2, ...
        in order; the ids are taken from the caller, so the strings the store
        holds are shared rather than copied.
        """
        for article_id in ids:
            self.discard(article_id)
        base = len(self._ids)
        for doc, article_id in enumerate(ids, base):
            self._doc_of[article_id] = doc
        self._ids.extend(ids)
        self._title_codes.extend(map(title_code, titles))
        self._whole.extend(1 if flag else 0 for flag in whole)
        self.changes += len(ids)
        numbers = list(map(self._vocabulary().__getitem__, part.tokens))
        for theirs, ours in enumerate(numbers):
            bits = part.dense.get(theirs)
            if bits:
                self._dense[ours] = self._bits(ours) | bits << base
            docs = part.rare.get(theirs)
            if docs:
                self._rare[ours].extend(map(operator.add, docs, itertools.repeat(base)))
        self._settle(numbers)

    def _bits(self, token: int) -> int:
        """The token's bitset as an int (0 when it has none); a loaded one is converted once."""
        bits = self._dense.get(token, 0)
        if not isinstance(bits, int):
            bits = self._dense[token] = int.from_bytes(bits, "little")
        return bits

    def _bitsets(self) -> dict[int, int]:
        return {token: self._bits(token) for token in list(self._dense)}

    def _base_docs(self, token: int) -> Sequence[int]:
        """The token's loaded postings not yet folded into its bitset."""
        offsets = self._base_offsets
        if token + 1 >= len(offsets) or token in self._base_folded:
            return ()
        return self._base[offsets[token] : offsets[token + 1]]

    def postings(self, token: int) -> tuple[int, Sequence[int], Sequence[int]]:
        """(bitset, loaded postings, postings since): where a token's documents are."""
        return self._bits(token), self._base_docs(token), self._rare.get(token, ())

    def tokens(self) -> list[str]:
        self._tokens_containing("")  # takes in the tokens added since the last query
        return self._blob.split("\n") if self._blob else []

    def title_codes(self) -> array:
        return self._title_codes

    def whole_flags(self) -> bytearray:
        return self._whole

    def raw_ids(self) -> list[str]:
        return self._ids

    def share_ids(self, start: int, ids: list[str]) -> None:
        """Put `ids`, strings equal to ids start, start + 1, ... (the archive's
        own), in their place, so the index holds no copies of its own."""
        self._ids[start : start + len(ids)] = ids
        if self._numbers is not None:
            # Keyed by the copies until now: rebuilt from the shared ids when next asked.
            self._numbers = None

    def _settle(self, tokens: Iterable[int]) -> None:
        """Fold the documents of frequent tokens into their bitsets."""
        size = len(self._ids)
        rare = self._rare
        for token in tokens:
            docs = rare.get(token, ())
            loaded = self._base_docs(token)
            count = len(docs) + len(loaded)
            if not count:
                continue
            if token in self._dense or count * self._dense_ratio >= size:
                bits = self._bits(token)
                if loaded:
                    bits |= _bitset(loaded)
                    self._base_folded.add(token)
                if docs:
                    bits |= _bitset(docs)
                    del rare[token]
                self._dense[token] = bits

    def _tokens_containing(self, word: str) -> list[int]:
        added = self._vocab.added if self._vocab is not None else None
        if added:
            # Tokens join the searchable string in batches, at query time: a
            # poll's new tokens cost one string copy, not one each.
            offset = len(self._blob) + (1 if self._blob else 0)
            starts = self._starts
            for token in added:
                starts.append(offset)  # type: ignore[attr-defined]
                offset += len(token) + 1
            self._blob = "\n".join([self._blob, *added]) if self._blob else "\n".join(added)
            added.clear()
        if not word:
            return []
        blob, starts = self._blob, self._starts
        # Tokens are only ever appended: a word looked up before needs only
        # the tokens added since (saved searches run again after every poll).
        found, scanned = self._found.pop(word, ([], 0))
        if scanned < len(starts):
            found = list(found)
            position = blob.find(word, starts[scanned])
            while position >= 0:
                token = bisect_right(starts, position) - 1
                found.append(token)
                if token + 1 >= len(starts):
                    break
                position = blob.find(word, starts[token + 1])
        self._found[word] = (found, len(starts))
        if len(self._found) > FOUND_KEPT:
            del self._found[next(iter(self._found))]  # the least recently looked up
        return found

    def search(self, words: Iterable[str]) -> list[str]:
        """Ids of the documents holding every (folded, non-empty) word."""
        return self.ids_of(self.match(words))

    def match(self, words: Iterable[str]) -> int:
        """The bitset of the documents holding every (folded, non-empty) word."""
        size = len(self._ids)
        result: int | None = None
        # Longer words usually match fewer documents: an empty result ends early.
        for word in sorted(set(words), key=len, reverse=True):
            bits = 0
            flags: bytearray | None = None
            for token in self._tokens_containing(word):
                dense, loaded, docs = self.postings(token)
                bits |= dense
                for scattered in (loaded, docs):
                    if scattered:
                        if flags is None:
                            flags = bytearray(size)
                        _scatter(flags, scattered)
            if flags is not None:
                bits |= _pack(flags)
            result = bits if result is None else result & bits
            if not result:
                return 0
        return result or 0

    def ids_of(self, bits: int) -> list[str]:
        """The ids of a bitset's documents."""
        if not bits:
            return []
        hits = _expand(bits, len(self._ids))
        return list(filter(None, itertools.compress(self._ids, hits)))  # retired ones are ""

    def bits_of(self, article_ids: Iterable[str]) -> int:
        """The bitset of these articles' documents (those not indexed are left out)."""
        flags = bytearray(len(self._ids))
        _scatter(flags, filter(partial(operator.is_not, None), map(self._doc_of.get, article_ids)))
        return _pack(flags)

    def every(self) -> int:
        """The bitset of every live document."""
        key = (len(self._ids), len(self._doc_of))  # never the same twice: ids only grow
        if self._every[0] != key:
            self._every = (key, _pack(bytes(map(bool, self._ids))))
        return self._every[1]
