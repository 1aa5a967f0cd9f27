"""What a scenario returns (a Result: samples, a floor, a target) and the run sizes."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Sizes:
    feeds: int  # the large polls (cold 500, warm 500, churn on the archive)
    poll_feeds: int  # the 100-feed polls issue 18 compares with newsboat
    items: int
    new_items: int
    archive: int
    crash_rounds: int
    enrich_seconds: float  # per run; the rate is what is judged


FULL = Sizes(
    feeds=500, poll_feeds=100, items=50, new_items=5, archive=100_000, crash_rounds=200,
    enrich_seconds=20,
)  # fmt: skip
QUICK = Sizes(
    feeds=20, poll_feeds=10, items=10, new_items=5, archive=2_000, crash_rounds=10,
    enrich_seconds=2,
)  # fmt: skip


@dataclass(slots=True)
class Result:
    name: str
    unit: str  # how `values` are expressed: "s", "ms", "MB", "articles/s", "lost"
    values: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    target: str = "-"
    passed: bool | None = None  # None: no target (reported only)
    status: str | None = None  # "SKIP" or "ERROR" override the verdict
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    # The same job done by another reader (newsboat) in the same run, when installed.
    peer: list[float] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def floor(self) -> float | None:
        return statistics.median(self.floors) if self.floors else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor:
            return None
        return self.median / self.floor

    @property
    def peer_median(self) -> float | None:
        return statistics.median(self.peer) if self.peer else None

    @property
    def peer_ratio(self) -> float | None:
        """aiwire's time over the peer's: below 1 is faster than the peer."""
        if self.median is None or not self.peer_median:
            return None
        return self.median / self.peer_median

    @property
    def verdict(self) -> str:
        if self.status:
            return self.status
        if self.passed is None:
            return "INFO"
        return "PASS" if self.passed else "FAIL"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "values": self.values,
            "median": self.median,
            "min": min(self.values) if self.values else None,
            "max": max(self.values) if self.values else None,
            "floors": self.floors,
            "floor": self.floor,
            "ratio": self.ratio,
            "peer": self.peer,
            "peer_median": self.peer_median,
            "peer_ratio": self.peer_ratio,
            "target": self.target,
            "verdict": self.verdict,
            "notes": self.notes,
            "details": self.details,
        }


def spread(values: list[float], scale: float = 1.0) -> str:
    return ", ".join(f"{v * scale:.3g}" for v in values)
