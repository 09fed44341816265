"""Routing rules as data: ordered `{id, when, then}` rules, first match wins.

Loaded from data/rules/routing.yaml and validated against closed lists of fields and values,
so a typo is refused with the file, the rule id and what is allowed. A rule's `then` may leave
out the department: the category's department from the taxonomy applies.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tickets.errors import TousuError
from tickets.taxonomy import Taxonomy

CONDITIONS = (
    "category",
    "priority",
    "channel",
    "keywords",
    "product",
    "amount_at_least",
    "customer_tier",
    "repeat_complainant",
)
ACTIONS = ("department", "assignee_group", "notify", "cc_director", "priority_floor")


@dataclass(frozen=True)
class Complaint:
    """What a rule can look at."""

    category: str
    priority: str
    channel: str
    text: str
    product: str | None = None
    amount: float | None = None
    customer_tier: str | None = None
    # tickets of the same customer within the last N days (store-provided)
    recent_tickets: Callable[[int], int] = lambda days: 0


@dataclass(frozen=True)
class Rule:
    id: str
    when: dict[str, Any]
    then: dict[str, Any]

    def matches(self, complaint: Complaint) -> str | None:
        """Why the rule matches (a readable reason), or None."""
        reasons = []
        for condition, wanted in self.when.items():
            reason = _CHECKS[condition](complaint, wanted)
            if reason is None:
                return None
            reasons.append(reason)
        return "; ".join(reasons) or "fallback: no earlier rule matched"


def _in_list(attribute: str) -> Callable[[Complaint, Any], str | None]:
    def check(complaint: Complaint, wanted: list[str]) -> str | None:
        value = getattr(complaint, attribute)
        return f"{attribute} is {value}" if value in wanted else None

    return check


def _keywords(complaint: Complaint, wanted: list[str]) -> str | None:
    found = [word for word in wanted if word in complaint.text]
    return f"text mentions {'、'.join(found)}" if found else None


def _product(complaint: Complaint, wanted: list[str]) -> str | None:
    product = complaint.product or ""
    found = [name for name in wanted if name in product]
    return f"product is {product}" if found else None


def _amount(complaint: Complaint, wanted: float) -> str | None:
    amount = complaint.amount
    return f"amount {amount} >= {wanted}" if amount is not None and amount >= wanted else None


def _repeat(complaint: Complaint, wanted: dict[str, int]) -> str | None:
    count = complaint.recent_tickets(wanted["days"])
    if count >= wanted["tickets"]:
        return f"{count} tickets from this customer in {wanted['days']} days"
    return None


_CHECKS: dict[str, Callable[[Complaint, Any], str | None]] = {
    "category": _in_list("category"),
    "priority": _in_list("priority"),
    "channel": _in_list("channel"),
    "customer_tier": _in_list("customer_tier"),
    "keywords": _keywords,
    "product": _product,
    "amount_at_least": _amount,
    "repeat_complainant": _repeat,
}


@dataclass(frozen=True)
class Decision:
    rule_id: str
    reason: str
    department: str
    assignee_group: str
    notify: list[str] = field(default_factory=list)
    cc_director: bool = False
    priority_floor: str | None = None

    def actions(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "assignee_group": self.assignee_group,
            "notify": self.notify,
            "cc_director": self.cc_director,
            "priority_floor": self.priority_floor,
        }


class RoutingRules:
    def __init__(self, rules: list[Rule], taxonomy: Taxonomy) -> None:
        self.rules = rules
        self.taxonomy = taxonomy

    def route(self, complaint: Complaint) -> Decision:
        departments = {c.code: c.department for c in self.taxonomy.categories}
        for rule in self.rules:
            reason = rule.matches(complaint)
            if reason is None:
                continue
            department = rule.then.get("department") or departments[complaint.category]
            return Decision(
                rule_id=rule.id,
                reason=reason,
                department=department,
                assignee_group=rule.then.get("assignee_group") or department,
                notify=list(rule.then.get("notify", [])),
                cc_director=bool(rule.then.get("cc_director", False)),
                priority_floor=rule.then.get("priority_floor"),
            )
        raise AssertionError("validated rules always end with a fallback")  # pragma: no cover


def with_floor(priority: str, floor: str | None, taxonomy: Taxonomy) -> str:
    """The priority raised to a rule's floor, if the floor is more urgent."""
    order = taxonomy.priority_codes  # most urgent first
    if floor is None or order.index(floor) >= order.index(priority):
        return priority
    return floor


def _problem(source: str, rule: str, message: str, fix: str) -> TousuError:
    return TousuError("routing-rule", f"{source}: rule {rule}: {message}", fix)


def _check_rule(entry: Any, position: int, source: str, taxonomy: Taxonomy) -> Rule:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise _problem(
            source,
            f"#{position}",
            "has no id.",
            "write each rule as {id: ..., when: ..., then: ...}.",
        )
    rule_id = entry["id"]
    unknown = set(entry) - {"id", "when", "then"}
    if unknown:
        raise _problem(source, rule_id, f"unknown keys {sorted(unknown)}.", "use id, when, then.")
    when, then = entry.get("when") or {}, entry.get("then") or {}
    checks: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
        ("condition", when, CONDITIONS),
        ("action", then, ACTIONS),
    )
    for kind, given, allowed in checks:
        if not isinstance(given, dict):
            raise _problem(source, rule_id, f"its {kind}s are not a mapping.", "use key: value.")
        for key in set(given) - set(allowed):
            raise _problem(
                source, rule_id, f"unknown {kind} {key!r}.", f"use one of {', '.join(allowed)}."
            )
    closed = {
        "category": taxonomy.category_codes,
        "priority": taxonomy.priority_codes,
        "channel": taxonomy.channels,
    }
    for key, allowed in closed.items():
        values = when.get(key)
        if values is None:
            continue
        if isinstance(values, str):
            values = when[key] = [values]
        for value in set(values) - set(allowed):
            raise _problem(
                source, rule_id, f"{key} {value!r} does not exist.", f"use {', '.join(allowed)}."
            )
    for key in ("keywords", "product", "customer_tier"):
        if isinstance(when.get(key), str):
            when[key] = [when[key]]
    repeat = when.get("repeat_complainant")
    if repeat is not None and (not isinstance(repeat, dict) or set(repeat) != {"tickets", "days"}):
        raise _problem(
            source,
            rule_id,
            "repeat_complainant needs tickets and days.",
            "write repeat_complainant: {tickets: 3, days: 30}.",
        )
    floor = then.get("priority_floor")
    if floor is not None and floor not in taxonomy.priority_codes:
        raise _problem(
            source,
            rule_id,
            f"priority_floor {floor!r} does not exist.",
            f"use {', '.join(taxonomy.priority_codes)}.",
        )
    return Rule(rule_id, when, then)


def parse_rules(text: str, taxonomy: Taxonomy, source: str = "<rules>") -> RoutingRules:
    try:
        document = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise TousuError(
            "routing-yaml", f"{source} is not valid YAML: {error}", "fix the YAML."
        ) from None
    entries = document.get("rules") if isinstance(document, dict) else None
    if not entries:
        raise TousuError("routing-empty", f"{source} has no rules.", "list rules under `rules:`.")
    rules = [_check_rule(e, i, source, taxonomy) for i, e in enumerate(entries, start=1)]
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise _problem(source, rule.id, "the id is used twice.", "give every rule its own id.")
        seen.add(rule.id)
    if rules[-1].when:
        raise _problem(
            source,
            rules[-1].id,
            "the last rule has conditions, so there is no fallback and a complaint can match none.",
            "end the list with a fallback rule that has no `when`.",
        )
    return RoutingRules(rules, taxonomy)


def load_rules(path: Path, taxonomy: Taxonomy) -> RoutingRules:
    if not path.is_file():
        raise TousuError(
            "routing-missing", f"{path} does not exist.", "create it or set TOUSU_DATA_DIR."
        )
    return parse_rules(path.read_text(encoding="utf-8"), taxonomy, str(path))
