import pytest

from tickets.errors import TousuError
from tickets.taxonomy import Taxonomy, parse_taxonomy


def test_default_taxonomy_has_the_guide_labels(taxonomy: Taxonomy) -> None:
    assert taxonomy.category_codes == (
        "quality",
        "service",
        "delivery",
        "billing",
        "after_sales",
        "misleading",
        "security",
        "suggestion",
        "non_complaint",
    )
    assert taxonomy.priority_codes == ("P0", "P1", "P2")
    assert {c.code: c.department for c in taxonomy.categories}["delivery"] == "物流部"
    assert taxonomy.priorities[0].first_response_hours == 2


def test_taxonomy_typo_names_the_entry_and_allowed_fields() -> None:
    text = """
categories:
  - {code: quality, name: 质量, department: 质量部, descripton: x}
priorities:
  - {code: P0, name: 紧急, description: x}
"""
    with pytest.raises(TousuError) as caught:
        parse_taxonomy(text, "t.yaml")
    assert "t.yaml: categories #1 (quality)" in caught.value.message
    assert "descripton" in caught.value.message
    assert "description" in caught.value.fix


def test_taxonomy_duplicate_codes_are_refused() -> None:
    text = """
categories:
  - {code: a, name: x, department: y, description: z}
  - {code: a, name: x, department: y, description: z}
priorities:
  - {code: P0, name: 紧急, description: x}
"""
    with pytest.raises(TousuError) as caught:
        parse_taxonomy(text, "t.yaml")
    assert caught.value.code == "taxonomy-codes"


def test_default_taxonomy_files_greetings_and_thanks_as_non_complaints(taxonomy: Taxonomy) -> None:
    assert taxonomy.content_free_category == "non_complaint"


def test_default_taxonomy_files_a_claim_belied_as_misleading(taxonomy: Taxonomy) -> None:
    assert taxonomy.belied_claim_category == "misleading"


def test_default_taxonomy_times_every_category_but_non_complaints(taxonomy: Taxonomy) -> None:
    assert not taxonomy.is_timed("non_complaint")
    assert all(taxonomy.is_timed(c) for c in taxonomy.category_codes if c != "non_complaint")
    assert taxonomy.is_timed(None)  # nobody has confirmed the category yet


@pytest.mark.parametrize("flag", ["content_free", "belied_claims"])
def test_only_one_category_may_take_a_rules_messages(flag: str) -> None:
    text = f"""
categories:
  - {{code: a, name: x, department: y, description: z, {flag}: true}}
  - {{code: b, name: x, department: y, description: z, {flag}: true}}
priorities:
  - {{code: P0, name: 紧急, description: x}}
"""
    with pytest.raises(TousuError) as caught:
        parse_taxonomy(text, "t.yaml")
    assert caught.value.code == "taxonomy-" + flag.replace("_", "-")
    assert f"t.yaml: categories ['a', 'b'] all say `{flag}: true`" in caught.value.message
