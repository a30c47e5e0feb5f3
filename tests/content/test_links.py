"""Links and media LINE would refuse, replies over LINE's limits, every error of an entry, and dated facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.catalog.fact_age import FactAge
from bot.catalog.loader import load_catalog
from tests.content.conftest import line_of, replace_after, set_field

V = "venues/"

# (file, venue, field, planted value, message fragment): five kinds of link and media mistakes
MISTAKES = [
    ("trat.yaml", "tk-trat", "website", "https://", "a web link needs a host"),
    ("phuket.yaml", "tk-phuket", "website", "tel:", "tel: needs a phone number"),
    ("rayong.yaml", "tk-rayong", "website", "www.rayongcity.go.th", "unsupported or missing scheme"),
    ("satun.yaml", "tk-satun", "image", "http://www.tkpark.or.th/satun.jpg", "allowed: https:"),
    ("lampang.yaml", "okmd-museum-lampang", "image", "https://www.example.org/รูป ห้องสมุด.jpg",
     "must not contain spaces"),
]


def test_five_kinds_of_link_and_media_mistakes_are_reported_at_their_line(content_copy: Path, make_app) -> None:
    expected = []
    for rel, item_id, fld, value, fragment in MISTAKES:
        line = set_field(content_copy, V + rel, item_id, fld, f"'{value}'")
        expected.append((f"content/{V}{rel}:{line}: {item_id}: {fld}: ", fragment))
    result = load_catalog(content_copy)
    assert result.catalog is None and len(result.errors) == len(MISTAKES), "\n".join(map(str, result.errors))
    run = make_app().test_cli_runner().invoke(args=["content", "check", str(content_copy)])
    assert run.exit_code == 1
    lines = run.output.splitlines()
    for prefix, fragment in expected:
        assert any(line.startswith(prefix) and fragment in line for line in lines), (prefix, run.output)


def test_thai_in_a_link_is_percent_encoded_on_load(content_copy: Path) -> None:
    set_field(content_copy, V + "trat.yaml", "tk-trat", "website", "https://th.wikipedia.org/wiki/ตราด?q=ห้องสมุด")
    set_field(content_copy, V + "satun.yaml", "tk-satun", "image", "https://ตัวอย่าง.ไทย/ภาพ.jpg")
    catalog = load_catalog(content_copy).catalog
    assert catalog is not None
    assert catalog.venues["tk-trat"].website == ("https://th.wikipedia.org/wiki/%E0%B8%95%E0%B8%A3%E0%B8%B2%E0%B8%94"
                                                 "?q=%E0%B8%AB%E0%B9%89%E0%B8%AD%E0%B8%87%E0%B8%AA%E0%B8%A1%E0%B8%B8%E0%B8%94")
    assert catalog.venues["tk-satun"].image.startswith("https://xn--")
    assert catalog.venues["tk-satun"].image.isascii()


def test_a_venue_whose_reply_line_would_refuse_is_reported_by_check(content_copy: Path, make_app) -> None:
    line = line_of(content_copy, V + "trat.yaml", "- id: tk-trat")
    # a paragraph pasted into district_th: valid on its own (an unknown district is only a warning), but it is
    # shown in the venue's card, which then passes LINE's 30 KB bubble limit
    set_field(content_copy, V + "trat.yaml", "tk-trat", "district_th", "เมืองตราด ตำบลบางพระ " * 500)
    assert load_catalog(content_copy).errors == []
    run = make_app().test_cli_runner().invoke(args=["content", "check", str(content_copy)])
    assert run.exit_code == 1, run.output
    prefix = f"content/{V}trat.yaml:{line}: tk-trat: reply: "
    reported = [out for out in run.output.splitlines() if out.startswith(prefix)]
    assert reported and "LINE would refuse" in reported[0] and "bytes > 30000" in reported[0], run.output


def test_every_error_of_an_entry_is_reported_not_only_the_first(content_copy: Path) -> None:
    type_line = set_field(content_copy, V + "trat.yaml", "tk-trat", "type", "musuem")
    province_line = set_field(content_copy, V + "trat.yaml", "tk-trat", "province_th", "ตราดด")
    lon_line = set_field(content_copy, V + "trat.yaml", "tk-trat", "lon", "null")
    web_line = set_field(content_copy, V + "trat.yaml", "tk-trat", "website", "'https://'")
    got = {(p.line, p.field) for p in load_catalog(content_copy).errors if p.item_id == "tk-trat"}
    first = line_of(content_copy, V + "trat.yaml", "- id: tk-trat")
    assert got == {(type_line, "type"), (web_line, "website"), (province_line, "province_th"), (first, "-")}, got
    assert lon_line  # lat without lon is reported at the venue (the model-level check still ran)


def test_a_duplicate_id_does_not_hide_the_entrys_other_errors(content_copy: Path) -> None:
    yala = (content_copy / V / "yala.yaml").read_text(encoding="utf-8")
    (content_copy / V / "yala.yaml").write_text(yala + "\n- id: tk-trat\n  name_th: ซ้ำ\n  type: musuem\n"
                                                       "  province_th: ยะลา\n", encoding="utf-8")
    fields = {p.field for p in load_catalog(content_copy).errors if p.path.endswith("yala.yaml")}
    assert fields == {"id", "type"}


@pytest.mark.parametrize(("source", "max_years", "kind"), [
    ("phone: https://www.example.org/trat (2015)", 3, "old-fact"),
    ("phone: https://www.example.org/trat (2015)", 20, None),
    ("phone: sources above (year unknown)", 20, "fact-year-unknown"),
])
def test_facts_from_old_or_undated_sources_are_warned(content_copy: Path, source: str, max_years: int,
                                                      kind: str | None) -> None:
    phone = set_field(content_copy, V + "trat.yaml", "tk-trat", "phone", "039-511-111")
    replace_after(content_copy, V + "trat.yaml", "- id: tk-trat", "    - http://www.tkpark.or.th/eng/page/trat",
                  f"    - http://www.tkpark.or.th/eng/page/trat\n    - '{source}'")
    result = load_catalog(content_copy, fact_age=FactAge(max_years, 2026))
    found = [p for p in result.warnings if p.item_id == "tk-trat" and p.kind in ("old-fact", "fact-year-unknown")]
    assert [(p.kind, p.line, p.field) for p in found] == ([(kind, phone, "phone")] if kind else [])


def test_check_summary_counts_warnings_by_kind_and_the_age_is_configurable(make_app) -> None:
    runs = {years: make_app(CONTENT_FACT_MAX_AGE_YEARS=years).test_cli_runner().invoke(
        args=["content", "check", "--summary"]) for years in ("3", "50")}
    assert runs["3"].exit_code == 0, runs["3"].output
    assert "warning old-fact: " in runs["3"].output and "warning fact-year-unknown: " in runs["3"].output
    assert "warning old-fact: " not in runs["50"].output
