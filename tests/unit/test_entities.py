"""The entities stage: spans, labels, roles and one canonical name per entity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.evaluation.entities import Sentence, marks_every_place, read_bio, score
from warta.evaluation.entities import main as evaluate
from warta.pipeline.entities import extract_entities, sentences, tagger, tokenize
from warta.pipeline.entities.gazetteer import fold, load
from warta.pipeline.entities.tagger import is_cased, scorer, sentence_features, spans

ARTICLE = (
    "Presiden Rusia Vladimir Putin tiba di Hanoi, Vietnam, dan diterima oleh Presiden To Lam. "
    "Putin dan Lam membahas kerja sama energi, kata kantor berita Interfax.\n\n"
    "Amerika Serikat mengkritik kunjungan itu. Di AS, juru bicara menyebut Pengadilan Kriminal "
    "Internasional (ICC) telah mengeluarkan surat perintah penangkapan terhadap Putin."
)


def _by_text(text: str = ARTICLE) -> dict[str, tuple[str, str]]:
    return {e.text: (e.label, e.canonical) for e in extract_entities(text)}


def test_offsets_point_at_the_mention_text() -> None:
    for entity in extract_entities(ARTICLE):
        assert ARTICLE[entity.start : entity.end] == entity.text


def test_finds_people_places_and_organisations() -> None:
    found = _by_text()
    assert found["Vladimir Putin"] == ("PERSON", "Vladimir Putin")
    assert found["Hanoi"][0] == "LOC"
    assert found["Interfax"][0] == "ORG"


def test_short_and_alias_mentions_share_one_canonical_name() -> None:
    found = _by_text()
    assert found["Putin"][1] == "Vladimir Putin"
    assert found["AS"] == ("LOC", "Amerika Serikat")
    court = {canonical for text, (_, canonical) in found.items() if "ICC" in text}
    assert court == {"Pengadilan Kriminal Internasional"}


def test_a_repeated_surname_names_the_person_found_earlier() -> None:
    found = _by_text()
    assert found["Lam"] == ("PERSON", found["To Lam"][1])


def test_title_is_a_role_not_part_of_the_person() -> None:
    people = [e for e in extract_entities(ARTICLE) if e.label == "PERSON"]
    putin = next(e for e in people if e.text == "Vladimir Putin")
    assert putin.role == "Presiden Rusia"
    assert all(not e.text.startswith("Presiden") for e in people)


def test_spellings_with_and_without_diacritics_meet() -> None:
    text = "Presiden Tô Lâm bertemu Putin. Kemudian To Lam berbicara kepada wartawan di Hanoi."
    canonicals = {e.canonical for e in extract_entities(text) if e.text in ("Tô Lâm", "To Lam")}
    assert canonicals == {"Tô Lâm"}
    assert fold("Tô Lâm") == fold("To Lam")


def test_one_kind_per_entity_in_a_document() -> None:
    kinds: dict[str, set[str]] = {}
    for entity in extract_entities(ARTICLE):
        kinds.setdefault(entity.canonical, set()).add("LOC" if entity.label == "GPE" else entity.label)
    assert all(len(found) == 1 for found in kinds.values())


def test_a_place_is_a_location_where_things_happen_and_a_gpe_where_it_acts() -> None:
    found = _by_text()
    assert found["Amerika Serikat"] == ("GPE", "Amerika Serikat")
    assert found["AS"] == ("LOC", "Amerika Serikat")
    assert found["Hanoi"] == ("LOC", "Hanoi")


def test_a_name_and_its_bracketed_short_form_are_one_mention() -> None:
    text = "Gugatan diajukan ke Mahkamah Konstitusi (MK) pada Senin. Hakim MK menolaknya."
    found = [(e.text, e.label, e.canonical) for e in extract_entities(text)]
    assert found == [
        ("Mahkamah Konstitusi (MK)", "ORG", "Mahkamah Konstitusi"),
        ("MK", "ORG", "Mahkamah Konstitusi"),
    ]


def test_no_mention_opens_a_bracket_it_does_not_close() -> None:
    text = "Banjir melumpuhkan jalur Pantai Utara Jawa (Pantura) sejak Senin."
    assert all(e.text.count("(") == e.text.count(")") for e in extract_entities(text))


def test_a_first_name_that_ends_the_article_names_the_person_again() -> None:
    # The longer names that start with it ("Hasan Nasbi") run past the end; that used to crash.
    found = [
        (e.text, e.canonical) for e in extract_entities("Menurut Hasan Nasbi, hal itu benar. Foto: Hasan")
    ]
    assert found == [("Hasan Nasbi", "Hasan Nasbi"), ("Hasan", "Hasan Nasbi")]


def test_a_name_ends_at_a_word_not_at_the_markup_around_it() -> None:
    # Crawlers that write Markdown leave "**" and "*" around names; the tagger runs into them.
    found = [
        (e.text, e.label) for e in extract_entities("**JAKARTA** - Presiden *Joko Widodo* tiba di Hanoi.")
    ]
    assert found == [("JAKARTA", "LOC"), ("Joko Widodo", "PERSON"), ("Hanoi", "LOC")]


def test_a_name_ends_on_a_bracket_only_when_it_opened_one() -> None:
    text = (
        "Senjata nuklir harus tetap di tangan manusia, bukan kecerdasan buatan (AI). Ini pernyataan pertama."
    )
    assert all(e.text.count("(") == e.text.count(")") for e in extract_entities(text))


def test_an_empty_bracket_is_no_part_of_a_name() -> None:
    # A crawler that strips a link or an emoji can leave "( )"; it used to crash the document rules.
    text = "Bank Central Asia ( ) melaporkan laba. Bank Central Asia naik."
    found = [(e.text, e.canonical) for e in extract_entities(text)]
    assert found == [("Bank Central Asia", "Bank Central Asia")] * 2


def test_a_persons_bracketed_nickname_is_a_mention_of_its_own() -> None:
    found = [e.text for e in extract_entities("Presiden Joko Widodo (Jokowi) meresmikan jalan tol.")]
    assert "Joko Widodo (Jokowi)" not in found


def test_acronym_gazetteer_names_keep_their_case() -> None:
    assert all(e.text != "as" for e in extract_entities("Harga naik, sama seperti tahun lalu, as usual."))


def test_a_numeral_in_capitals_is_not_a_known_person() -> None:
    text = "Presiden China Xi Jinping tiba. Xi disambut. Komisi XI DPR menolak usulan itu."
    assert [e.text for e in extract_entities(text) if e.canonical == "Xi Jinping"] == ["Xi Jinping", "Xi"]


def test_a_dateline_is_not_part_of_the_name_after_it() -> None:
    found = _found("Jakarta, CNBC Indonesia - Asosiasi Pengusaha Indonesia (Apindo) meminta penundaan.")
    assert found.get("CNBC Indonesia") == "ORG"
    assert found.get("Asosiasi Pengusaha Indonesia (Apindo)") == "ORG"


def test_a_name_in_capitals_is_spelled_as_a_name() -> None:
    text = "FLORES TIMUR, KOMPAS.com - Gunung Lewotobi meletus di Kabupaten Flores Timur. BPBD FLORES TIMUR mencatat."
    canonical = {e.text: e.canonical for e in extract_entities(text)}
    assert canonical["FLORES TIMUR"] == canonical["Kabupaten Flores Timur"] == "Flores Timur"


def test_a_short_name_in_capitals_takes_the_spelling_of_its_other_mentions() -> None:
    text = "KARO, KOMPAS.com - Longsor menimbun pemandian di Kabupaten Karo. Warga Karo mengungsi."
    canonicals = {e.canonical for e in extract_entities(text) if e.text in ("KARO", "Kabupaten Karo", "Karo")}
    assert canonicals == {"Karo"}


def test_lowercased_text_still_yields_entities() -> None:
    labels = {
        e.label for e in extract_entities("presiden joko widodo berkunjung ke jakarta bersama menteri.")
    }
    assert labels


def test_bio_tags_become_word_spans() -> None:
    assert spans(["B-PERSON", "I-PERSON", "O", "I-LOC", "B-ORG"]) == [
        (0, 2, "PERSON"),
        (3, 4, "LOC"),
        (4, 5, "ORG"),
    ]


@pytest.mark.parametrize(
    "sentences",
    [
        [["Putin", "tiba", "di", "Hanoi", "."], ["Amerika", "Serikat", "mengkritik", "Putin"]],
        [
            ["presiden", "rusia", "vladimir", "putin"],
            ["AS"],
            ["Tô", "Lâm", "menyambut", "Putin", "di", "Hanoi"],
        ],
    ],
)
def test_tagging_scores_are_the_summed_weights_of_the_training_features(sentences: list[list[str]]) -> None:
    gazetteer = load()
    model = scorer()
    parsed = [(words, is_cased(words), gazetteer.find(words, is_cased(words))) for words in sentences]
    expected = [
        model.model.score(features) for words in sentences for features in sentence_features(words, gazetteer)
    ]
    assert np.allclose(model.emissions(parsed), np.stack(expected))


def test_each_word_is_scored_once_and_then_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    first = extract_entities(ARTICLE * 20)
    featurised: list[str] = []
    original = tagger._word_features
    monkeypatch.setattr(
        tagger, "_word_features", lambda word, cased: featurised.append(word) or original(word, cased)
    )
    assert extract_entities(ARTICLE * 20) == first
    assert featurised == []


def test_evaluation_scores_a_bio_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("Vladimir\tB-PER\nPutin\tI-PER\ntiba\tO\ndi\tO\nHanoi\tB-LOC\n.\tO\n", encoding="utf-8")
    assert evaluate([str(gold)]) == 0
    assert "micro" in capsys.readouterr().out


def test_evaluation_tags_a_document_at_a_time_where_the_file_marks_documents(tmp_path: Path) -> None:
    marked = tmp_path / "marked.tsv"
    marked.write_text(
        "-DOCSTART-\tO\n\nPerry\tB-PER\nWarjiyo\tI-PER\ntiba\tO\n\nkata\tO\nPerry\tB-PER\n\n"
        "-DOCSTART-\tO\n\nHanoi\tB-LOC\n",
        encoding="utf-8",
    )
    assert [sentence.document for sentence in read_bio(marked)] == [0, 0, 1]
    plain = tmp_path / "plain.tsv"
    plain.write_text("Hanoi\tB-LOC\n\nPutin\tB-PER\n", encoding="utf-8")
    assert [sentence.document for sentence in read_bio(plain)] == [None, None]
    assert score(read_bio(marked)).gold["PERSON"] == 2


def test_evaluation_can_score_a_country_named_as_an_actor_as_a_place() -> None:
    words = ["Tiongkok", "membantah", "telah", "menyediakan", "senjata", "kepada", "Rusia", "."]
    sentence = Sentence(words, ["B-LOC", "O", "O", "O", "O", "O", "B-LOC", "O"])
    assert score([sentence]).true_positives["LOC"] == 1
    assert score([sentence], gpe_as_loc=True).true_positives["LOC"] == 2


def test_evaluation_reads_from_a_file_whether_it_marks_every_mention_of_a_country() -> None:
    words = ["Tiongkok", "membantah", "mengirim", "senjata", "ke", "Rusia", "."]
    every = Sentence(words, ["B-LOC", "O", "O", "O", "O", "B-LOC", "O"])
    located_only = Sentence(words, ["O", "O", "O", "O", "O", "B-LOC", "O"])
    assert marks_every_place([every]) == (True, 1.0)
    assert marks_every_place([located_only]) == (False, 0.5)


def _found(text: str) -> dict[str, str]:
    return {e.text: e.label for e in extract_entities(text)}


def test_an_untagged_name_after_a_title_is_a_person() -> None:
    found = _found("Ia disambut oleh Wakil Perdana Menteri Vietnam Tran Hong Ha di bandara.")
    assert found.get("Tran Hong Ha") == "PERSON"
    assert found.get("Vietnam") == "GPE"


def test_an_untagged_name_after_a_speech_verb_is_a_person() -> None:
    found = _found("Warisan ideologi bersama masih ada, kata Huong Le Thu, wakil direktur program itu.")
    assert found.get("Huong Le Thu") == "PERSON"


def test_organisation_heads_make_organisations() -> None:
    found = _found(
        "Carl Thayer, profesor emeritus di Universitas New South Wales di Australia, berkata begitu."
    )
    assert found.get("Universitas New South Wales") == "ORG"


def test_a_title_opens_no_organisation_and_a_place_keeps_its_name() -> None:
    found = _found("Ekonom Bank Permata Josua Pardede mengatakan wisatawan kembali ramai di Raja Ampat.")
    assert found.get("Bank Permata") == "ORG"
    assert found.get("Raja Ampat") == "LOC"


def test_kiai_and_army_corps_titles_are_not_part_of_the_name_and_hakim_inside_a_name_is_no_title() -> None:
    found = _found(
        "Pengasuh pesantren itu, KH Abdul Hakim Mahfudz, mengenang KH Hasyim Asy'ari. "
        "Menteri Agama Lukman Hakim Saifuddin turut hadir."
    )
    assert found.get("Abdul Hakim Mahfudz") == "PERSON"
    officer = _found(
        "Komandan Korem itu, Kolonel Inf Ali Imran Syahputra, mengatakan operasi berlangsung lama."
    )
    assert officer.get("Ali Imran Syahputra") == "PERSON"
    assert found.get("Hasyim Asy'ari") == "PERSON"
    assert found.get("Lukman Hakim Saifuddin") == "PERSON"


def test_initials_named_as_such_or_with_an_age_are_a_person_throughout() -> None:
    text = (
        "Jaksa menetapkan mantan kepala bidang berinisial JL sebagai tersangka. Polisi menangkap MZ (38) "
        "dan SB (41) di dermaga. Kuasa hukum JL menyatakan keberatan, sementara MZ mengaku diupah."
    )
    people = [e.text for e in extract_entities(text) if e.label == "PERSON"]
    assert people == ["JL", "MZ", "SB", "JL", "MZ"]


def test_listed_initials_and_initials_after_a_rank_are_people() -> None:
    text = (
        "Tiga warga berinisial WS, AN dan MR kini berstatus tersangka. Anggota polres berinisial "
        "Brigadir RH juga menjalani sidang etik. RH diduga memeras seorang sopir."
    )
    people = [e.text for e in extract_entities(text) if e.label == "PERSON"]
    assert people == ["WS", "AN", "MR", "RH", "RH"]


def test_a_name_ending_in_a_company_or_institution_word_is_an_organisation_not_a_person() -> None:
    found = _found(
        "Putaran ini dipimpin Openspace Ventures. Partner East Ventures Yohanes Hartanto mengatakan "
        "dana itu akan dipakai untuk ekspansi. Survei itu dikerjakan bersama Wallacea Research Centre "
        "di Sulawesi."
    )
    assert found.get("Openspace Ventures") == "ORG"
    assert found.get("Wallacea Research Centre") == "ORG"
    assert found.get("East Ventures") == "ORG"
    assert found.get("Yohanes Hartanto") == "PERSON"


def test_the_stop_of_a_title_or_initial_ends_no_sentence() -> None:
    text = "Direktur RSUD Dr. Soetomo dr. Joni Wahyuhadi mengatakan pasien bertambah. Mereka dirawat."
    runs = [" ".join(token.text for token in run) for run in sentences(tokenize(text), text)]
    assert runs == [
        "Direktur RSUD Dr . Soetomo dr . Joni Wahyuhadi mengatakan pasien bertambah .",
        "Mereka dirawat .",
    ]
    assert _found(text).get("Joni Wahyuhadi") == "PERSON"


def test_a_place_named_after_a_titled_person_keeps_the_abbreviations_but_not_a_house_number() -> None:
    found = _found("Kantornya di Jalan Ir. H. Juanda, Bandung, pindah ke Jalan Sudirman No. 5, Jakarta.")
    assert found.get("Jalan Ir. H. Juanda") == "LOC"
    assert found.get("Jalan Sudirman") == "LOC"


def test_a_units_name_runs_over_dan_and_ends_at_its_region_before_the_head_of_it() -> None:
    found = _found(
        "Kepala Dinas Kelautan dan Perikanan Provinsi Maluku Erawan Asikin mengatakan nelayan yang "
        "terdampak akan dibantu. Data itu dirilis Badan Pusat Statistik dan Bank Indonesia pada Senin."
    )
    assert found.get("Dinas Kelautan dan Perikanan Provinsi Maluku") == "ORG"
    assert found.get("Erawan Asikin") == "PERSON"
    assert found.get("Badan Pusat Statistik") == "ORG"
    assert found.get("Bank Indonesia") == "ORG"


def test_an_office_keeps_its_province_after_the_word_provinsi() -> None:
    found = _found(
        "Gugatan itu diajukan terhadap keputusan KPU Provinsi Papua Tengah yang menetapkan hasil "
        "rekapitulasi suara pada pekan lalu."
    )
    assert found.get("KPU Provinsi Papua Tengah") == "ORG"


def test_one_name_after_a_titled_known_organisation_is_a_person_but_a_term_is_not() -> None:
    found = _found(
        "Ketua MK Suhartoyo membacakan putusan itu di ruang sidang pada Kamis sore. "
        "Kebijakan BI Rate tetap pada level 6 persen menurut para ekonom pada Rabu. "
        "Ketua Umum Partai Golkar Sarmuji membuka rapat itu bersama para kader."
    )
    assert found.get("MK") == "ORG"
    assert found.get("Suhartoyo") == "PERSON"
    assert "Rate" not in found
    assert found.get("Partai Golkar") == "ORG"
    assert found.get("Sarmuji") == "PERSON"


def test_dams_hotels_oceans_and_regional_offices_are_named_by_their_heads() -> None:
    found = _found(
        "Menteri itu meninjau progres pembangunan Bendungan Manikin di Kabupaten Kupang pada Selasa "
        "pagi. Pengawasan dilakukan oleh Kanwil Kemenkumham Sulawesi Tengah terhadap warga asing."
    )
    assert found.get("Bendungan Manikin") == "LOC"
    assert found.get("Kanwil Kemenkumham Sulawesi Tengah") == "ORG"
    inspectorate = _found(
        "Kasus itu kini ditangani Inspektorat Kabupaten Sikka yang memeriksa dua pejabat dinas."
    )
    assert inspectorate.get("Inspektorat Kabupaten Sikka") == "ORG"
    ocean = _found('"Tuna dari perairan Laut Maluku dan Samudra Pasifik punya reputasi kualitas sangat baik.')
    assert ocean.get("Samudra Pasifik") == "LOC"


@pytest.mark.parametrize(
    ("text", "town", "mayor"),
    [
        ("Wali Kota Bitung Jeffry Rumengan mengatakan ekspor tuna naik tajam.", "Bitung", "Jeffry Rumengan"),
        (
            "Acara itu dihadiri Wali Kota Makassar Munafri Arifuddin pada Selasa.",
            "Makassar",
            "Munafri Arifuddin",
        ),
        (
            "Wali Kota Semarang Agustina Wilujeng Pramestuti meminta rumah sakit berlatih.",
            "Semarang",
            "Agustina Wilujeng Pramestuti",
        ),
    ],
)
def test_wali_kota_is_a_title_before_its_town_and_the_mayor(text: str, town: str, mayor: str) -> None:
    found = _found(text)
    assert found.get(town) == "LOC"
    assert found.get(mayor) == "PERSON"


def test_a_short_form_made_of_any_words_of_the_name_joins_it() -> None:
    found = _found(
        "Penggabungan itu diawasi Badan Pengelola Investasi Daya Anagata Nusantara (Danantara) yang "
        "dibentuk tahun lalu oleh pemerintah."
    )
    assert found.get("Badan Pengelola Investasi Daya Anagata Nusantara (Danantara)") == "ORG"


def test_a_region_the_document_names_is_split_off_the_person_after_an_office() -> None:
    found = _by_text(
        "Pemungutan suara ulang digelar di Kabupaten Deli Serdang pada Sabtu. Ketua Bawaslu Deli "
        "Serdang Fitri Handayani mengatakan pengawasan diperketat di seluruh kecamatan."
    )
    assert found["Kabupaten Deli Serdang"] == ("LOC", "Deli Serdang")
    assert found["Deli Serdang"] == ("LOC", "Deli Serdang")
    assert found["Fitri Handayani"] == ("PERSON", "Fitri Handayani")


def test_a_region_is_never_read_as_part_of_a_person_named_in_the_document() -> None:
    found = _found(
        "Tanggul tailing milik perusahaan smelter nikel di Kecamatan Bahodopi, Kabupaten Morowali, "
        "Sulawesi Tengah, jebol pada Senin dini hari. Tim gabungan dari Kantor Pencarian dan "
        "Pertolongan Palu, BPBD Morowali dan Polres Morowali masih melakukan pencarian hingga Selasa."
    )
    assert found.get("Kabupaten Morowali") == "LOC"


def test_a_body_sentence_full_of_names_is_no_headline() -> None:
    found = _found(
        "Tim gabungan Polda Aceh, Kodam Iskandar Muda, dan Badan Narkotika Nasional Provinsi Aceh "
        "(BNNP Aceh) memusnahkan seribu batang ganja."
    )
    assert found.get("Polda Aceh") == "ORG"
    assert found.get("Badan Narkotika Nasional Provinsi Aceh (BNNP Aceh)") == "ORG"


def test_an_organisation_ending_inside_a_known_place_takes_all_of_it() -> None:
    found = _found("Data itu dirilis Badan Pusat Statistik Provinsi Jawa Tengah pada Senin pagi di Semarang.")
    assert found.get("Badan Pusat Statistik Provinsi Jawa Tengah") == "ORG"


def test_a_company_keeps_the_stop_of_tbk_and_the_short_form_after_it() -> None:
    found = _by_text(
        "Proyek itu digarap PT PP (Persero) Tbk. (PTPP) dan PT Wijaya Karya (Persero) Tbk. sejak Maret."
    )
    assert found["PT PP (Persero) Tbk. (PTPP)"] == ("ORG", "PP")
    assert found["PT Wijaya Karya (Persero) Tbk."] == ("ORG", "Wijaya Karya")


@pytest.mark.parametrize(
    ("text", "name", "labels"),
    [
        (  # a mountain's name without its head
            "Lumajang - Gunung Semeru kembali erupsi pada Selasa pagi. PVMBG mempertahankan status Semeru "
            "pada Level III atau Siaga. Warga diminta menjauhi sungai yang berhulu di Semeru.",
            "Semeru",
            ["LOC", "LOC"],
        ),
        (  # an organisation's bracketed short form
            "Yayasan Inisiasi Alam Rehabilitasi Indonesia (YIARI) melepasliarkan dua orangutan pada Senin. "
            "Menurut YIARI, keduanya sudah siap hidup di hutan.",
            "YIARI",
            ["ORG"],
        ),
        (  # a listed company's ticker
            "Pada hari pertama perdagangan, saham KIRM langsung melesat 25 persen. Analis menilai "
            "valuasi KIRM tidak murah.",
            "KIRM",
            ["ORG", "ORG"],
        ),
    ],
)
def test_a_name_the_article_repeats_names_the_same_entity_each_time(
    text: str, name: str, labels: list[str]
) -> None:
    assert [e.label for e in extract_entities(text) if e.text == name] == labels


def test_a_listed_companys_bracketed_ticker_is_part_of_its_mention() -> None:
    found = _found("Induk usaha PT Bank Raya Indonesia Tbk (AGRO) menyetujui rencana merger itu.")
    assert found.get("PT Bank Raya Indonesia Tbk (AGRO)") == "ORG"


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "Ketua Aliansi Nelayan Natuna, Hendri, mengapresiasi patroli di perairan Natuna, Kepulauan Riau.",
            "Aliansi Nelayan Natuna",
        ),
        ("Tersangka kini ditahan di Rutan Kelas IIB Kendal selama 20 hari.", "Rutan Kelas IIB Kendal"),
        ("Pengaduan itu diterima KBRI Kuala Lumpur sejak awal pekan.", "KBRI Kuala Lumpur"),
        ("Personel TNI Angkatan Darat dikerahkan ke lokasi bencana.", "TNI Angkatan Darat"),
        (
            "Ketua Bawaslu Kabupaten Cianjur Hadi Dzikri mengatakan pengawasan diperketat.",
            "Bawaslu Kabupaten Cianjur",
        ),
        ("Ketua PMI Kabupaten TTS Yohanes Nome mengatakan bantuan sudah tiba.", "PMI Kabupaten TTS"),
        ("Di sisi pembiayaan, BRI Cabang Banyuwangi mencatat kredit naik.", "BRI Cabang Banyuwangi"),
        ("Kepala Dinkes Jember dr. Hendro Soelistijono mengatakan kasus DBD naik.", "Dinkes Jember"),
        (
            "Kasat Lantas mengatakan, Satlantas Polres Sidoarjo sudah memasang rambu.",
            "Satlantas Polres Sidoarjo",
        ),
        (
            "Kepala Kantor SAR Timika Yohanes Mambrasar mengatakan pesawat itu hilang kontak.",
            "Kantor SAR Timika",
        ),
        (
            "Petugas dari Balai Besar Konservasi Sumber Daya Alam Sumatera Utara mengevakuasi satwa itu.",
            "Balai Besar Konservasi Sumber Daya Alam Sumatera Utara",
        ),
        (
            "Pengurus Besar Persatuan Guru Republik Indonesia (PB PGRI) menyambut baik kebijakan itu.",
            "Pengurus Besar Persatuan Guru Republik Indonesia (PB PGRI)",
        ),
        (
            "Ia melapor ke Ombudsman RI Perwakilan Sumatera Utara pekan lalu.",
            "Ombudsman RI Perwakilan Sumatera Utara",
        ),
        ("Personel Brimob Polda Sulsel diterjunkan ke lokasi.", "Brimob Polda Sulsel"),
        ("Kepala Korlantas Polri Irjen Aan Suhanan mengatakan arus mudik lancar.", "Korlantas Polri"),
    ],
)
def test_forums_offices_units_prisons_and_embassies_are_organisations_with_their_place(
    text: str, organisation: str
) -> None:
    assert _found(text).get(organisation) == "ORG"


def test_a_military_unit_its_number_and_its_name_after_the_slash_are_one_organisation() -> None:
    found = _found("Prajurit Kodim 0204/Deli Serdang dan Kodam XII/Tanjungpura membantu evakuasi warga.")
    assert found.get("Kodim 0204/Deli Serdang") == "ORG"
    assert found.get("Kodam XII/Tanjungpura") == "ORG"


def test_a_ministers_portfolio_belongs_to_the_title_not_to_the_name_after_it() -> None:
    found = _found("Menteri Luar Negeri China Wang Yi bertemu Menteri Pariwisata Widiyanti Putri Wardhana.")
    assert found.get("China") in ("LOC", "GPE")
    assert found.get("Widiyanti Putri Wardhana") == "PERSON"


def test_a_coordinating_ministers_portfolio_alone_is_a_title_not_a_person() -> None:
    found = _found("Kerusuhan itu, kata Menko Polhukam, sudah ditangani aparat keamanan sejak Senin malam.")
    assert "Polhukam" not in found


def test_an_old_spelling_of_a_country_is_that_country_not_part_of_a_name() -> None:
    found = _found("Presiden Pilipina Ferdinand Marcos Jr. tiba di Jakarta pada Selasa pagi.")
    assert found.get("Pilipina") in ("LOC", "GPE")
    assert found.get("Ferdinand Marcos Jr.") == "PERSON"


def test_a_village_or_district_hall_is_a_building_not_an_organisation() -> None:
    found = _found("Warga mengungsi ke Balai Desa Sumberwuluh, Kecamatan Candipuro, sejak Selasa malam.")
    assert found.get("Balai Desa Sumberwuluh") == "LOC"


def test_a_titles_country_is_split_off_the_person_after_the_titles_role_words() -> None:
    found = _found(
        "Pertemuan itu juga dihadiri Menteri Luar Negeri Cina Wang Yi yang tiba sehari sebelumnya."
    )
    assert found.get("Wang Yi") == "PERSON"
    assert found.get("Cina") in ("LOC", "GPE")


def test_a_first_name_run_into_a_long_unit_name_goes_back_to_its_person() -> None:
    found = _found(
        "Kepala Dinas Perindustrian dan Perdagangan Provinsi Jawa Tengah Eko Prasetyo Nugroho mengatakan "
        "stok elpiji aman hingga akhir bulan."
    )
    assert found.get("Dinas Perindustrian dan Perdagangan Provinsi Jawa Tengah") == "ORG"
    assert found.get("Eko Prasetyo Nugroho") == "PERSON"


def test_a_name_after_alias_names_the_entity_before_it_throughout() -> None:
    text = (
        "PT Sri Rejeki Isman Tbk (SRIL) alias Sritex resmi mengajukan kasasi. "
        "Kuasa hukum Sritex menyatakan akan menempuh jalur hukum."
    )
    mentions = [(e.text, e.label, e.canonical) for e in extract_entities(text) if "Sritex" in e.text]
    assert mentions == [("Sritex", "ORG", "Sri Rejeki Isman")] * 2


def test_a_name_after_atau_names_the_company_written_with_its_legal_form() -> None:
    text = (
        "Manajemen PT Sri Rejeki Isman Tbk atau Sritex mengeluhkan pembekuan kawasan berikat. "
        "Sritex tidak bisa mengimpor bahan baku. Warga memilih Jakarta atau Bandung."
    )
    canonical = {e.text: (e.label, e.canonical) for e in extract_entities(text)}
    assert canonical["Sritex"] == ("ORG", "Sri Rejeki Isman")
    assert canonical["Bandung"] == ("LOC", "Bandung")


def test_a_generic_lower_case_lead_is_not_part_of_an_organisation() -> None:
    found = _found(
        "Lembaga riset Center of Economic and Law Studies (Celios) menilai tarif itu berat. "
        "Direktur Celios Bhima Yudhistira mengatakan daya beli melemah."
    )
    assert found.get("Center of Economic and Law Studies (Celios)") == "ORG"
    assert found.get("Bhima Yudhistira") == "PERSON"


def test_a_title_alone_is_no_person() -> None:
    found = _found('"Permintaan masih lemah," kata Analis itu kepada wartawan di Jakarta.')
    assert "Analis" not in found


def test_an_organisation_takes_the_place_that_follows_its_name() -> None:
    found = _found("Kasus itu ditangani Kejaksaan Tinggi Sulawesi Selatan sejak tahun lalu.")
    assert found.get("Kejaksaan Tinggi Sulawesi Selatan") == "ORG"


def test_a_shortened_organisation_name_takes_the_full_one_from_the_same_article() -> None:
    text = (
        "Ia bertemu pimpinan Partai Komunis Vietnam di Hanoi. "
        "Ketua Partai Komunis Nguyen Phu Trong menyambutnya di istana."
    )
    canonicals = {e.canonical for e in extract_entities(text) if e.text.startswith("Partai")}
    assert canonicals == {"Partai Komunis Vietnam"}


def test_a_companys_legal_form_is_not_part_of_its_canonical_name() -> None:
    text = "PT Bank Syariah Indonesia Tbk mencatat laba. Saham Bank Syariah Indonesia naik."
    canonicals = {e.canonical for e in extract_entities(text) if e.label == "ORG"}
    assert canonicals == {"Bank Syariah Indonesia"}


def test_a_regency_and_its_town_share_one_canonical_name() -> None:
    found = {e.text: e.canonical for e in extract_entities("Banjir merendam Kabupaten Demak, Jawa Tengah.")}
    assert found["Kabupaten Demak"] == "Demak"


def test_initials_of_an_organisation_named_in_the_article_name_it() -> None:
    text = (
        "Badan Pusat Statistik mencatat inflasi Mei sebesar 2,8 persen. "
        "Kepala BPS menyebut harga beras menjadi penyumbang terbesar."
    )
    found = {e.text: e.canonical for e in extract_entities(text)}
    assert found["BPS"] == found["Badan Pusat Statistik"]


def test_a_building_named_after_a_person_is_a_place() -> None:
    found = _found("Putin meletakkan karangan bunga di Mausoleum Ho Chi Minh pada Kamis pagi.")
    assert found.get("Mausoleum Ho Chi Minh") == "LOC"


def test_an_embassy_named_after_its_country_is_an_organisation_not_the_place() -> None:
    found = _found("Dalam pernyataannya, Kedutaan Besar AS di Hanoi menyebut kunjungan itu tidak layak.")
    assert found.get("Kedutaan Besar AS") == "ORG"
    assert "AS" not in found
    assert found.get("Hanoi") == "LOC"


def test_headline_words_are_not_part_of_a_name() -> None:
    found = _found("Vladimir Putin Tiba di Vietnam Setelah Kunjungi Korea Utara")
    assert "Vladimir Putin" in found
    assert not any(text.endswith("Tiba") for text in found)


def test_numbers_at_the_edge_of_a_name_are_not_part_of_it() -> None:
    coach = _found("Pelatih Timnas Indonesia U-23 Shin Tae-yong mengatakan timnya siap.")
    assert coach.get("Shin Tae-yong") == "PERSON"
    assert "Uzbekistan" in _found("Kalah dari Uzbekistan 0-2 di semifinal, Indonesia gagal.")
    assert "Jakarta" in _found("Ia maju dalam Pilkada Jakarta 2024 bersama Rano Karno.")


def test_a_persons_name_ends_before_a_lower_case_word_but_keeps_its_particles() -> None:
    assert "Joko Widodo" in _found("Presiden Joko Widodo pasca-Pemilu 2024 bertemu Prabowo Subianto.")
    assert "Bashar al-Assad" in _found("Presiden Suriah Bashar al-Assad menerima utusan PBB.")


def _canonical(text: str) -> dict[str, str]:
    return {e.text: e.canonical for e in extract_entities(text)}


def test_an_outlet_before_a_dateline_dash_is_not_part_of_the_name_after_it() -> None:
    found = _canonical(
        "JAKARTA, KOMPAS.com - Komisi Pemilihan Umum (KPU) RI menetapkan jadwal pendaftaran pasangan calon "
        "kepala daerah untuk Pilkada Serentak 2024."
    )
    assert found.get("KOMPAS.com") == "Kompas"
    assert not any(" - " in text for text in found)


def test_the_place_of_a_dateline_is_a_place_whether_known_or_not() -> None:
    assert (
        _found("SLEMAN, KOMPAS.com - Polisi menangkap dua pelaku pencurian sepeda motor.").get("SLEMAN")
        == "LOC"
    )
    assert (
        _found("Cianjur (ANTARA) - Gempa bumi mengguncang kabupaten itu pada Kamis pagi.").get("Cianjur")
        == "LOC"
    )
    outlet_first = _found("TRIBUNSOLO.COM, SOLO - Harga cabai rawit di pasar tradisional naik.")
    assert outlet_first.get("SOLO") == "LOC"
    assert outlet_first.get("TRIBUNSOLO.COM") != "LOC"


def test_a_region_word_and_the_name_after_it_are_one_place() -> None:
    found = _found("Warga Desa Sukamaju di Kecamatan Cibeber mengungsi setelah longsor menimbun jalan desa.")
    assert found.get("Desa Sukamaju") == "LOC"
    assert found.get("Kecamatan Cibeber") == "LOC"


def test_a_place_head_and_the_name_after_it_are_one_place_even_with_a_persons_name() -> None:
    found = _found(
        "Pesawat itu mendarat darurat di Bandara Sultan Aji Muhammad Sulaiman pada Selasa sore setelah "
        "mesinnya terbakar, dan penumpang dibawa ke Jalan Perintis Kemerdekaan."
    )
    assert found.get("Bandara Sultan Aji Muhammad Sulaiman") == "LOC"
    assert found.get("Jalan Perintis Kemerdekaan") == "LOC"
    assert _found("Jarak pandang di Bandara Sultan Syarif Kasim II sempat turun.") == {
        "Bandara Sultan Syarif Kasim II": "LOC"
    }
    assert _found("Antrean kendaraan mengular hingga Gerbang Tol Cikampek Utama pada Rabu malam.") == {
        "Gerbang Tol Cikampek Utama": "LOC"
    }
    head = _found(
        "Kepala Stasiun Meteorologi Ahmad Yani Semarang Sutikno Wibowo mengatakan hujan lebat masih akan "
        "turun hingga akhir pekan di wilayah itu."
    )
    assert head.get("Sutikno Wibowo") == "PERSON"


def test_a_known_organisation_run_into_a_spokespersons_name_is_split() -> None:
    found = _found(
        "Juru bicara Kementerian Luar Negeri Rolliansyah Soemirat mengatakan seluruh warga negara "
        "Indonesia di kota itu dalam keadaan selamat."
    )
    assert found.get("Kementerian Luar Negeri") == "ORG"
    assert found.get("Rolliansyah Soemirat") == "PERSON"


def test_province_short_forms_and_news_outlets_have_their_canonical_names() -> None:
    found = _canonical(
        "Gubernur Sulut Olly Dondokambey mengatakan kepada detikcom bahwa pemerintah provinsi sudah "
        "menyiapkan tempat pengungsian bagi warga yang rumahnya rusak."
    )
    assert found.get("Sulut") == "Sulawesi Utara"
    assert found.get("detikcom") == "Detik"
    assert found.get("Olly Dondokambey") == "Olly Dondokambey"


def test_clubs_state_companies_and_central_banks_have_their_canonical_names() -> None:
    found = _canonical(
        "Persija menjamu Persib di Jakarta, sementara saham BBRI naik setelah The Fed menahan suku bunga "
        "dan Bulog menambah impor beras."
    )
    assert found.get("Persija") == "Persija Jakarta"
    assert found.get("The Fed") == "Federal Reserve"
    assert found.get("Bulog") == "Badan Urusan Logistik"


def test_a_name_does_not_open_with_the_short_form_of_the_name_before_it() -> None:
    found = _found(
        "Presiden Prabowo Subianto menghadiri Konferensi Tingkat Tinggi (KTT) Kerja Sama Ekonomi "
        "Asia-Pasifik (APEC) di Lima, Peru, pada Jumat."
    )
    assert not any(text.startswith("(") for text in found)


def test_a_balinese_name_keeps_its_opening_i() -> None:
    found = _found(
        "Kepala Dinas Pariwisata Provinsi Bali I Made Suarjana mengatakan kunjungan wisatawan naik pada "
        "libur akhir tahun."
    )
    assert found.get("I Made Suarjana") == "PERSON"


def test_a_known_place_in_a_dateline_is_a_location_not_an_actor() -> None:
    for dateline in ("Jakarta (ANTARA) - ", "Moskow (ANTARA) - ", "SURABAYA, KOMPAS.com - "):
        first = extract_entities(dateline + "Banjir melanda sejumlah wilayah pada Senin pagi.")[0]
        assert first.label == "LOC", dateline


def test_the_area_a_commanders_title_names_is_a_place() -> None:
    found = _found("Kapolres Badung AKBP Made Suryawan Putra mengatakan pelaku sudah ditangkap.")
    assert found.get("Badung") == "LOC"
    assert found.get("Made Suryawan Putra") == "PERSON"
    assert _found("Kapolsek Cileungsi mengatakan bayi itu sehat.").get("Cileungsi") == "LOC"


def test_a_datelines_web_address_is_its_outlet() -> None:
    found = _found("SEMARANG, suaramerdeka.com - Asap tebal tiba-tiba mengepung gedung itu.")
    assert found.get("suaramerdeka.com") == "ORG"
    assert found.get("SEMARANG") == "LOC"


def test_a_known_organisation_and_the_known_place_after_it_are_its_office() -> None:
    found = _found(
        "Menurut data BPS Bali, kunjungan wisatawan naik. KPU Sumut menetapkan hasil rekapitulasi. "
        "Bawaslu Medan menemukan pelanggaran di Medan."
    )
    assert found.get("BPS Bali") == "ORG"
    assert found.get("KPU Sumut") == "ORG"
    assert found.get("Bawaslu Medan") == "ORG"
    regional = _found(
        "Kepala Pelaksana BPBD Kepulauan Mentawai, Yohanes Saleleubaja, mengatakan tim dikirim."
    )
    assert regional.get("BPBD Kepulauan Mentawai") == "ORG"  # a body with an office in every region


def test_an_office_keeps_its_place_when_a_persons_name_follows() -> None:
    found = _found(
        "Ketua KPU Sumut Agus Arifin mengatakan pemungutan suara di Sumut lancar. "
        "Kepala BPBD Garut Satria Budi mengatakan banjir melanda Garut sejak pagi."
    )
    assert found.get("KPU Sumut") == "ORG"
    assert found.get("Agus Arifin") == "PERSON"
    assert found.get("BPBD Garut") == "ORG"
    assert found.get("Satria Budi") == "PERSON"


def test_the_head_of_an_office_is_split_from_the_office_and_its_known_place() -> None:
    found = _found(
        "Kepala Dinas Kesehatan Kota Palembang Fauziah mengatakan kasus ISPA meningkat. "
        '"Air mulai surut," kata Kepala Pelaksana BPBD Kota Gorontalo Mahmud Baderan. '
        "Kepala Kantor SAR Gorontalo Heriyanto mengatakan pencarian dihentikan. "
        "Kepala Departemen Komunikasi BI Ramdan Denny Prakoso mengatakan BI menghormati proses hukum."
    )
    assert found.get("Dinas Kesehatan Kota Palembang") == "ORG"
    assert found.get("Fauziah") == "PERSON"
    assert found.get("BPBD Kota Gorontalo") == "ORG"
    assert found.get("Mahmud Baderan") == "PERSON"
    assert found.get("Heriyanto") == "PERSON"
    assert found.get("Ramdan Denny Prakoso") == "PERSON"
    team = _found("Pelatih Timnas Indonesia U-19 Indra Sjafri mengatakan timnya siap.")
    assert team.get("Indra Sjafri") == "PERSON"


def test_one_word_after_an_office_and_its_place_is_no_person_where_it_may_be_a_place_or_a_title() -> None:
    found = _found(
        "Kepala Pelaksana BPBD Karo, Natanail Perangin-angin, mengatakan korban masih didata. "
        "Jenazah dibawa ke RS Polri Kramat Jati untuk diidentifikasi. "
        "Ketua PN Jakarta Pusat menunda sidang itu. "
        "Mantan Kepala Dinas PUPR Aceh Tamiang, Rusdianto, divonis enam tahun penjara. "
        "Kepala Dinas Perkebunan Provinsi Lampung Ir. Sutrisno Hadi menambahkan pihaknya siap."
    )
    people = {text for text, label in found.items() if label == "PERSON"}
    assert people.isdisjoint({"Karo", "Kramat Jati", "Pusat", "Tamiang", "Ir"})
    assert _found("Dekan FK Undip Akui Ada Perundungan di Program Dokter Spesialis").get("Akui") != "PERSON"


def test_a_place_opens_at_a_capital_or_a_place_head_not_at_the_common_word_before_it() -> None:
    found = _found(
        "Tidak satu pun tembakan Brunei mengarah ke gawang Indonesia. Para anggota Kongres mendesak "
        "Cheatle bersaksi di hadapan DPR. Gus Miftah mendatangi rumah Sunhaji di Magelang. "
        "Pasukan Rusia masih bertahan di pelabuhan Latakia dan kota Sderot."
    )
    assert {"gawang Indonesia", "hadapan DPR", "rumah Sunhaji"}.isdisjoint(found)
    assert found.get("Indonesia") in ("LOC", "GPE")
    assert found.get("pelabuhan Latakia") == "LOC"
    assert found.get("kota Sderot") == "LOC"


def test_a_persons_name_has_no_digits_wherever_it_was_found() -> None:
    found = _found(
        "Pelatih timnas Indonesia U-19 Indra Sjafri puas. Pelatih Filipina U-19 mengakui keunggulan "
        "Indonesia di Piala AFF U-19 2024."
    )
    assert not any(label == "PERSON" and any(map(str.isdigit, text)) for text, label in found.items())


def test_a_first_name_run_into_an_organisation_goes_back_to_the_person_the_document_names_by_it() -> None:
    found = _found(
        "Kepala Badan Pangan Nasional Arief Prasetyo Adi mengatakan stok beras aman. "
        '"Kami terus memantau harga," kata Arief di Jakarta.'
    )
    assert found.get("Badan Pangan Nasional") == "ORG"
    assert found.get("Arief Prasetyo Adi") == "PERSON"
    text = "Bank berita Joko atau\nPolda Jokowi\nJokowi hadir."  # no name runs over a line break
    assert all(text[e.start : e.end] == e.text for e in extract_entities(text))


def test_a_country_run_into_the_name_after_a_common_noun_is_split_from_that_person() -> None:
    found = _found(
        "Ia menaklukkan petinju Filipina Rolly Magbanua lewat kemenangan TKO. Perdana Menteri sementara "
        "Lebanon Najib Mikati mengecam insiden itu."
    )
    assert found.get("Rolly Magbanua") == "PERSON"
    assert found.get("Najib Mikati") == "PERSON"
    envoy = _found("Penandatanganan disaksikan Duta Besar China untuk Indonesia Wang Lutong.")
    assert envoy.get("Wang Lutong") == "PERSON"
    clubs = _found("Jakarta Pertamina Enduro mengalahkan Jakarta Popsivo Polwan dengan skor 3-1.")
    assert clubs.get("Popsivo Polwan") != "PERSON"  # a city opens a club's name, not a country


def test_a_persons_name_starts_after_every_word_of_a_rank_or_an_abbreviated_title() -> None:
    found = _found(
        "Kepala Biro Penerangan Masyarakat Divisi Humas Polri Brigjen Pol Trunoyudo Wisnu Andiko "
        "menegaskan pemberantasan judi online. Direktur Tindak Pidana Siber Bareskrim Polri Brigjen Pol "
        "Himawan Bayu Aji mengatakan pelaku sudah ditangkap. Kepala dinas itu, Dr. Fauzan Hakim, "
        "mengatakan program berjalan."
    )
    assert found.get("Himawan Bayu Aji") == "PERSON"
    assert found.get("Biro Penerangan Masyarakat Divisi Humas Polri") == "ORG"
    assert found.get("Fauzan Hakim") == "PERSON"


def test_a_title_holders_name_takes_the_rest_the_tagger_left_untagged() -> None:
    found = _found("Gubernur Kalimantan Barat Ria Norsan menyambut baik pembukaan kembali rute itu.")
    assert found.get("Ria Norsan") == "PERSON"


def test_a_region_its_government_names_is_split_from_the_officials_name() -> None:
    found = _found(
        "Pemkab Natuna menyiapkan relokasi bagi warga. Bupati Natuna Wan Siswandi mengatakan warga "
        "sudah dievakuasi."
    )
    assert found.get("Wan Siswandi") == "PERSON"


def test_a_common_word_that_opens_a_sentence_is_no_name_where_the_text_writes_it_in_lower_case() -> None:
    found = _found(
        '"Kurangi kecepatan. Asap bisa tiba-tiba tebal di beberapa titik," kata Osa Maliki. Menurut '
        "Osa, asap tersebut berasal dari kebakaran lahan. Warganet ramai membagikan video itu, dan "
        "sebagian warganet mengkritik pemerintah."
    )
    assert "Asap" not in found
    assert "Warganet" not in found
    assert found.get("Osa Maliki") == "PERSON"
    fire = _by_text(
        "Kebakaran Glodok Plaza menjadi perhatian warga. Api di Glodok Plaza baru padam pagi ini, dan "
        "kebakaran itu menewaskan tujuh orang."
    )
    assert "Kebakaran Glodok Plaza" not in fire
    assert fire["Glodok Plaza"][1] == "Glodok Plaza"


def test_a_foreign_partys_name_runs_on_to_its_country_past_words_the_tagger_left() -> None:
    found = _by_text("Ketua Partai Demokrat Liberal Jepang Shigeru Ishiba mengakui kekalahan.")
    assert found["Partai Demokrat Liberal Jepang"][0] == "ORG"  # not Indonesia's Partai Demokrat
    assert found["Shigeru Ishiba"][0] == "PERSON"


def test_a_holiday_is_no_entity() -> None:
    found = _found("Pedagang berharap momentum Ramadhan dan Lebaran 2025 menjadi penopang penjualan.")
    assert "Ramadhan" not in found
    assert "Lebaran" not in found


def test_a_name_listed_with_places_after_a_preposition_is_a_place() -> None:
    found = _found(
        "Logistik diangkut dari Ranai dan Pontianak. Sirene meraung di Tel Aviv, Yerusalem, hingga "
        "Ashkelon. Petugas pos pengamatan di Bukittinggi, Teguh Purnomo, mengatakan status naik."
    )
    assert found.get("Ranai") == "LOC"
    assert found.get("Ashkelon") == "LOC"
    assert found.get("Teguh Purnomo") == "PERSON"  # a comma alone gives a person


def test_initials_a_document_defines_name_its_entity_not_the_one_the_gazetteer_knows() -> None:
    found = _by_text(
        "Kabupaten Ogan Komering Ilir (OKI) menjadi wilayah dengan kebakaran terluas. KLHK menyegel "
        "areal konsesi di OKI yang terbakar."
    )
    assert found["OKI"] == ("LOC", "Ogan Komering Ilir")
    assert _by_text("Retno menghadiri pertemuan OKI di Jeddah.")["OKI"][1] == "Organisasi Kerja Sama Islam"


def test_an_office_has_one_canonical_name_however_its_region_is_written() -> None:
    short = _canonical("Polda Jabar menangkap dua pelaku penipuan daring.")
    region = _canonical("Polda Jawa Barat menangkap dua pelaku penipuan daring.")
    unit = _canonical("Kepolisian Daerah Jawa Barat menangkap dua pelaku penipuan daring.")
    assert short["Polda Jabar"] == region["Polda Jawa Barat"] == unit["Kepolisian Daerah Jawa Barat"]
    assert unit["Kepolisian Daerah Jawa Barat"] == "Kepolisian Daerah Jawa Barat"
    office = _by_text(
        "Kasat Lantas Polres Majalengka AKP Dedi Kurniawan mengatakan tiga orang tewas. Kendaraan itu "
        "diderek ke kantor Polres Majalengka."
    )
    assert office["Polres Majalengka"][1] == "Kepolisian Resor Majalengka"  # the office and its building
    assert _canonical("Bank of China menaikkan bunga.")["Bank of China"] == "Bank of China"


def test_a_regions_government_is_an_organisation() -> None:
    found = _found("Pemerintah Kabupaten Kupang telah menyiapkan bantuan bagi warga di Kota Kupang.")
    assert found.get("Pemerintah Kabupaten Kupang") == "ORG"
    assert found.get("Kota Kupang") == "LOC"


def test_a_known_place_after_a_titled_office_is_split_from_the_name_it_ran_into() -> None:
    found = _by_text(
        "Kepala Kejaksaan Tinggi (Kajati) DKI Jakarta Reda Manthovani menjenguk korban. "
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) Kota Gorontalo Mahmud Baderan "
        "mengatakan 7.486 warga masih mengungsi."
    )
    assert found["Reda Manthovani"][0] == "PERSON"
    assert found["DKI Jakarta"][1] == "Jakarta"
    assert found["Mahmud Baderan"][0] == "PERSON"
    assert found["Kota Gorontalo"][1] == "Gorontalo"


def test_places_and_offices_run_into_a_person_do_not_make_the_place_a_person() -> None:
    found = _by_text(
        "Gempa bermagnitudo 5,8 mengguncang Kabupaten Majene, Sulawesi Barat, pada Minggu dini hari. "
        "Kepala Pelaksana BPBD Majene Muhammad Ilham Syah mengatakan 37 rumah rusak. "
        "Hujan deras juga melanda Kabupaten Garut sejak Sabtu. BPBD Garut mencatat 120 rumah terendam di Garut."
    )
    assert found["Muhammad Ilham Syah"][0] == "PERSON"
    assert found["Kabupaten Majene"] == ("LOC", "Majene")
    assert found["BPBD Garut"][0] == "ORG"
    assert found["Kabupaten Garut"] == ("LOC", "Garut")


def test_a_persons_name_starts_after_a_rank_inside_the_span() -> None:
    found = _found(
        "Kapolresta Sleman Kompol Mulyanto mengatakan pelaku sudah ditangkap dan kini ditahan untuk "
        "diperiksa lebih lanjut oleh penyidik."
    )
    assert found.get("Mulyanto") == "PERSON"


def test_a_police_unit_between_a_title_and_a_rank_is_an_organisation() -> None:
    found = _found(
        '"Kami menyita sejumlah dokumen dan perangkat elektronik dari rumah tersangka," kata Kabid Humas '
        "Polda Metro Jaya Kombes Ade Ary Syam Indradi kepada wartawan di Jakarta."
    )
    assert found.get("Polda Metro Jaya") == "ORG"
    assert found.get("Ade Ary Syam Indradi") == "PERSON"


def test_an_organisation_head_and_its_place_come_before_the_person() -> None:
    found = _found(
        "Pemain sayap Timnas Indonesia Witan Sulaeman mengalami cedera saat berlatih di Jakarta pada Senin sore."
    )
    assert found.get("Timnas Indonesia") == "ORG"
    assert found.get("Witan Sulaeman") == "PERSON"


def test_a_known_organisation_gives_back_the_first_name_it_ran_into() -> None:
    found = _found(
        "Gubernur BI Perry Warjiyo mengatakan keputusan itu konsisten dengan upaya menjaga stabilitas nilai "
        "tukar rupiah di tengah ketidakpastian global."
    )
    assert found.get("BI") == "ORG"
    assert found.get("Perry Warjiyo") == "PERSON"


def test_a_known_place_after_a_title_is_the_titles_place_not_a_person() -> None:
    found = _found(
        "Kapolrestabes Medan menyebut kasus itu masih diselidiki dan pelaku akan segera ditangkap oleh "
        "anggota kepolisian setempat."
    )
    assert found.get("Medan") in ("LOC", "GPE")


def test_two_known_names_in_one_span_stay_two() -> None:
    found = _found("Menurut kantor berita Rusia Interfax, kedua pemimpin sepakat.")
    assert found.get("Interfax") == "ORG"
    assert "Rusia Interfax" not in found


def test_an_agency_and_its_acronym_share_one_canonical_name() -> None:
    text = "Menurut Korean Central News Agency (KCNA), kunjungan itu penting. KCNA juga melaporkan hal lain."
    canonicals = {e.canonical for e in extract_entities(text) if "KCNA" in e.text or "Agency" in e.text}
    assert canonicals == {"KCNA"}


def test_a_place_found_in_part_takes_the_whole_known_name() -> None:
    for entity in extract_entities("Pemimpin Korea Utara Kim Jong Un menyambut tamunya di bandara."):
        assert entity.text != "Korea"


def test_known_places_joined_by_a_hyphen_are_a_place() -> None:
    found = _found("Ia membahas perang Rusia-Ukraina dengan para diplomat.")
    assert found.get("Rusia-Ukraina") == "LOC"


def test_a_known_country_acting_as_the_subject_is_kept_as_a_gpe() -> None:
    found = _found("Tiongkok membantah telah menyediakan senjata kepada Rusia.")
    assert found.get("Tiongkok") == "GPE"


@pytest.mark.parametrize(
    ("text", "affiliation", "person"),
    [
        (
            "PT Sri Rejeki Isman Tbk (Sritex) dinyatakan pailit. Direktur Utama Sritex Iwan Kurniawan "
            "Lukminto mengatakan pabrik tetap beroperasi.",
            "Sritex",
            "Iwan Kurniawan Lukminto",
        ),
        (
            "Asosiasi Pengusaha Indonesia (Apindo) menolak rencana itu. Ketua Umum Apindo Shinta Widjaja "
            "Kamdani mengatakan, kenaikan tarif akan langsung tercermin pada harga jual barang.",
            "Apindo",
            "Shinta Widjaja Kamdani",
        ),
        (
            "Sementara itu, pelatih Jepang Hajime Moriyasu memuji atmosfer stadion yang disebutnya sebagai "
            "salah satu yang terbaik di Asia.",
            "Jepang",
            "Hajime Moriyasu",
        ),
    ],
)
def test_the_organisation_or_country_of_a_title_is_not_part_of_the_person(
    text: str, affiliation: str, person: str
) -> None:
    found = _found(text)
    assert found.get(person) == "PERSON"
    assert found.get(affiliation) in ("ORG", "LOC", "GPE")
    assert not any(name.startswith(affiliation + " ") for name, label in found.items() if label == "PERSON")


def test_a_capitalised_word_right_before_a_found_name_is_its_first_name_even_a_common_word() -> None:
    found = _found(
        "Gol kedua dicetak penyerang muda Sabar Hendrawan Gutama pada menit ke-80. "
        "Dua tersangka itu yakni, Maju Daryono Siregar dan Deni Irawan, ditahan polisi. "
        "Pameran itu dibuka Wakil Presiden, yang didampingi Ny Herawati Boediono."
    )
    assert found.get("Sabar Hendrawan Gutama") == "PERSON"
    assert found.get("Maju Daryono Siregar") == "PERSON"
    assert found.get("Herawati Boediono") == "PERSON"


def test_the_name_after_kantor_berita_or_surat_kabar_is_the_outlet() -> None:
    found = _found(
        "Tiga orang ditahan setelah bentrokan di pelabuhan itu, kata kantor berita AAP pada Selasa. "
        "Pemerintah tidak akan mengubah kebijakannya, tulis surat kabar Al-Watan dalam tajuknya."
    )
    assert found.get("AAP") == "ORG"
    assert found.get("Al-Watan") == "ORG"


def test_financial_ratios_and_the_homeland_are_terms_not_entities() -> None:
    found = _found(
        "Rasio Return on Equity (ROE) perseroan naik, sementara Net Interest Margin NIM turun tipis. "
        "Pelaku Pasar Modal di Tanah Air menilai BI Rate akan bertahan."
    )
    assert found == {}


def test_the_short_name_of_a_meeting_is_a_term_not_an_organisation() -> None:
    found = _found(
        "Stok cukup, kata Direktur Utama PLN Darmawan Prasodjo jelang Raker dengan Komisi VI di Gedung DPR."
    )
    assert "Raker" not in found
    assert found.get("Komisi VI") == "ORG"


def test_a_known_organisation_survives_a_span_the_tagger_ran_on_past_a_lower_case_word() -> None:
    found = _found(
        "Stok cukup, kata Direktur Pemasaran Pertamina Niko Budiman jelang Raker dengan Komisi VII DPR."
    )
    assert found.get("Pertamina") == "ORG"
    assert found.get("Niko Budiman") == "PERSON"


def test_pb_opens_an_organisation_not_a_person() -> None:
    found = _found("Para atlet PB Taruna Bahari berangkat ke Surabaya untuk kejuaraan nasional.")
    assert found.get("PB Taruna Bahari") == "ORG"


def test_a_country_after_ke_wilayah_is_a_location_not_an_actor() -> None:
    found = _found("Belum ada satu roket pun yang ditembakkan ke wilayah Israel dari Gaza sejak Minggu.")
    assert found.get("Israel") == "LOC"


def test_an_abbreviations_stop_inside_the_sentence_belongs_to_the_name() -> None:
    found = _found("Vinci S.A., sebuah perusahaan konstruksi asal Prancis, mengatakan laba bersihnya naik.")
    assert found.get("Vinci S.A.") == "ORG"


def test_a_place_ending_in_an_organisation_word_is_that_organisation_unless_a_venue() -> None:
    found = _found(
        "Harga minyak mentah di New York Mercantile Exchange naik dua persen pada Senin. "
        "Pameran itu digelar di Jakarta Convention Center hingga Minggu."
    )
    assert found.get("New York Mercantile Exchange") == "ORG"
    assert found.get("Jakarta Convention Center") == "LOC"


def test_a_place_ends_before_its_floor() -> None:
    found = _found("Sekolah pasar modal itu digelar di Gedung BEI Medan lantai II pada Sabtu pagi.")
    assert found.get("Gedung BEI Medan") == "LOC"


def test_a_capitalised_word_right_before_an_organisation_is_its_first_word_unless_it_has_a_head() -> None:
    found = _found(
        "Utusan itu bertemu perwakilan Militer Islam Irak serta faksi lain di Amman. "
        "Keputusan itu diambil dalam Rapat Dewan Gubernur pada Rabu."
    )
    assert found.get("Militer Islam Irak") == "ORG"
    assert "Rapat Dewan Gubernur" not in found


def test_an_unseen_word_opening_the_sentence_before_a_verb_of_saying_is_the_speaker() -> None:
    found = _found(
        "Tumiran mengungkapkan itu menanggapi polemik soal harga gabah di tingkat petani. "
        "Pemerintah mengatakan harga itu akan dievaluasi."
    )
    assert found.get("Tumiran") == "PERSON"
    assert "Pemerintah" not in found


def test_a_name_the_tagger_ran_on_from_the_dateline_keeps_its_part_after_the_dash() -> None:
    found = _found(
        "MEDAN, TRIBUN-MEDAN.com - KPU Provinsi Sumatera Utara memastikan pemungutan suara ulang digelar "
        "pekan depan di tiga kecamatan."
    )
    assert found.get("KPU Provinsi Sumatera Utara") == "ORG"
    assert found.get("TRIBUN-MEDAN.com") == "ORG"


def test_an_organisation_head_makes_an_organisation_in_a_sentence_the_tagger_found_nothing_in() -> None:
    found = _found("Sebagian personel pengamanan diperbantukan dari Polres Asahan sejak pekan lalu.")
    assert found.get("Polres Asahan") == "ORG"


def test_confederations_associations_and_corps_are_organisation_heads() -> None:
    found = _found(
        "Presiden Konfederasi Serikat Pekerja Indonesia Said Iqbal menolak aturan itu. "
        "Pedagang ditertibkan oleh Satpol PP Provinsi Riau pada Senin."
    )
    assert found.get("Konfederasi Serikat Pekerja Indonesia") == "ORG"
    assert found.get("Satpol PP Provinsi Riau") == "ORG"


def test_areas_rivers_roundabouts_and_landfills_are_named_by_their_heads() -> None:
    found = _found(
        "Banjir itu akibat luapan Kali Ciliwung pada Minggu malam. Arus lalu lintas di sekitar "
        "Bundaran Keris sempat dialihkan, dan sampah diangkut ke TPA Jatibarang."
    )
    assert found.get("Kali Ciliwung") == "LOC"
    assert found.get("Bundaran Keris") == "LOC"
    assert found.get("TPA Jatibarang") == "LOC"


def test_a_place_in_a_headline_ends_at_a_common_word() -> None:
    found = _found("Gunung Ruang Kembali Meletus, Warga Diungsikan ke Tagulandang")
    assert found.get("Gunung Ruang") == "LOC"


def test_dan_before_an_organisation_the_tagger_found_ends_the_unit_before_it() -> None:
    found = _found(
        "Badan Narkotika Nasional bersama Polda Aceh dan Bea Cukai Aceh menggagalkan penyelundupan "
        "sabu seberat 50 kilogram pada Selasa."
    )
    assert found.get("Polda Aceh") == "ORG"


def test_an_organisation_ends_before_the_lower_case_words_the_tagger_ran_into() -> None:
    found = _found(
        "Pebalap Idemitsu Honda Team Asia finis di urutan kelima pada balapan di Mandalika, Minggu."
    )
    assert found.get("Idemitsu Honda Team Asia") == "ORG"


def test_an_organisation_ends_before_a_rank() -> None:
    found = _found(
        "Kepala Polsek Tamansari Kompol Ahmad Fikri menyatakan polisi telah memasang garis polisi."
    )
    assert found.get("Polsek Tamansari") == "ORG"
    assert found.get("Ahmad Fikri") == "PERSON"


def test_customs_offices_and_universities_named_in_english_are_organisations() -> None:
    found = _found(
        "Penangkapan itu melibatkan Badan Narkotika Nasional dan Bea Cukai Soekarno-Hatta. "
        "Ia meraih gelar doktor dari James Cook University, Australia."
    )
    assert found.get("Bea Cukai Soekarno-Hatta") == "ORG"
    assert found.get("James Cook University") == "ORG"


def test_a_regency_named_with_its_side_after_a_title_stays_a_place() -> None:
    found = _found("Wakil Bupati Lampung Utara Ristu Darmawan meninjau lokasi banjir pada Senin.")
    assert found.get("Lampung Utara") == "LOC"
    assert found.get("Ristu Darmawan") == "PERSON"


def test_a_place_ends_before_the_lower_case_words_the_tagger_ran_into_but_keeps_its_side() -> None:
    found = _found(
        "Sebagian pagar gedung parlemen di sisi Jalan Gatot Subroto roboh setelah didorong massa. "
        "Israel kembali menyerang Lebanon selatan pada Senin."
    )
    assert found.get("Jalan Gatot Subroto") == "LOC"
    assert found.get("Lebanon selatan") == "LOC"


def test_a_place_without_a_capital_in_cased_text_is_no_name() -> None:
    found = _found(
        "BNPB mengimbau masyarakat yang tinggal di bantaran sungai dan lereng perbukitan untuk tetap waspada."
    )
    assert set(found) == {"BNPB"}


def test_a_known_acronym_inside_a_persons_span_is_the_organisation_they_speak_for() -> None:
    found = _found(
        "Kepala Pusat Data, Informasi, dan Komunikasi Kebencanaan BNPB Abdul Muhari mengatakan banjir "
        "meluas. Direktur Risk Management BSI Grandhis Helmi mengatakan kualitas aset membaik."
    )
    assert found.get("BNPB") == "ORG"
    assert found.get("Abdul Muhari") == "PERSON"
    assert found.get("Grandhis Helmi") == "PERSON"
    assert not any("Kebencanaan" in name or "Management" in name for name in found)


def test_a_company_named_with_its_legal_form_stays_a_company_however_its_short_name_is_tagged() -> None:
    story = Path(__file__).parents[1] / "data" / "stories" / "dev" / "sritex-pailit-detik.txt"
    text = story.read_text(encoding="utf-8").partition("\n---\n")[2]
    labels = {e.label for e in extract_entities(text) if e.canonical == "Sri Rejeki Isman"}
    assert labels == {"ORG"}


def test_a_centre_of_study_or_research_is_an_organisation() -> None:
    found = _found(
        "Alexander Vuving dari Pusat Studi Keamanan Asia-Pasifik di Honolulu menilai kunjungan itu penting. "
        "Data dari Pusat Laboratorium Forensik Polri dirilis pada Senin."
    )
    assert found.get("Pusat Studi Keamanan Asia-Pasifik") == "ORG"
    assert found.get("Pusat Laboratorium Forensik Polri") == "ORG"


def test_a_name_its_short_form_spells_runs_over_dan_though_the_tagger_saw_a_person_after_it() -> None:
    found = _found(
        "Kepala Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG) Hendra Gunawan mengatakan status "
        "gunung naik. Direktur Jenderal Bea dan Cukai Djaka Budhi Utama menolak berkomentar."
    )
    assert found.get("Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG)") == "ORG"
    assert found.get("Hendra Gunawan") == "PERSON"
    assert not any(name.endswith(" dan") for name in found)


def test_a_quotation_in_another_script_is_no_name() -> None:
    found = _found(
        "Dalam sambutannya, Menteri Agama Nasaruddin Umar mengutip ayat Al Quran:\n"
        "يَا أَيُّهَا النَّاسُ إِنَّا خَلَقْنَاكُمْ مِنْ ذَكَرٍ وَأُنْثَى\n"
        "Ia meminta masyarakat tidak mudah terprovokasi."
    )
    assert found.get("Nasaruddin Umar") == "PERSON"
    assert all(any("a" <= c <= "z" for c in name.lower()) for name in found)


def test_another_countrys_ministry_is_not_the_indonesian_one_the_gazetteer_knows() -> None:
    text = (
        "Kementerian Luar Negeri Rusia membantah tuduhan itu. Kementerian Luar Negeri Indonesia "
        "meminta semua pihak menahan diri. Kementerian Kesehatan Lebanon mencatat 560 korban."
    )
    canonical = {e.text: e.canonical for e in extract_entities(text)}
    assert canonical["Kementerian Luar Negeri Rusia"] == "Kementerian Luar Negeri Rusia"
    assert canonical["Kementerian Luar Negeri Indonesia"] == "Kementerian Luar Negeri"
    assert canonical["Kementerian Kesehatan Lebanon"] == "Kementerian Kesehatan Lebanon"


def test_the_name_after_a_ministers_portfolio_is_a_person() -> None:
    found = _found(
        "Menteri Luar Negeri Sugiono menyebut kunjungan tersebut menghasilkan banyak kesepakatan. "
        "Menteri Luar Negeri China Wang Yi menyambut baik hasil itu."
    )
    assert found.get("Sugiono") == "PERSON"
    assert found.get("Wang Yi") == "PERSON"


def test_the_name_after_a_title_and_its_organisation_is_the_title_holder() -> None:
    found = _found(
        "JAKARTA, KOMPAS.com - Ketua Umum Partai Solidaritas Indonesia (PSI) Kaesang Pangarep "
        "mendatangi Gedung Merah Putih Komisi Pemberantasan Korupsi (KPK) pada Selasa."
    )
    assert found.get("Kaesang Pangarep") == "PERSON"


def test_a_name_the_document_calls_a_district_is_a_place_in_every_mention() -> None:
    text = (
        "Pasukan Ukraina menyeberang perbatasan di sekitar distrik Sudzha. Video memperlihatkan warga "
        "yang meninggalkan Sudzha. Sudzha memiliki arti strategis karena menjadi titik transit gas. "
        "Gubernur Kursk mengatakan Sudzha masih dikuasai Rusia."
    )
    assert {e.label for e in extract_entities(text) if e.canonical == "Sudzha"} == {"LOC"}


def test_a_suspects_initials_are_not_the_country_they_spell() -> None:
    text = "Polisi menangkap tiga pelaku berinisial AS, RM dan DK di Medan. Amerika Serikat tidak terkait."
    people = {e.text: e.canonical for e in extract_entities(text) if e.label == "PERSON"}
    assert people.get("AS") == "AS"


def test_an_untagged_name_ending_in_an_organisations_last_word_is_that_organisation() -> None:
    found = _found(
        "Kepala Riset MNC Sekuritas Herditya Wicaksana menilai rupiah masih tertekan. Menurut analis "
        "Mirae Asset Sekuritas Indonesia, Nafan Aji Gusta, pasar menunggu data inflasi."
    )
    assert found.get("MNC Sekuritas") == "ORG"
    assert found.get("Herditya Wicaksana") == "PERSON"
    assert found.get("Mirae Asset Sekuritas Indonesia") == "ORG"
    assert found.get("Nafan Aji Gusta") == "PERSON"


def test_an_english_job_title_is_a_role_not_part_of_the_name() -> None:
    text = "Chief Technology Officer Pasarnusa Nadia Kusumawardhani mengatakan layanan pulih pada Senin."
    people = {e.text: e.role for e in extract_entities(text) if e.label == "PERSON"}
    assert not any("Officer" in name for name in people)


def test_a_name_right_after_di_is_a_place_the_tagger_took_for_a_person() -> None:
    found = _found("Latihan bersama berikutnya dijadwalkan berlangsung di Darwin pada Agustus mendatang.")
    assert found.get("Darwin") == "LOC"


def test_a_person_without_a_capital_in_cased_text_is_no_name() -> None:
    found = _found("Paus akan memimpin misa akbar di Stadion Utama Gelora Bung Karno, Senayan.")
    assert "misa" not in found
    assert found.get("Stadion Utama Gelora Bung Karno") == "LOC"


def test_the_lower_case_words_describing_a_place_are_not_part_of_its_name() -> None:
    entities = extract_entities(
        "Kebakaran hebat melanda gedung Glodok Plaza di Tamansari, Jakarta Barat. "
        "Hujan membawa material vulkanik dari lereng Gunung Marapi ke permukiman."
    )
    canonical = {e.text: e.canonical for e in entities}
    assert canonical["gedung Glodok Plaza"] == "Glodok Plaza"
    assert canonical["Gunung Marapi"] == "Gunung Marapi"


def test_a_place_that_runs_on_into_a_person_named_alone_elsewhere_is_split() -> None:
    found = _found(
        "Paus Fransiskus dan Imam Besar Masjid Istiqlal Nasaruddin Umar menandatangani deklarasi di "
        "Masjid Istiqlal. Nasaruddin Umar mengatakan deklarasi itu penting."
    )
    assert found.get("Masjid Istiqlal") == "LOC"
    assert found.get("Nasaruddin Umar") == "PERSON"
    assert "Masjid Istiqlal Nasaruddin Umar" not in found


def test_a_region_after_an_organisation_is_its_office_not_a_person() -> None:
    assert _found("Petugas BPBD Kota Binjai mendata rumah warga yang terendam.") == {
        "BPBD Kota Binjai": "ORG"
    }
    found = _found("Kepala BPBD Maluku Tengah Ahmad Ibrahim mengatakan pencarian berlanjut.")
    assert found == {"BPBD Maluku Tengah": "ORG", "Ahmad Ibrahim": "PERSON"}


def test_a_long_regional_office_is_one_organisation_before_its_head() -> None:
    found = _found(
        "Kepala Dinas Energi dan Sumber Daya Mineral Provinsi Sulawesi Utara Fransiscus Maindoka menjelaskan."
    )
    assert found == {
        "Dinas Energi dan Sumber Daya Mineral Provinsi Sulawesi Utara": "ORG",
        "Fransiscus Maindoka": "PERSON",
    }


def test_an_office_named_by_its_organisation_and_region_is_one_organisation() -> None:
    found = _found("Pegawai Kantor Kementerian Agama Kabupaten Jember diperiksa.")
    assert found == {"Kantor Kementerian Agama Kabupaten Jember": "ORG"}


def test_a_person_the_tagger_found_after_a_titled_place_is_no_part_of_the_place() -> None:
    found = _found("Sekretaris Daerah Kota Binjai Chairul Azmi Nasution mengatakan pompa sudah diperbaiki.")
    assert found == {"Kota Binjai": "LOC", "Chairul Azmi Nasution": "PERSON"}


def test_a_known_organisation_before_a_place_that_opens_with_a_known_town_is_its_office() -> None:
    found = _found("Pencarian melibatkan personel Basarnas, BPBD Maluku Tengah, serta nelayan setempat.")
    assert found.get("BPBD Maluku Tengah") == "ORG"


def test_an_organisations_representative_office_in_a_place_is_one_organisation() -> None:
    found = _found("Hasil audit BPKP Perwakilan Sumatera Utara menunjukkan kerugian negara.")
    assert found == {"BPKP Perwakilan Sumatera Utara": "ORG"}


def test_an_organisation_before_a_place_written_as_a_region_is_its_office() -> None:
    found = _found("Inspektorat Kabupaten Timor Tengah Selatan memeriksa dana desa.")
    assert found == {"Inspektorat Kabupaten Timor Tengah Selatan": "ORG"}


def test_a_known_outlet_in_brackets_after_a_dateline_place_is_not_its_short_form() -> None:
    found = _found("Ambon (ANTARA) - Tim SAR gabungan masih mencari tujuh penumpang kapal.")
    assert found == {"Ambon": "LOC", "ANTARA": "ORG"}


def test_the_ministries_of_the_2024_cabinet_are_known_organisations() -> None:
    entities = extract_entities(
        "Kementerian Pendidikan Tinggi, Sains, dan Teknologi (Kemendiktisaintek) mengumumkan hasil akreditasi. "
        "Kemendiktisaintek juga membuka pendaftaran beasiswa."
    )
    assert {(e.text, e.label, e.canonical) for e in entities} >= {
        ("Kemendiktisaintek", "ORG", "Kementerian Pendidikan Tinggi, Sains, dan Teknologi")
    }


def test_an_organisation_head_before_a_person_with_particles_makes_the_organisation() -> None:
    found = _found("Prabowo bertemu Presiden Komisi Eropa Ursula von der Leyen di Brussel, Belgia.")
    assert found.get("Komisi Eropa") == "ORG"
    assert found.get("Ursula von der Leyen") == "PERSON"


def test_a_name_complete_with_its_short_form_ends_there() -> None:
    found = _found(
        "Aksi korporasi itu melibatkan PT Bank Syariah Indonesia Tbk (BSI) dan Mandiri Sekuritas sebagai penjamin."
    )
    assert found == {"PT Bank Syariah Indonesia Tbk (BSI)": "ORG", "Mandiri Sekuritas": "ORG"}


def test_a_region_named_inside_an_organisation_is_a_place_wherever_it_stands_alone() -> None:
    found = _found(
        "KPU Kabupaten Jeneponto mulai menggelar penghitungan suara ulang. Ketua KPU Jeneponto Muhammad "
        'Arsyad Said mengatakan prosesnya transparan. "Jeneponto harus tetap aman," kata Arsyad.'
    )
    assert found.get("Muhammad Arsyad Said") == "PERSON"
    assert found.get("Jeneponto") == "LOC"


def test_a_word_shaped_like_a_football_club_opens_an_organisation_with_its_home_town() -> None:
    found = _found(
        "Persewar Waropen keluar sebagai juara setelah menaklukkan Persigubin Pegunungan Bintang 2-1. "
        "Persiapan tim sudah matang sejak awal musim."
    )
    assert found == {"Persewar Waropen": "ORG", "Persigubin Pegunungan Bintang": "ORG"}


def test_a_company_form_before_an_organisation_the_tagger_found_is_its_first_word() -> None:
    found = _found("Saham perbankan menjadi penopang, terutama PT Bank Central Asia Tbk (BBCA).")
    assert found == {"PT Bank Central Asia Tbk (BBCA)": "ORG"}


def test_an_organisation_named_with_a_list_that_dan_closes_is_one_name() -> None:
    found = _found("Biro Pers, Media, dan Informasi Sekretariat Presiden (BPMI Setpres) merilis foto itu.")
    assert found == {"Biro Pers, Media, dan Informasi Sekretariat Presiden (BPMI Setpres)": "ORG"}
    assert "Dinas Sosial" in _found("Dinas Kesehatan, Dinas Sosial, dan BPBD turun tangan.")
    assert _found("Kementerian Riset, Sains, dan Inovasi menggelar pameran.") == {
        "Kementerian Riset, Sains, dan Inovasi": "ORG"
    }


def test_bersama_separates_two_organisations_the_tagger_ran_together() -> None:
    found = _found("Kegiatan itu digelar BPBD Kota Padang bersama Dinas Pendidikan Kota Padang di sekolah.")
    assert found == {"BPBD Kota Padang": "ORG", "Dinas Pendidikan Kota Padang": "ORG"}


news_pieces = st.sampled_from(
    [
        "Presiden Joko Widodo",
        "Hasan Nasbi",
        "Hasan",
        "PT Bank Central Asia Tbk",
        "Kementerian Luar Negeri",
        "Kabupaten Jember",
        "Gunung Semeru",
        "Polda Metro Jaya",
        "Persib",
        "Tô Lâm",
        "Dr. H. I Made",
        "kata",
        "di",
        "dan",
        "alias",
        "JAKARTA, KOMPAS.com -",
        "Foto:",
        "(MK)",
        "(",
        ")",
        ",",
        ".",
        "—",
        "/",
        "“",
        "\n",
    ]
)


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(news_pieces, max_size=40).map(" ".join))
def test_any_text_of_names_and_punctuation_gives_well_formed_entities(text: str) -> None:
    for entity in extract_entities(text):
        assert text[entity.start : entity.end] == entity.text
        assert entity.text and entity.text.strip() == entity.text and entity.canonical
