from datetime import date

import pytest

from warta.pipeline.dates import fold_case, is_day, resolve_dates

FRIDAY = date(2024, 6, 21)


def resolved(text: str, anchor: date | None = FRIDAY) -> list[str]:
    return [iso for _, _, iso in resolve_dates(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tiba pada Kamis (20/6/2024) pagi", "2024-06-20"),
        ("digelar Rabu 19 Juni 2024 di Hanoi", "2024-06-19"),
        ("pada 5 Juli 2023", "2023-07-05"),
        ("sejak 20-06-24", "2024-06-20"),
    ],
)
def test_absolute_dates_resolve_to_their_day(text: str, expected: str) -> None:
    assert resolved(text) == [expected]


def test_weekday_and_date_in_brackets_are_one_expression() -> None:
    assert len(resolve_dates("Kamis (20/6/2024)", FRIDAY)) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("pada Kamis pagi", "2024-06-20"), ("Jumat siang", "2024-06-21"), ("Sabtu malam", "2024-06-15")],
)
def test_bare_weekday_is_the_latest_such_day_up_to_publication(text: str, expected: str) -> None:
    assert resolved(text) == [expected]


def test_day_without_year_far_ahead_of_publication_is_last_year() -> None:
    assert resolved("pada 25 Desember") == ["2023-12-25"]
    assert resolved("pada 16/6") == ["2024-06-16"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pada 17 Agustus mendatang", "2024-08-17"),
        ("pada 5 Januari mendatang", "2025-01-05"),
        ("Senin (1/7) mendatang", "2024-07-01"),
        ("pada 25/12 nanti", "2024-12-25"),
        ("Senin depan", "2024-06-24"),
        ("Jumat mendatang", "2024-06-28"),
        ("Juli mendatang", "2024-07"),
        ("Maret mendatang", "2025-03"),
    ],
)
def test_a_date_said_to_come_is_the_next_such_day_or_month(text: str, expected: str) -> None:
    assert resolved(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pada Senin pekan depan", "2024-06-24"),
        ("Kamis pekan lalu", "2024-06-13"),
        ("Minggu minggu ini", "2024-06-23"),
    ],
)
def test_a_weekday_of_another_week_is_that_day_of_that_week(text: str, expected: str) -> None:
    assert resolved(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pekan ini", "2024-W25"),
        ("pekan lalu", "2024-W24"),
        ("dua minggu lalu", "2024-W23"),
        ("bulan lalu", "2024-05"),
        ("Maret lalu", "2024-03"),
        ("Desember lalu", "2023-12"),
        ("pada Februari 2022", "2022-02"),
        ("tahun lalu", "2023"),
    ],
)
def test_vague_expressions_keep_only_the_precision_they_have(text: str, expected: str) -> None:
    assert resolved(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("kemarin", "2024-06-20"), ("tiga hari lalu", "2024-06-18"), ("besok", "2024-06-22")],
)
def test_days_counted_from_publication(text: str, expected: str) -> None:
    assert resolved(text) == [expected]


def test_relative_expressions_need_a_publication_day_but_absolute_ones_do_not() -> None:
    assert resolved("pekan lalu pada Kamis, bukan 19 Juni 2024", anchor=None) == ["2024-06-19"]


def test_lower_case_minggu_is_a_week_not_a_sunday() -> None:
    assert resolved("dalam minggu yang sama") == []
    assert resolved("pada Minggu malam") == ["2024-06-16"]


def test_impossible_dates_are_skipped() -> None:
    assert resolved("pada 31/2/2024") == []


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("kemarin, Kamis, pekan lalu, bulan lalu, tahun lalu, Juni lalu", date(1, 1, 1)),
        ("besok, pekan depan, bulan depan, tahun depan", date(9999, 12, 31)),
    ],
)
def test_a_relative_date_beyond_the_calendar_is_skipped(text: str, anchor: date) -> None:
    # Crawlers written in Go or .NET send their zero time, 0001-01-01, for an unknown publication day.
    assert resolved(text, anchor=anchor) == []


def test_offsets_point_at_the_expression() -> None:
    text = "Putin tiba pada Kamis (20/6/2024) pagi."
    [(start, end, _)] = resolve_dates(text, FRIDAY)
    assert text[start:end] == "Kamis (20/6/2024"


def test_only_a_full_calendar_date_is_a_day() -> None:
    assert is_day("2024-06-20")
    assert not any(is_day(iso) for iso in ("2024-W25", "2024-05", "2023"))


def test_case_folding_keeps_every_offset() -> None:
    text = "İstanbul, Kamis (20/6/2024)"
    assert len(fold_case(text)) == len(text)
    [(start, _, iso)] = resolve_dates(text, FRIDAY)
    assert (text[start:].startswith("Kamis"), iso) == (True, "2024-06-20")
