"""Routing rules: validation errors that name the rule and the fix, first match wins."""

import pytest

from tickets.creation import Intake
from tickets.errors import TousuError
from tickets.routing import Complaint, RoutingRules, parse_rules
from tickets.taxonomy import Taxonomy


def rules(body: str, taxonomy: Taxonomy) -> RoutingRules:
    return parse_rules(body, taxonomy, "routing.yaml")


@pytest.mark.parametrize(
    ("body", "named", "hint"),
    [
        ("rules:\n  - id: a\n    when: {categry: [quality]}\n  - id: z\n", "categry", "category"),
        ("rules:\n  - id: a\n    when: {category: [qualty]}\n  - id: z\n", "qualty", "quality"),
        ("rules:\n  - id: a\n    then: {departmnt: x}\n  - id: z\n", "departmnt", "department"),
        ("rules:\n  - id: a\n    when: {priority: [P9]}\n  - id: z\n", "P9", "P0"),
        ("rules:\n  - id: a\n    when: {channel: [fax]}\n  - id: z\n", "fax", "wechat"),
        ("rules:\n  - id: a\n    when: {category: [quality]}\n", "fallback", "no `when`"),
        ("rules:\n  - id: a\n  - id: a\n", "twice", "own id"),
        (
            "rules:\n  - id: a\n    when: {repeat_complainant: 3}\n  - id: z\n",
            "repeat_complainant",
            "days",
        ),
    ],
)
def test_invalid_rules_name_file_rule_and_allowed_values(
    taxonomy: Taxonomy, body: str, named: str, hint: str
) -> None:
    with pytest.raises(TousuError) as refused:
        rules(body, taxonomy)
    error = refused.value
    assert "routing.yaml" in error.message and "rule a" in error.message
    assert named in error.message and hint in error.fix


def test_first_match_wins_and_department_defaults_to_category(intake: Intake) -> None:
    p0 = intake.rules.route(Complaint("quality", "P0", "email", "孩子烫伤了"))
    assert (p0.rule_id, p0.department, p0.cc_director) == ("p0-director", "质量部", True)
    billing = intake.rules.route(Complaint("billing", "P2", "wechat", "多扣了话费"))
    assert (billing.rule_id, billing.department) == ("billing", "财务部")
    other = intake.rules.route(Complaint("non_complaint", "P2", "email", "谢谢"))
    assert (other.rule_id, other.department) == ("fallback", "客服运营部")


def test_conditions_keywords_amount_product_tier_repeat(taxonomy: Taxonomy) -> None:
    engine = rules(
        """
rules:
  - {id: vip, when: {customer_tier: [gold]}, then: {assignee_group: VIP}}
  - {id: fridge, when: {product: [冰箱], keywords: [漏水]}, then: {department: 售后部}}
  - {id: big, when: {amount_at_least: 1000}, then: {priority_floor: P1}}
  - {id: repeat, when: {repeat_complainant: {tickets: 2, days: 7}}, then: {notify: [主管]}}
  - {id: rest}
""",
        taxonomy,
    )
    base = {"category": "quality", "priority": "P2", "channel": "email"}
    assert engine.route(Complaint(**base, text="x", customer_tier="gold")).rule_id == "vip"
    fridge = engine.route(Complaint(**base, text="冰箱漏水", product="海尔冰箱"))
    assert fridge.rule_id == "fridge" and "漏水" in fridge.reason
    assert engine.route(Complaint(**base, text="冰箱坏了", product="海尔冰箱")).rule_id == "rest"
    big = engine.route(Complaint(**base, text="x", amount=1500))
    assert (big.rule_id, big.priority_floor) == ("big", "P1")
    repeat = engine.route(Complaint(**base, text="x", recent_tickets=lambda days: 2))
    assert repeat.rule_id == "repeat" and "2 tickets" in repeat.reason
