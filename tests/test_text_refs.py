"""Text locations held packed: every location reads back as it was written."""

from __future__ import annotations

from storage.text_refs import TextRefs


def test_locations_read_back_as_written_whatever_their_size() -> None:
    refs = TextRefs()
    written = {
        "a": ("2026-01.jsonl", 0, 0),
        "b": ("2026-02.jsonl", 123_456, 2_048),
        "c": ("2026-01.jsonl", 1 << 40, (1 << 32) - 1),  # past 4 GB into a file
        "d": ("2026-03.jsonl", 5, 1 << 33),  # too long to pack: kept as it is
    }
    refs.update(written.items())
    refs["e"] = ("2026-04.jsonl", 7, 9)
    written["e"] = ("2026-04.jsonl", 7, 9)
    assert dict(refs.items()) == written
    assert {i: refs[i] for i in refs} == written
    assert refs.get("b") == written["b"] and refs.get("zz") is None
    assert len(refs) == 5 and "c" in refs and "zz" not in refs


def test_a_replaced_or_removed_location_is_gone() -> None:
    refs = TextRefs()
    refs["a"] = ("2026-01.jsonl", 10, 20)
    refs["a"] = ("2026-05.jsonl", 30, 40)
    assert refs["a"] == ("2026-05.jsonl", 30, 40)
    assert refs.pop("a") == ("2026-05.jsonl", 30, 40)
    assert refs.pop("a") is None and "a" not in refs and len(refs) == 0


def test_more_files_than_the_packed_number_holds() -> None:
    refs = TextRefs()
    refs.update((str(n), (f"file-{n}.jsonl", n, n)) for n in range(70_000))
    assert refs["69999"] == ("file-69999.jsonl", 69_999, 69_999)
    assert refs["3"] == ("file-3.jsonl", 3, 3)
