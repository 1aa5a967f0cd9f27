"""The watched people and companies: names, mute, and what the panels show of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from core.state import LibraryState
from ingest.config import Config, EntityConfig
from watchlist.entities import entity_id


@dataclass(frozen=True, slots=True)
class WatchedEntity:
    id: str
    kind: str
    name: str
    config: EntityConfig


@dataclass(frozen=True, slots=True)
class EntityProfile:
    entity_id: str
    name: str
    kind: str
    affiliation: str | None
    note: str | None
    muted: bool


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One line of the watchlist panel."""

    entity_id: str
    name: str
    kind: str  # "person" | "company"
    total: int
    unread: int
    per_day: tuple[int, ...] = ()
    muted: bool = False
    pending: bool = False  # counts not known yet: the archive is still loading


class Watchlist:
    def __init__(self) -> None:
        self.entities: list[WatchedEntity] = []
        self._by_id: dict[str, WatchedEntity] = {}
        self.muted: set[str] = set()

    def apply(self, config: Config) -> None:
        self.entities = [
            WatchedEntity(entity_id(entity.kind, entity.name), entity.kind, entity.name, entity)
            for entity in (*config.people, *config.companies)
        ]
        self._by_id = {watched.id: watched for watched in self.entities}

    def ids(self) -> set[str]:
        return set(self._by_id)

    def is_watched(self, entity: str) -> bool:
        return entity in self._by_id

    def alert_mode(self, entity: str) -> str:
        watched = self._by_id.get(entity)
        return watched.config.alert if watched is not None else "off"

    def name(self, entity: str) -> str:
        watched = self._by_id.get(entity)
        return watched.name if watched is not None else entity.split(":", 1)[-1]

    def names(self) -> dict[str, str]:
        return {watched.id: watched.name for watched in self.entities}

    def is_muted(self, entity: str) -> bool:
        return entity in self.muted

    def toggle_mute(self, entity: str) -> bool:
        """Mute or unmute; returns whether the entity is muted now."""
        if entity in self.muted:
            self.muted.discard(entity)
        else:
            self.muted.add(entity)
        return entity in self.muted

    def profile(self, entity: str) -> EntityProfile:
        watched = self._by_id.get(entity)
        if watched is not None:
            config = watched.config
            return EntityProfile(
                entity,
                watched.name,
                watched.kind,
                config.affiliation,
                config.note,
                entity in self.muted,
            )
        kind = entity.split(":", 1)[0]
        return EntityProfile(entity, self.name(entity), kind, None, None, entity in self.muted)

    def rows(self, state: LibraryState) -> list[EntityRow]:
        """The panel's rows, most mentioned first (by name while counts are pending)."""
        today = datetime.now(UTC).date()
        rows = []
        for watched in self.entities:
            # While the archive loads the state holds its newest rows only: no count yet.
            known = not state.partial
            total, unread, per_day = state.entity_stats(watched.id, today) if known else (0, 0, ())
            rows.append(
                EntityRow(
                    watched.id,
                    watched.name,
                    watched.kind,
                    total,
                    unread,
                    per_day,
                    watched.id in self.muted,
                    pending=not known,
                )
            )
        rows.sort(key=lambda row: (-row.total, row.name.casefold()))
        return rows
