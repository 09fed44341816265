"""The public complaint form through real HTTP: CSRF, rate limit, double submit."""

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.serve.server import running_api


@pytest.fixture(scope="module")
def site(bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with running_api(bundle_dir, tmp_path_factory.mktemp("form-home")) as client:
        yield client


def fresh_form(client: httpx.Client) -> dict[str, str]:
    page = client.get("/form")
    assert page.status_code == 200 and "投诉与建议" in page.text
    fields = dict(re.findall(r'name="(csrf_token|submission)" value="([^"]+)"', page.text))
    return {
        **fields,
        "name": "王女士",
        "contact": "wang@example.com",
        "order_no": "202405201187",
        "description": "买的吹风机第一次用就冒烟了，差点起火，要求退款。",
        "wants": "refund",
    }


def test_submitted_form_becomes_a_ticket_and_a_double_submit_does_not(
    site: httpx.Client,
) -> None:
    form = fresh_form(site)
    first = site.post("/form", data=form)
    assert first.status_code == 200, first.text
    number = re.search(r"TS-\d{8}-\d{6}", first.text)
    assert number and "已受理" in first.text
    again = site.post("/form", data=form)
    assert re.findall(r"TS-\d{8}-\d{6}", again.text) == [number.group()]


def test_post_without_the_sites_token_is_refused(site: httpx.Client) -> None:
    form = fresh_form(site)
    outsider = httpx.Client(base_url=str(site.base_url))  # no cookie: another site's page
    refused = outsider.post("/form", data=form)
    assert refused.status_code == 403 and refused.json()["code"] == "form-forged"
    forged = site.post("/form", data={**form, "csrf_token": "1.deadbeef"})
    assert forged.status_code == 403
    outsider.close()


def test_floods_are_limited_per_address(site: httpx.Client) -> None:
    codes = []
    for _ in range(7):
        form = fresh_form(site)
        codes.append(site.post("/form", data=form).status_code)
    assert 429 in codes and codes[0] in (200, 429)
