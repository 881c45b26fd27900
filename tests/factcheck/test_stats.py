"""Statistics of the reports of false information: reports by channel, cases, verdicts and
the time to the official clarification; the statistics' roles."""

from __future__ import annotations

from tests.factcheck.conftest import case_of
from tests.factcheck.test_reports import OTHER, RUMOUR, RUMOUR_FOLDED
from tests.factcheck.test_verdicts import CLARIFICATION

URL = "/api/v1/staff/stats/factcheck"


def test_reports_cases_verdicts_and_time_to_clarification(report, client, culture,
                                                          staff_headers, ctx):
    first = report(content=RUMOUR).json["tracking_code"]
    report(content=RUMOUR_FOLDED, channel="miniapp")
    other = report(content=OTHER, channel="web").json["tracking_code"]
    false_case, true_case = case_of(first), case_of(other)
    base = "/api/v1/staff/misinformation-cases"
    client.post(f"{base}/{true_case.id}/verdict", json={"verdict": "true"},
                headers=culture["headers"])
    client.post(f"{base}/{false_case.id}/verdict", json={"verdict": "false", "note": "Sai."},
                headers=culture["headers"])
    notice_id = client.post(f"{base}/{false_case.id}/clarification", json=CLARIFICATION,
                            headers=culture["headers"]).json["notice_id"]
    client.post(f"/api/v1/staff/notices/{notice_id}/approve", json={},
                headers=staff_headers("leader"))
    stats = client.get(URL, headers=staff_headers("leader")).json
    assert stats["reports"]["total"] == 3
    assert stats["reports"]["by_channel"]["widget"] == 1
    assert stats["reports"]["by_channel"]["miniapp"] == 1
    assert stats["cases"]["total"] == 2 and stats["cases"]["open"] == 0
    assert stats["cases"]["reports_per_case"] == 1.5
    assert stats["verdicts"] == {"false": 1, "misleading": 0, "true": 1, "not_ours": 0}
    assert stats["hours_to_clarification"]["count"] == 1
    assert stats["hours_to_clarification"]["median"] >= 0
    assert stats["hours_to_verdict"]["count"] == 2
    province = client.get(URL, headers=staff_headers("province_admin")).json
    assert province["reports"]["total"] == 3 and province["unit"] == "46"


def test_roles(client, staff_headers, ctx):
    assert client.get(URL, headers=staff_headers("viewer")).status_code == 200
    assert client.get(URL, headers=staff_headers("officer")).status_code == 403
    assert client.get(URL, headers=staff_headers("leader"),
                      query_string={"unit": "19774"}).status_code == 403
    assert client.get(URL).status_code == 401
    bad = client.get(URL, headers=staff_headers("leader"), query_string={"from": "x"})
    assert bad.status_code == 422 and "from" in bad.json["errors"]
