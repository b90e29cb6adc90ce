"""Behaviour of the clean stage: furniture goes, every body sentence stays, bad input never crashes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from warta.pipeline.clean import Cleaned, clean

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "service/warta/samples").glob("*.txt"))

LEDE = "JAKARTA, KOMPAS.com - Pemerintah menaikkan anggaran subsidi pupuk untuk petani kecil tahun depan."
SECOND = "Menurut dia, kenaikan itu diperlukan karena harga bahan baku pupuk di pasar dunia terus naik."
THIRD = "Kementerian Pertanian akan menyalurkan pupuk bersubsidi melalui kios resmi di setiap kecamatan."
FURNITURE_STARTS = re.compile(
    r"^(baca juga|halaman selanjutnya|halaman$|©|copyright|source link|sumber\s*:|photo\s*:|zoom-in|"
    r"penulis\s*:|editor\s*:|home\b|\d+$|•|berita rekomendasi|nikmati berita|ikuti kami|atas$)",
    re.IGNORECASE,
)


def kept(result: Cleaned) -> list[str]:
    return result.text.split("\n\n") if result.text else []


def test_strips_baca_juga_lines() -> None:
    result = clean(f"{LEDE}\nBaca juga: Harga Pupuk Nonsubsidi Naik Lagi\n{SECOND}", None, None)
    assert kept(result) == [LEDE, SECOND]
    assert [(r.text, r.reason) for r in result.removed] == [
        ("Baca juga: Harga Pupuk Nonsubsidi Naik Lagi", "related-link")
    ]


def test_strips_headlines_listed_under_a_bare_baca_juga() -> None:
    text = (
        f"{LEDE}\nBaca Juga\nPetani Keluhkan Pupuk Langka di Musim Tanam\nBulog Serap Gabah Petani\n{SECOND}"
    )
    assert kept(clean(text, None, None)) == [LEDE, SECOND]


def test_strips_a_bare_headline_of_another_story_between_paragraphs() -> None:
    text = f"{LEDE}\n\nHarga Cabai Rawit di Pasar Induk Melonjak Jelang Akhir Tahun\n\n{SECOND}"
    result = clean(text, None, None)
    assert kept(result) == [LEDE, SECOND]
    assert result.removed[0].reason == "related-link"


def test_keeps_subheadings_questions_numbered_steps_and_datelines() -> None:
    body = [
        "HANOI –",
        SECOND,
        "Seberapa kuat hubungan Vietnam-Rusia?",
        THIRD,
        "Kunjungan ke Korut",
        "Kunjungan ke Pyongyang itu menjadi yang pertama dalam 24 tahun terakhir bagi sang presiden.",
        "1. Ajukan permohonan",
        "Petani mengajukan permohonan melalui kelompok tani di desa masing-masing.",
    ]
    assert kept(clean("\n".join(body), None, None)) == body


def test_keeps_a_live_reports_timed_entries_but_strips_the_publication_time() -> None:
    entries = [
        "10.15 WIB - Presiden Joko Widodo tiba di Istana Merdeka",
        "10.30 WIB: Rapat terbatas soal harga beras dimulai",
        "11.00 WIB - Konferensi pers",
    ]
    text = "\n".join(["Kamis, 20 Juni 2024 | 09:45 WIB", LEDE, *entries, SECOND])
    result = clean(text, None, None)
    assert kept(result) == [LEDE, *entries, SECOND]
    assert [(r.reason, r.text) for r in result.removed] == [("byline", "Kamis, 20 Juni 2024 | 09:45 WIB")]


def test_keeps_a_line_up_or_any_list_written_in_title_case() -> None:
    lineup = "Indonesia: Ernando; Asnawi, Rizky Ridho, Jay Idzes, Calvin Verdonk; Thom Haye, Ivar Jenner"
    assert kept(clean(f"{LEDE}\n{lineup}\n{SECOND}", None, None)) == [LEDE, lineup, SECOND]


def test_keeps_bulleted_points_but_strips_a_bulleted_photo_credit() -> None:
    points = ["• Operasi pasar beras di 500 titik", "• Penyaluran bantuan pangan 10 kg per keluarga"]
    result = clean("\n".join([LEDE, *points, "• Kremlin Pool Photo via AP", SECOND]), None, None)
    assert kept(result) == [LEDE, *points, SECOND]
    assert [(r.reason, r.text) for r in result.removed] == [("photo-credit", "• Kremlin Pool Photo via AP")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Pesan WhatsApp itu viral.",
        "Unggahan Instagram itu dihapus.",
        "Berita terkait penangkapan itu beredar luas.",
    ],
)
def test_keeps_a_short_sentence_that_only_mentions_an_app_or_related_news(sentence: str) -> None:
    assert kept(clean(f"{LEDE}\n{sentence}\n{SECOND}", None, None)) == [LEDE, sentence, SECOND]


@pytest.mark.parametrize(
    "furniture", ["di WhatsApp Anda", "Baca WhatsApp Tribunnews", "Berita Terkait", "Berita terkait:"]
)
def test_strips_app_invitations_and_related_news_labels(furniture: str) -> None:
    assert kept(clean(f"{LEDE}\n{furniture}\n{SECOND}", None, None)) == [LEDE, SECOND]


def test_keeps_short_quotes_and_short_paragraphs() -> None:
    text = f"{LEDE}\n“Kami siap.”\nStok diklaim aman.\n{SECOND}"
    assert kept(clean(text, None, None)) == [LEDE, "“Kami siap.”", "Stok diklaim aman.", SECOND]


def test_drops_the_invisible_characters_that_scraped_pages_carry() -> None:
    # Zero-width spaces, soft hyphens and a byte-order mark would split "Hanoi" and "kebijakan".
    text = "\ufeffPresiden tiba di Ha\u200bnoi dan membahas ke\u00adbi\u00adjak\u00adan\u2060 energi bersama\u00a0Vietnam."
    assert clean(text).text == "Presiden tiba di Hanoi dan membahas kebijakan energi bersama Vietnam."


def test_reads_the_html_entities_a_crawler_left_in_plain_text() -> None:
    text = (
        "Gubernur Bank&nbsp;Indonesia mengatakan &quot;inflasi terkendali&quot; &#8211; R&D &amp; AT&T tetap."
    )
    assert clean(text).text == 'Gubernur Bank Indonesia mengatakan "inflasi terkendali" – R&D & AT&T tetap.'


def test_removes_the_caption_block_around_a_photo_credit() -> None:
    text = f"Menteri Pertanian di Jakarta.\nPhoto :\n• VIVA/Andri\n{LEDE}\n{SECOND}"
    result = clean(text, None, None)
    assert kept(result) == [LEDE, SECOND]
    assert {r.reason for r in result.removed} == {"photo-credit"}


def test_removes_a_caption_repeated_with_its_credit() -> None:
    caption = "Petani menebar pupuk di sawah di Karawang, Senin (8/1/2024)."
    text = f"{LEDE}\n{caption}\n{caption} (Tribunnews.com/Ahmad)\n{SECOND}"
    assert kept(clean(text, None, None)) == [LEDE, SECOND]


def test_removes_header_and_footer_furniture() -> None:
    text = "\n".join(
        [
            "Home > News > Ekonomi",
            "Subsidi Pupuk Naik Tahun Depan",
            "Kompas.com - 20/06/2024, 10:15 WIB",
            "Penulis: Ahmad",
            LEDE,
            SECOND,
            "ADVERTISEMENT",
            THIRD,
            "(ant/rds)",
            "pupuk",
            "subsidi",
            "Copyright 2008 - 2024 PT. Kompas Cyber Media. All Rights Reserved.",
        ]
    )
    result = clean(text, None, None)
    assert kept(result) == [LEDE, SECOND, THIRD]
    assert result.title == "Subsidi Pupuk Naik Tahun Depan"


def test_uses_the_given_title_and_drops_its_repeats() -> None:
    title = "Subsidi Pupuk Naik Tahun Depan"
    result = clean(f"{title}\n{LEDE}\n{title}\n{SECOND}", None, title)
    assert result.title == title
    assert kept(result) == [LEDE, SECOND]
    assert [r.reason for r in result.removed] == ["title", "title"]


@pytest.mark.parametrize(
    ("title", "source", "outlet"),
    [
        ("Subsidi Pupuk Naik Tahun Depan | Republika Online", "republika.co.id", "Republika Online"),
        ("Subsidi Pupuk Naik Tahun Depan - Kompas.com", "kompas.com", "Kompas.com"),
        ("Subsidi Pupuk Naik Tahun Depan : Okezone News", "news.okezone.com", "Okezone News"),
        ("Subsidi Pupuk Naik Tahun Depan – detikFinance", "www.detik.com", "detikFinance"),
    ],
)
def test_the_outlets_name_after_the_title_is_page_furniture(title: str, source: str, outlet: str) -> None:
    result = clean(f"Subsidi Pupuk Naik Tahun Depan\n{LEDE}\n{SECOND}", None, title, source)
    assert result.title == "Subsidi Pupuk Naik Tahun Depan"
    assert kept(result) == [LEDE, SECOND]
    assert [(r.text, r.reason) for r in result.removed] == [
        (outlet, "outlet-in-title"),
        (result.title, "title"),
    ]


@pytest.mark.parametrize(
    ("title", "source"),
    [("Subsidi Pupuk Naik - Petani Lega", "kompas.com"), ("Subsidi Pupuk Naik | Kompas.com", None)],
)
def test_a_title_keeps_a_last_part_that_is_not_the_outlets_name(title: str, source: str | None) -> None:
    assert clean(LEDE, None, title, source).title == title


def test_every_line_is_either_kept_or_removed_with_a_reason() -> None:
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        result = clean(text, None, None)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert sorted(kept(result) + [r.text for r in result.removed]) == sorted(lines)
        assert all(r.reason for r in result.removed)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_samples_lose_the_listed_furniture(sample: Path) -> None:
    result = clean(sample.read_text(encoding="utf-8"), None, None)
    assert result.text
    assert [line for line in kept(result) if FURNITURE_STARTS.match(line)] == []
    assert result.title not in kept(result)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_samples_keep_every_body_sentence(sample: Path) -> None:
    """Every prose line (15+ words ending like a sentence, not a copy of another line) survives."""
    lines = [line.strip() for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
    prose = [
        line
        for line in lines
        if len(line.split()) >= 15
        and line[-1] in '.?!”"'
        and not any(other != line and line in other for other in lines)
    ]
    result = kept(clean("\n".join(lines), None, None))
    assert prose
    assert [line for line in prose if line not in result] == []


def test_samples_keep_the_subheadings_and_datelines_the_issue_names() -> None:
    body = "\n".join(clean(s.read_text(encoding="utf-8"), None, None).text for s in SAMPLES)
    for line in ["Seberapa kuat hubungan Vietnam-Rusia?", "Kunjungan ke Korut", "Berdagang Tanpa Ancaman"]:
        assert f"\n{line}\n" in f"\n{body}\n"
    assert "HANOI – Di tengah sanksi" in body


WIB = timezone(timedelta(hours=7))
HTML_PAGE = """<html><head><title>Subsidi Pupuk Naik - Kompas.com</title>
<meta property="og:title" content="Subsidi Pupuk Naik Tahun Depan">
<meta name="author" content="Ahmad Santoso">
<meta property="article:published_time" content="2024-06-20T10:15:00+07:00"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Subsidi Pupuk Naik Tahun Depan</h1>
<p>{lede}</p><p>Baca juga: Harga Pupuk Nonsubsidi Naik Lagi</p><p>{second}</p><p>{third}</p></article>
<footer>Copyright 2024 Kompas Cyber Media</footer></body></html>"""


def test_extracts_the_article_from_html_and_cleans_it_the_same_way() -> None:
    result = clean(None, HTML_PAGE.format(lede=LEDE, second=SECOND, third=THIRD), None)
    assert kept(result) == [LEDE, SECOND, THIRD]
    assert result.title == "Subsidi Pupuk Naik Tahun Depan"
    assert result.author == "Ahmad Santoso"
    assert result.published is not None
    assert datetime.fromisoformat(result.published) == datetime(2024, 6, 20, 10, 15, tzinfo=WIB)


def test_a_related_link_in_a_table_row_is_stripped_from_html() -> None:
    # the linked headline shares its words with the next paragraph, so only the label gives it away
    after = (
        "Jalur Pantura Demak-Kudus juga tidak bisa dilalui kendaraan karena genangan mencapai 80 sentimeter."
    )
    inline = (
        '<table class="linksisip"><tr><td><strong>Baca juga:</strong>'
        '<a href="/y">Pantura Demak-Kudus Lumpuh Total</a></td></tr></table>'
    )
    page = HTML_PAGE.format(lede=LEDE, second=SECOND, third=THIRD).replace(
        f"<p>{THIRD}", f"{inline}<p>{after}"
    )
    result = clean(None, page, None)
    assert kept(result) == [LEDE, SECOND, after]
    assert "related-link" in {r.reason for r in result.removed if "Pantura Demak-Kudus Lumpuh" in r.text}


def test_prefers_plain_text_to_html_when_both_are_given() -> None:
    result = clean(LEDE, HTML_PAGE.format(lede=SECOND, second=SECOND, third=THIRD), None)
    assert kept(result) == [LEDE]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        (None, None),
        ("", ""),
        ("   \n\n  ", None),
        ("\x00\x01\x02\ufffd\ufffd" * 1000, None),
        ("ロシアのプーチン大統領がベトナムを訪問した。\n" * 200, None),
        ("Путин прибыл во Вьетнам.\n" * 200, None),
        ("Halaman Selanjutnya\n36\n0\nBaca juga: Lainnya", None),
        (None, "<html><head><title>Judul saja</title></head></html>"),
        (None, "<html><body></body></html>"),
        (None, "<<<>>> not html at all \x00"),
        (None, "<html><body>" + "<div><p>teks</p>" * 5_000 + "</body></html>"),
        ("x" * 10_000_000, None),
        (f"{LEDE}\n{SECOND}\n" * 50_000, None),
    ],
    ids=[
        "none",
        "empty",
        "blank",
        "binary",
        "japanese",
        "cyrillic",
        "all-furniture",
        "html-without-body",
        "html-empty-body",
        "not-html",
        "deep-html",
        "10mb-line",
        "10mb-paragraphs",
    ],
)
def test_never_crashes_on_bad_input(text: str | None, html: str | None) -> None:
    result = clean(text, html, None)
    assert isinstance(result.text, str)
    assert all(r.reason and r.text for r in result.removed)
