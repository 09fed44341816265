"""The taxonomy: categories, priorities and channels, loaded from data/taxonomy.yaml."""

from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any

import yaml

from tickets.errors import TousuError


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    name: str
    department: str
    description: str
    sla: bool = True
    # the category of a message with no content of its own (hello, thanks, 测试), set by rule
    content_free: bool = False
    # the category of what is not as advertised or described: a complaint that tells a claim and
    # then what belies it puts it first when the model finds it plausible (`models.belied_claims`)
    belied_claims: bool = False


# the flags that name the one category a rule files messages under, and what that category is for
RULE_CATEGORIES = {
    "content_free": "greetings, thanks and tests",
    "belied_claims": "what is not as advertised",
}


@dataclass(frozen=True, slots=True)
class Priority:
    code: str
    name: str
    description: str
    first_response_hours: float | None = None
    first_response_working_days: int | None = None
    resolution_hours: float | None = None
    resolution_working_days: int | None = None


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple[Category, ...]
    priorities: tuple[Priority, ...]
    channels: tuple[str, ...]
    escalation: dict[str, Any]

    @property
    def category_codes(self) -> tuple[str, ...]:
        return tuple(category.code for category in self.categories)

    @property
    def content_free_category(self) -> str | None:
        """Code of the category that takes messages with no content of its own, if any."""
        return self._rule_category("content_free")

    @property
    def belied_claim_category(self) -> str | None:
        """Code of the category of claims the complaint belies (not as advertised), if any."""
        return self._rule_category("belied_claims")

    def _rule_category(self, flag: str) -> str | None:
        """Code of the category marked with one of the `RULE_CATEGORIES` flags, if any."""
        return next((c.code for c in self.categories if getattr(c, flag)), None)

    def is_timed(self, category: str | None) -> bool:
        """Whether a ticket filed under `category` has deadlines: all but one whose category
        says `sla: false` (a message that is no complaint waits for no answer). A ticket whose
        category nobody has confirmed (None) is timed."""
        return all(c.sla for c in self.categories if c.code == category)

    @property
    def priority_codes(self) -> tuple[str, ...]:
        return tuple(priority.code for priority in self.priorities)

    def check_labels(self, category: str | None, priority: str | None) -> None:
        """Refuse a category or priority code the taxonomy does not have (None: not given)."""
        for head, value, allowed in (
            ("category", category, self.category_codes),
            ("priority", priority, self.priority_codes),
        ):
            if value is not None and value not in allowed:
                raise TousuError(
                    "label-unknown",
                    f"{head} {value!r} does not exist.",
                    f"use {', '.join(allowed)}.",
                )


def _entries(document: dict[str, Any], key: str, source: str, kind: type[Any]) -> list[Any]:
    fields = {f.name for f in dataclass_fields(kind)}
    required = {
        f.name
        for f in dataclass_fields(kind)
        if f.default is MISSING and f.default_factory is MISSING
    }
    entries = []
    for position, entry in enumerate(document.get(key) or [], start=1):
        if not isinstance(entry, dict):
            raise TousuError(
                "taxonomy-entry",
                f"{source}: {key} #{position} is not a mapping.",
                f"write each of {key} as `- code: ...` with fields {sorted(fields)}.",
            )
        unknown, missing = set(entry) - fields, required - set(entry)
        if unknown or missing:
            raise TousuError(
                "taxonomy-entry",
                f"{source}: {key} #{position} ({entry.get('code', '?')}) has unknown fields "
                f"{sorted(unknown)} and lacks {sorted(missing)}.",
                f"use only the fields {sorted(fields)}; {sorted(required)} are required.",
            )
        entries.append(kind(**entry))
    codes = [entry.code for entry in entries]
    if not codes or len(set(codes)) != len(codes):
        raise TousuError(
            "taxonomy-codes",
            f"{source}: {key} must list unique codes, got {codes}.",
            f"give each of {key} a distinct `code`.",
        )
    return entries


def parse_taxonomy(text: str, source: str = "<taxonomy>") -> Taxonomy:
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise TousuError(
            "taxonomy-yaml", f"{source} is not valid YAML: {error}", "fix the YAML syntax."
        ) from None
    categories = _entries(document, "categories", source, Category)
    for flag, meaning in RULE_CATEGORIES.items():
        flagged = [category.code for category in categories if getattr(category, flag)]
        if len(flagged) > 1:
            raise TousuError(
                f"taxonomy-{flag.replace('_', '-')}",
                f"{source}: categories {flagged} all say `{flag}: true`.",
                f"mark at most one category (the one for {meaning}) {flag}.",
            )
    return Taxonomy(
        categories=tuple(categories),
        priorities=tuple(_entries(document, "priorities", source, Priority)),
        channels=tuple(document.get("channels") or ()),
        escalation=dict(document.get("escalation") or {}),
    )


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate a taxonomy file."""
    return parse_taxonomy(path.read_text(encoding="utf-8"), str(path))
