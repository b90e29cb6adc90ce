"""Behaviour of the language stage: what it calls each language, and when it declines to say."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.pipeline.language import UNDETERMINED, WINDOW_CHARS, detect_language, models, sample

INDONESIAN = (
    "Pemerintah provinsi akan membangun jembatan baru karena jembatan lama sudah tidak layak dilalui."
)
MALAY = "Kerajaan negeri akan membina jambatan baharu kerana jambatan lama itu tidak lagi selamat digunakan."
JAVANESE = "Pamarentah provinsi arep mbangun kreteg anyar amarga kreteg lawas wis ora kena diliwati."
SUNDANESE = "Pamaréntah propinsi rék ngawangun sasak anyar sabab sasak heubeul geus teu bisa diliwatan."
ENGLISH = "The provincial government will build a new bridge because the old one is no longer safe to cross."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (INDONESIAN, "id"),
        (MALAY, "ms"),
        (JAVANESE, "jv"),
        (SUNDANESE, "su"),
        (ENGLISH, "en"),
        ("Le gouvernement va construire un nouveau pont car l'ancien n'est plus sûr.", "fr"),
        ("Die Regierung will eine neue Brücke bauen, weil die alte nicht mehr sicher ist.", "de"),
        ("Правительство построит новый мост, потому что старый стал опасным.", "ru"),
        ("政府将建造一座新桥，因为旧桥已经不安全了。", "zh"),
    ],
)
def test_recognises_each_language_of_a_sentence(text: str, code: str) -> None:
    found = detect_language(text)
    assert found.code == code
    assert 0.5 <= found.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Saya tak sempat makan tengah hari kerana terlalu sibuk di pejabat.", "ms"),
        ("Saya tidak sempat makan siang karena terlalu sibuk di kantor.", "id"),
        ("Beliau berkata wang itu hendaklah dipulangkan kepada pemiliknya secepat mungkin.", "ms"),
        ("Dia bilang uang itu harus dikembalikan kepada pemiliknya secepat mungkin.", "id"),
    ],
)
def test_everyday_malay_and_indonesian_are_told_apart(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_sundanese_written_without_diacritics_is_still_sundanese() -> None:
    assert detect_language(SUNDANESE.replace("é", "e")).code == "su"


@pytest.mark.parametrize("text", ["", "   \n\t", "Ya.", "12.500.000 | 2024-05-01 | 15:30 WIB", "!!! ??? ..."])
def test_too_short_or_numeric_text_is_undetermined(text: str) -> None:
    assert detect_language(text) == UNDETERMINED


def test_text_mixing_languages_is_less_certain_than_either_alone() -> None:
    pure = detect_language(" ".join([INDONESIAN] * 4))
    mixed = detect_language(" ".join([INDONESIAN, ENGLISH, INDONESIAN, ENGLISH, ENGLISH]))
    assert mixed.confidence < pure.confidence


def test_malay_with_a_stretch_of_words_shared_with_indonesian_is_not_mixed() -> None:
    malay = (
        "Kerajaan negeri akan membina lebih banyak rumah mampu milik tahun hadapan. Harga barang dapur "
        "naik lagi bulan ini dan ramai orang mengeluh. Anak saya suka bermain bola di padang dekat rumah "
        "setiap petang. Kami pergi ke pasar pagi untuk membeli sayur dan ikan segar."
    )
    found = detect_language(malay)
    assert found.code == "ms"
    assert found.confidence > 0.9


def test_hint_is_a_prior_that_never_overrules_clear_text() -> None:
    assert detect_language(ENGLISH, hint="id-ID").code == "en"
    assert detect_language(INDONESIAN, hint="ms").code == "id"


def test_hint_tips_a_text_that_is_good_in_two_languages() -> None:
    text = "Harga beras naik lagi minggu ini"  # as good Malay as it is Indonesian
    assert detect_language(text, hint="ms-MY").code == "ms"
    assert detect_language(text, hint="in").code != "ms"  # `in`, the old code for Indonesian


def test_detection_is_deterministic_whatever_the_cache_holds() -> None:
    texts = [INDONESIAN, JAVANESE, "Правительство построит новый мост.", "Harga beras naik lagi"]
    first = [detect_language(text) for text in texts]
    models().cache.clear()
    assert [detect_language(text) for text in reversed(texts)] == list(reversed(first))


def test_long_text_is_sampled_in_bounded_windows() -> None:
    text = INDONESIAN * 10_000
    assert len(sample(text)) <= 3 * WINDOW_CHARS + 2
    assert sample(INDONESIAN) == INDONESIAN


def test_a_huge_text_is_detected_from_its_bounded_sample() -> None:
    text = (INDONESIAN + " ") * 100_000  # about 10 MB
    assert detect_language(text) == detect_language(sample(text))
    assert detect_language(text).code == "id"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400) | st.binary(max_size=400).map(lambda raw: raw.decode("latin-1")))
def test_any_string_gives_a_valid_language(text: str) -> None:
    found = detect_language(text)
    assert found.code == "und" or 2 <= len(found.code) <= 3
    assert 0.0 <= found.confidence <= 1.0


def test_names_inside_a_sentence_are_not_taken_as_evidence_of_a_language() -> None:
    detected = detect_language("Presiden Joko Widodo tiba di Hanoi pada Kamis.")

    assert detected.code == "id"


def test_web_addresses_handles_and_hashtags_do_not_hide_the_language() -> None:
    text = (
        "**JAKARTA** - Presiden [Joko Widodo](https://www.presidenri.go.id/jokowi) tiba di Hanoi pada "
        "Kamis pagi untuk kunjungan kenegaraan. Simak di https://www.kompas.com/read/2024/06/20/hanoi. "
        "Tagar #JokowiDiHanoi ramai, kata @setkabgoid."
    )
    assert detect_language(text).code == "id"
