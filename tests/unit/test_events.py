from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warta
from warta import RawDocument, enrich
from warta.evaluation.events import DATA, read_sentences, split_of
from warta.pipeline.events import KINDS, event_id, extract_events, sentences
from warta.records import Entity, Event

FRIDAY = datetime.fromisoformat("2024-06-21T09:00:00+07:00")
SAMPLES = Path(warta.__file__).parent / "samples"


def mentions(text: str, **names: list[str]) -> list[Entity]:
    """Entities as the entities stage would give them: ``PERSON=["Joko Widodo"]`` finds each name in ``text``."""
    found = []
    for label, surfaces in names.items():
        for surface in surfaces:
            start = text.index(surface)
            found.append(
                Entity(text=surface, label=label, start=start, end=start + len(surface), canonical=surface)
            )
    return sorted(found, key=lambda entity: entity.start)


def events(text: str, published_at: datetime | None = FRIDAY, **names: list[str]) -> dict[str, Event]:
    return {event.type: event for event in extract_events(text, mentions(text, **names), published_at, "a1")}


def source(event: Event) -> str | None:
    return next((actor.canonical for actor in event.actors if actor.role == "source"), None)


def target(event: Event) -> str | None:
    return next((actor.canonical for actor in event.actors if actor.role == "target"), None)


def test_visit_has_the_traveller_as_source_the_destination_as_place_and_the_day() -> None:
    text = "Presiden Joko Widodo tiba di Canberra, Australia, Selasa (4/6/2024) sore."
    visit = events(text, PERSON=["Joko Widodo"], LOC=["Canberra", "Australia"])["VISIT"]
    assert (source(visit), visit.location, visit.date, visit.cameo) == (
        "Joko Widodo",
        "Canberra",
        "2024-06-04",
        "04",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Presiden terpilih itu belum pernah mengunjungi Washington.",
        "Ketua DPR tidak bertemu dengan perwakilan buruh.",
        "Kedua negara belum mencapai kesepakatan mengenai batas laut.",
        "Jerman menolak mengirim rudal jelajah ke Ukraina.",
        "Kedua maskapai belum punya kesepakatan yang bisa ditandatangani tahun ini.",
        "Rencana kunjungan kenegaraan ke Washington akhirnya ditunda hingga tahun depan.",
        "Menteri itu mengajak para pemimpin buruh berunding di kantornya.",
    ],
)
def test_negated_refused_proposed_or_called_off_events_are_not_reported(text: str) -> None:
    assert not events(text, LOC=["Washington"] if "Washington" in text else [])


def test_proposing_talks_is_a_statement_and_no_meeting() -> None:
    text = "Menteri Luar Negeri Sugiono mengusulkan pertemuan trilateral dengan Malaysia dan Thailand."
    found = events(text, PERSON=["Sugiono"], LOC=["Malaysia", "Thailand"])
    assert list(found) == ["STATEMENT"]
    assert source(found["STATEMENT"]) == "Sugiono"


def test_a_denial_is_a_statement_but_what_it_denies_is_not_an_event() -> None:
    found = events("Iran membantah laporan bahwa pihaknya mengirim drone ke Moskow.", LOC=["Iran", "Moskow"])
    assert list(found) == ["STATEMENT"]
    assert source(found["STATEMENT"]) == "Iran"


def test_planned_events_count() -> None:
    text = "Menteri Luar Negeri Penny Wong dijadwalkan bertemu para pemimpin Pasifik pekan ini."
    meeting = events(text, PERSON=["Penny Wong"])["MEETING"]
    assert (source(meeting), meeting.date) == ("Penny Wong", "2024-W25")


def test_a_hypothetical_attack_is_not_an_attack() -> None:
    text = "Rusia dan Korea Utara menandatangani pakta yang berlaku jika salah satu pihak diserang."
    assert list(events(text, LOC=["Rusia", "Korea Utara"])) == ["AGREEMENT"]


@pytest.mark.parametrize(
    "text",
    [
        "Persebaya menyerang sejak menit awal, tetapi gagal membobol gawang lawan.",
        "Komisi Disiplin menjatuhkan sanksi larangan bertanding tiga laga kepada bek itu.",
        "Mantan kiper itu mengalami serangan jantung di rumahnya.",
    ],
)
def test_sport_and_medical_uses_of_attack_and_sanction_words_are_not_events(text: str) -> None:
    assert not events(text)


def test_a_trigger_word_inside_a_name_is_not_an_event() -> None:
    text = "Komisi Pemilihan Umum menetapkan jadwal pemungutan suara."
    election = events(text, ORG=["Komisi Pemilihan Umum"])["ELECTION"]
    assert election.trigger == "pemungutan suara"


def test_a_lower_case_trigger_caught_inside_an_entity_still_counts() -> None:
    text = "Skuad Garuda tiba di Jeddah pada Senin."
    assert "VISIT" in events(text, ORG=["Skuad Garuda tiba"], LOC=["Jeddah"])


def test_the_speaker_named_after_a_quote_is_the_source() -> None:
    text = "“Kami akan mengawal proses ini sampai tuntas,” kata Ketua KPK Nawawi Pomolango, Kamis."
    statement = events(text, PERSON=["Nawawi Pomolango"], ORG=["KPK"])["STATEMENT"]
    assert (source(statement), statement.date) == ("Nawawi Pomolango", "2024-06-20")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Perdana Menteri Jepang Fumio Kishida, Kamis (20/6/2024), mengatakan Tokyo siap membantu Jakarta.",
            "STATEMENT",
        ),
        ("Fumio Kishida mendarat di Jakarta, Rabu (19/6/2024) malam, untuk menghadiri KTT ASEAN.", "MEETING"),
        ("Fumio Kishida menjanjikan pinjaman senilai US$1,5 miliar saat berkunjung ke Jakarta.", "VISIT"),
    ],
)
def test_a_clause_that_says_when_or_why_or_a_decimal_comma_leaves_the_subject_in_place(
    text: str, kind: str
) -> None:
    assert source(events(text, PERSON=["Fumio Kishida"], LOC=["Jakarta"])[kind]) == "Fumio Kishida"


def test_who_accompanies_the_subject_is_an_aside() -> None:
    text = "Ridwan Kamil, didampingi Bupati Garut Rudy Gunawan, meninjau lokasi longsor."
    visit = events(text, PERSON=["Ridwan Kamil", "Rudy Gunawan"])["VISIT"]
    assert source(visit) == "Ridwan Kamil"


def test_the_parties_of_a_meeting_follow_antara() -> None:
    text = "Pertemuan antara Menteri Perdagangan Budi Santoso dan mitranya dari Australia membahas tarif."
    assert source(events(text, PERSON=["Budi Santoso"], LOC=["Australia"])["MEETING"]) == "Budi Santoso"


def test_a_relative_clause_does_not_supply_the_subject() -> None:
    text = (
        "Putin, yang didampingi oleh Menteri Pertahanan Andrei Belousov, mengatakan kedua negara bersahabat."
    )
    statement = events(text, PERSON=["Putin", "Andrei Belousov"])["STATEMENT"]
    assert source(statement) == "Putin"


def test_a_relative_clause_is_said_of_the_actor_before_it() -> None:
    text = "Putin berterima kasih kepada Kim, yang telah menyediakan senjata untuk perang di Ukraina."
    aid = events(text, PERSON=["Putin", "Kim"], LOC=["Ukraina"])["MILITARY_AID"]
    assert source(aid) == "Kim"


def test_the_speaker_is_named_right_after_the_speech_verb_not_further_on() -> None:
    text = "“Warisan itu masih ada,” kata Huong Le Thu, wakil direktur International Crisis Group."
    statement = events(text, ORG=["International Crisis Group"])["STATEMENT"]
    assert source(statement) is None


def test_a_pronoun_subject_is_the_person_of_the_sentence_before() -> None:
    text = "Putin tiba di Hanoi pada Kamis. Ia kemudian bertemu dengan To Lam."
    meeting = events(text, PERSON=["Putin", "To Lam"], LOC=["Hanoi"])["MEETING"]
    assert (source(meeting), target(meeting)) == ("Putin", "To Lam")


def test_the_accused_action_has_the_accused_as_its_agent() -> None:
    found = events("Ukraina menuding Rusia menembakkan rudal ke rumah sakit anak.", LOC=["Ukraina", "Rusia"])
    assert source(found["ACCUSATION"]) == "Ukraina"
    assert source(found["ATTACK"]) == "Rusia"
    assert "STATEMENT" not in found


def test_a_noun_trigger_takes_the_actor_named_after_it() -> None:
    found = events(
        "Serangan udara Israel di kamp pengungsi Nuseirat menewaskan 30 orang.", LOC=["Israel", "Nuseirat"]
    )
    assert (source(found["ATTACK"]), found["ATTACK"].location) == ("Israel", "Nuseirat")


def test_who_was_killed_in_an_attack_is_its_target_not_its_source() -> None:
    text = "Ismail Haniyeh tewas bersama pengawalnya dalam serangan di kediamannya di Teheran, Iran."
    attack = events(text, PERSON=["Ismail Haniyeh"], LOC=["Teheran", "Iran"])["ATTACK"]
    assert (source(attack), target(attack)) == (None, "Ismail Haniyeh")
    text = "Yosua tewas ditembak di rumah dinas di Kompleks Polri Duren Tiga, Jakarta Selatan."
    shooting = events(text, PERSON=["Yosua"], LOC=["Kompleks Polri Duren Tiga", "Jakarta Selatan"])["ATTACK"]
    assert (source(shooting), target(shooting)) == (None, "Yosua")
    text = "Tiga warga terluka akibat serangan udara Israel di Gaza."
    attack = events(text, GPE=["Israel"], LOC=["Gaza"])["ATTACK"]
    assert source(attack) == "Israel"


def test_both_parties_of_an_agreement_are_actors() -> None:
    text = "Presiden Vietnam To Lam dan Putin menandatangani 11 nota kerja sama di Hanoi."
    agreement = events(text, PERSON=["To Lam", "Putin"], LOC=["Vietnam", "Hanoi"])["AGREEMENT"]
    assert (source(agreement), target(agreement), agreement.cameo) == ("To Lam", "Putin", "05")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amerika Serikat mengumumkan paket bantuan militer untuk Ukraina.", {"MILITARY_AID", "STATEMENT"}),
        ("Jerman akan mengirimkan tiga sistem pertahanan udara ke Kyiv.", {"MILITARY_AID"}),
        ("Uni Eropa menyetujui paket sanksi baru terhadap Rusia.", {"SANCTION"}),
        ("Ribuan buruh berunjuk rasa di depan Gedung DPR.", {"PROTEST"}),
        ("Claudia Sheinbaum terpilih sebagai presiden Meksiko.", {"ELECTION"}),
        ("Harga emas naik Rp 5.000 per gram pada perdagangan pagi ini.", set()),
        ("Kami belum tahu kapan bisa pulang, ujar Maria saat ditemui di tempat pengungsian.", {"STATEMENT"}),
        ("Menteri Luar Negeri menemui Duta Besar Jepang di Jakarta.", {"MEETING"}),
        ("Warga sedang duduk ketika tiba-tiba gas air mata ditembakkan ke arah mereka.", set()),
        ("Wasit asal China Shen Yinhao meninjau tayangan video assistant referee.", set()),
        ("Gubernur Jawa Barat meninjau lokasi pengungsian korban gempa di Kertasari.", {"VISIT"}),
        ("Puskesmas mencatat peningkatan kunjungan pasien dengan keluhan sesak napas.", set()),
        ("Pemerintah daerah membuka rumah singgah bebas asap bagi bayi dan ibu hamil.", set()),
        ("Rombongan presiden sempat singgah di Dubai sebelum melanjutkan perjalanan.", {"VISIT"}),
        ("Para menteri luar negeri mulai berdatangan di Vientiane.", {"VISIT"}),
        ("Candi Prambanan dikunjungi sekitar 20.000 orang selama libur Lebaran.", set()),
        ("Milisi itu meluncurkan puluhan roket ke kota perbatasan.", {"ATTACK"}),
        ("Ratusan petani menggelar aksi di depan kantor gubernur.", {"PROTEST"}),
        ("Jepang memperketat pembatasan ekspor bahan kimia ke Korea Selatan.", {"SANCTION"}),
        ("Turki mengirim peralatan militer ke Azerbaijan.", {"MILITARY_AID"}),
        ("Ganda putra itu tampil menyerang sejak gim pertama.", set()),
        ("Ia enggan mengomentari syarat calon presiden dalam putusan itu.", set()),
        ("Sebanyak dua juta dosis vaksin tiba di Bandara Soekarno-Hatta.", set()),
        ("Menteri Kesehatan memeriksa pasokan vaksin setelah tiba di Ambon.", {"VISIT"}),
        ("Dewan etik menjatuhkan sanksi etik kepada anggotanya.", set()),
        ("Lembaga itu mencatat jutaan serangan siber sepanjang tahun.", set()),
        ("Ganda putri itu bertahan dari gempuran lawan dan merebut medali emas.", set()),
        ("Washington mengancam akan menjatuhkan sanksi jika Moskwa menyerang.", {"STATEMENT"}),
        ("Ribuan warga berpawai menentang undang-undang itu.", {"PROTEST"}),
        ("Ratusan mahasiswa menggelar aksi antikorupsi di depan gedung parlemen.", {"PROTEST"}),
        ("Kepala BMKG mengingatkan warga agar menjauhi pantai.", {"STATEMENT"}),
        ("Para pemimpin mengesahkan deklarasi bersama di Nusa Dua.", {"AGREEMENT"}),
        ("Amerika Serikat menyerahkan delapan pesawat nirawak kepada TNI AL.", {"MILITARY_AID"}),
    ],
)
def test_event_types_from_indonesian_trigger_words(text: str, expected: set[str]) -> None:
    assert set(events(text)) == expected


def test_every_type_carries_a_cameo_root_code() -> None:
    assert all(len(kind.cameo) == 2 and kind.cameo.isdigit() for kind in KINDS)
    assert len({kind.type for kind in KINDS}) == len(KINDS) == 10


def test_the_same_event_in_two_articles_gets_the_same_id() -> None:
    first = "Presiden Rusia Vladimir Putin tiba di Vietnam pada Kamis pagi."
    second = "Vladimir Putin tiba di Vietnam, Kamis (20/6/2024), disambut karpet merah."
    ids = [
        extract_events(text, mentions(text, PERSON=["Vladimir Putin"], LOC=["Vietnam"]), FRIDAY, article)[
            0
        ].id
        for text, article in ((first, "a1"), (second, "a2"))
    ]
    assert ids[0] == ids[1]


@pytest.mark.parametrize(
    "dateline",
    ["Kyiv (ANTARA) - ", "Jakarta, CNBC Indonesia - ", "KYIV, KOMPAS.com -- ", "Rio de Janeiro (ANTARA) - "],
)
def test_the_outlet_and_place_of_a_dateline_are_not_actors_so_every_outlet_gives_one_id(
    dateline: str,
) -> None:
    report = "Rusia melancarkan serangan rudal terhadap Ukraina pada Kamis."
    text = dateline + report
    outlet = dateline.split("(")[-1].split(",")[-1].strip(" )-")
    found = mentions(text, LOC=["Rusia", "Ukraina", dateline.split(",")[0].split(" (")[0]], ORG=[outlet])
    [event] = extract_events(text, found, FRIDAY, "a1")
    [undated] = extract_events(report, mentions(report, LOC=["Rusia", "Ukraina"]), FRIDAY, "a2")
    assert [(actor.canonical, actor.role) for actor in event.actors] == [
        ("Rusia", "source"),
        ("Ukraina", "target"),
    ]
    assert event.id == undated.id


def test_event_id_depends_on_type_actors_and_day_but_not_actor_order() -> None:
    assert event_id("MEETING", ["Putin", "To Lam"], "2024-06-20") == event_id(
        "MEETING", ["To Lam", "Putin"], "2024-06-20"
    )
    assert event_id("MEETING", ["Putin"], "2024-06-20") != event_id("MEETING", ["Putin"], "2024-06-19")
    assert event_id("MEETING", ["Putin"], None) != event_id("VISIT", ["Putin"], None)


def test_without_a_date_in_the_sentence_the_event_takes_the_publication_day() -> None:
    assert (
        events("Putin mengatakan kedua negara bersahabat.", PERSON=["Putin"])["STATEMENT"].date
        == "2024-06-21"
    )
    assert (
        events("Putin mengatakan kedua negara bersahabat.", None, PERSON=["Putin"])["STATEMENT"].date is None
    )


def test_a_utc_timestamp_is_read_in_the_newsroom_day_so_both_outlets_give_one_id() -> None:
    text = "Presiden Joko Widodo tiba di Canberra kemarin."
    found = mentions(text, PERSON=["Joko Widodo"], LOC=["Canberra"])
    in_jakarta = datetime.fromisoformat("2024-06-21T05:30:00+07:00")
    in_utc = datetime.fromisoformat("2024-06-20T22:30:00+00:00")
    [local] = extract_events(text, found, in_jakarta, "a1")
    [normalised] = extract_events(text, found, in_utc, "a2")
    assert local.date == normalised.date == "2024-06-20"
    assert local.id == normalised.id


def test_sentences_do_not_end_after_initials_or_titles() -> None:
    text = "Ferdinand Marcos Jr. tiba di Hanoi. Dr. Ahmad menyambutnya."
    assert [text[start:end] for start, end in sentences(text)] == [
        "Ferdinand Marcos Jr. tiba di Hanoi.",
        "Dr. Ahmad menyambutnya.",
    ]


def test_text_without_full_stops_is_read_in_bounded_pieces() -> None:
    text = "Putin tidak kata sanksi di Hanoi yang " * 3000
    spans = sentences(text)
    assert max(end - start for start, end in spans) <= 1000
    assert "".join(text[start:end] for start, end in spans) == text


words = st.sampled_from(
    ["Putin", "tiba", "di", "Hanoi", "tidak", "kata", ",", ".", "“", "\n", "sanksi", "yang", "é"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(words, max_size=40).map(" ".join), st.lists(st.tuples(st.integers(0, 300), st.integers(0, 30)))
)
def test_any_text_with_any_entities_gives_well_formed_events(text: str, spans: list[tuple[int, int]]) -> None:
    entities = [
        Entity(
            text=text[start : start + size], label=label, start=start, end=start + size, canonical=f"E{start}"
        )
        for (start, size), label in zip(spans, ["PERSON", "ORG", "LOC", "EVENT"] * len(spans), strict=False)
        if start + size <= len(text)
    ]
    for event in extract_events(text, entities, FRIDAY, "a1"):
        assert event.sentence in text
        assert event.trigger.lower() in event.sentence.lower()


@cache
def sample_events() -> dict[str, list[Event]]:
    found = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        article = enrich(
            RawDocument(id=path.stem, text=path.read_text(encoding="utf-8")), skip=["language", "stories"]
        ).article
        found[article.id] = article.events
    return found


def involves(event: Event, name: str) -> bool:
    return event.location == name or any(actor.canonical == name for actor in event.actors)


def test_the_samples_report_the_visit_agreements_sanctions_military_aid_and_statements() -> None:
    everything = [event for article in sample_events().values() for event in article]
    assert {"VISIT", "AGREEMENT", "SANCTION", "MILITARY_AID", "STATEMENT"} <= {e.type for e in everything}
    assert any(
        e.type == "VISIT" and source(e) == "Vladimir Putin" and involves(e, "Vietnam") for e in everything
    )
    agreements = [e for e in everything if e.type == "AGREEMENT"]
    assert any(involves(e, "Vietnam") for e in agreements)
    assert any(involves(e, "Kim Jong Un") or involves(e, "Korea Utara") for e in agreements)


def test_the_same_visit_reported_by_several_samples_shares_one_id() -> None:
    articles_by_id: dict[str, set[str]] = {}
    for article, found in sample_events().items():
        for event in found:
            articles_by_id.setdefault(event.id, set()).add(article)
    assert max(len(articles) for articles in articles_by_id.values()) >= 2


def test_the_labelled_set_splits_by_a_hash_of_the_id_and_its_entities_match_the_text() -> None:
    labelled = read_sentences(DATA)
    dev = [sentence for sentence in labelled if split_of(sentence.id) == "dev"]
    assert len(labelled) >= 150
    assert 0.5 < len(dev) / len(labelled) < 0.7
    assert split_of("dip-001") == split_of("dip-001")
    assert all(sentence.text[e.start : e.end] == e.text for sentence in labelled for e in sentence.entities)
