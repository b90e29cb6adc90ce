"""The story index: near-copies, story clusters, eviction and rebuilding from fingerprints."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from warta.batch import story_index
from warta.config import Settings
from warta.evaluation.stories import DATA, cluster, read_split, within_window
from warta.intake import encode
from warta.pipeline import analyse, attach_story, attach_story_encoded, sketch_story
from warta.pipeline.stories import (
    FINGERPRINT_VERSION,
    WINDOW,
    Sketch,
    StoryIndex,
    estimated_jaccard,
    minhash,
    sketch,
    stem,
)
from warta.records import EnrichedArticle, Entity, Language, Pipeline, RawDocument

SAMPLES = Path(__file__).resolve().parents[2] / "service" / "warta" / "samples"
NOON = datetime(2024, 6, 20, 12, tzinfo=UTC)

BI_RATE = (
    "Bank Indonesia mempertahankan suku bunga acuan BI-Rate di level 6,25 persen. Gubernur Perry "
    "Warjiyo menyebut keputusan itu menjaga stabilitas rupiah di tengah ketidakpastian global. Suku "
    "bunga Deposit Facility tetap 5,50 persen dan Lending Facility tetap 7,00 persen."
)
BI_RATE_OTHER_OUTLET = (
    "Perry Warjiyo mengumumkan Bank Indonesia menahan BI-Rate 6,25 persen meski rupiah melemah. "
    "Menurut Perry, intervensi pasar valas menjadi andalan untuk meredam tekanan pada rupiah, "
    "sementara suku bunga baru bisa turun pada akhir tahun."
)
FLOOD = (
    "Banjir lahar dingin Gunung Marapi melanda Kabupaten Agam dan Tanah Datar di Sumatera Barat. "
    "Tim SAR gabungan mencari warga yang hilang terseret arus sungai. Ratusan rumah rusak dan jalan "
    "nasional di Lembah Anai terputus."
)
NAMES = (
    "Bank Indonesia",
    "Perry Warjiyo",
    "Gunung Marapi",
    "Kabupaten Agam",
    "Tanah Datar",
    "Sumatera Barat",
    "Lembah Anai",
)


def article(
    article_id: str,
    text: str,
    *,
    title: str | None = None,
    at: datetime = NOON,
    processed: datetime | None = None,
) -> EnrichedArticle:
    """An analysed article whose entities are the known names found in the text, published ``at`` and
    processed then too unless ``processed`` says otherwise."""
    entities = []
    for name in NAMES:
        start = text.find(name)
        while start >= 0:
            entities.append(
                Entity(text=name, label="ORG", start=start, end=start + len(name), canonical=name)
            )
            start = text.find(name, start + 1)
    return EnrichedArticle(
        id=article_id,
        title=title,
        published_at=at,
        language=Language(code="id", confidence=1.0),
        text=text,
        entities=entities,
        processed_at=processed or at,
        pipeline=Pipeline(version="test", stages={}),
    )


def stream() -> list[EnrichedArticle]:
    return [
        article("bi-1", BI_RATE, title="BI Tahan Suku Bunga 6,25 Persen", at=NOON),
        article("flood-1", FLOOD, title="Banjir Lahar Marapi", at=NOON + timedelta(hours=1)),
        article(
            "bi-2",
            BI_RATE_OTHER_OUTLET,
            title="Rupiah Tertekan, BI Tahan Bunga",
            at=NOON + timedelta(hours=2),
        ),
        article("bi-1-copy", BI_RATE + " (ant)", title="BI Tahan Suku Bunga", at=NOON + timedelta(hours=3)),
    ]


def test_articles_about_one_happening_share_a_story_and_others_do_not() -> None:
    index = StoryIndex()
    stories = {a.id: index.assign(sketch(a)).story_id for a in stream()}
    assert stories["bi-1"] == stories["bi-2"] == stories["bi-1-copy"]
    assert stories["flood-1"] != stories["bi-1"]
    assert index.story_count == 2
    assert len(index) == 4


EVACUEES = (
    "Korban banjir lahar dingin di Sumatera Barat bertambah. Ribuan warga Agam mengungsi ke tenda "
    "darurat dan masjid. Posko pengungsian kekurangan air bersih, selimut dan obat-obatan, sementara "
    "dapur umum menyiapkan makanan bagi pengungsi."
)
AID = (
    "Bantuan logistik mulai tiba di posko pengungsian. Pengungsi di tenda darurat menerima air bersih, "
    "selimut, obat-obatan dan makanan siap saji dari dapur umum. Relawan mendata pengungsi lansia dan "
    "balita yang membutuhkan perawatan."
)


def test_a_follow_up_joins_through_the_stories_latest_report_when_it_shares_little_with_the_first() -> None:
    index = StoryIndex()
    index.assign(sketch(stream()[0]))
    flood, evacuees, aid = (
        index.assign(sketch(item)).story_id
        for item in (
            article("flood-1", FLOOD, title="Banjir Lahar Marapi", at=NOON),
            article("flood-2", EVACUEES, title="Ribuan Warga Agam Mengungsi", at=NOON + timedelta(hours=20)),
            article(
                "flood-3", AID, title="Bantuan Mengalir ke Posko Pengungsian", at=NOON + timedelta(hours=40)
            ),
        )
    )
    assert flood == evacuees == aid


def test_a_near_copy_points_at_the_earlier_article() -> None:
    index = StoryIndex()
    assignments = {a.id: index.assign(sketch(a)) for a in stream()}
    assert assignments["bi-1-copy"].duplicate_of == "bi-1"
    assert assignments["bi-2"].duplicate_of is None
    assert assignments["bi-1"].duplicate_of is None


def test_story_record_lists_members_entities_and_times() -> None:
    index = StoryIndex()
    story = [index.assign(sketch(a)) for a in stream()][-1].story
    assert story.articles == ["bi-1", "bi-2", "bi-1-copy"]
    assert story.article_count == 3
    assert story.top_entities[:2] == ["Bank Indonesia", "Perry Warjiyo"]
    assert story.title == "BI Tahan Suku Bunga 6,25 Persen"
    assert (story.first_seen, story.last_seen) == (NOON, NOON + timedelta(hours=3))


def test_a_long_story_lists_its_latest_members_and_counts_them_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("warta.pipeline.stories.LISTED_MEMBERS", 2)
    index = StoryIndex()
    story = [index.assign(sketch(a)) for a in stream()][-1].story
    assert story.articles == ["bi-2", "bi-1-copy"]
    assert story.article_count == 3


def test_story_ids_depend_only_on_the_input_order() -> None:
    batch, worker = StoryIndex(), StoryIndex()
    assert [batch.assign(sketch(a)).story_id for a in stream()] == [
        worker.assign(sketch(a)).story_id for a in stream()
    ]


def test_a_redelivered_article_gets_its_assignment_back_without_counting_twice() -> None:
    index = StoryIndex()
    first = [index.assign(sketch(a)) for a in stream()]
    again = index.assign(sketch(stream()[2]))
    assert again.story_id == first[2].story_id
    assert again.fingerprint == first[2].fingerprint
    assert len(index) == 4
    assert again.story.articles.count("bi-2") == 1


def test_restoring_fingerprints_in_any_order_rebuilds_the_same_index() -> None:
    live = StoryIndex()
    fingerprints = [live.assign(sketch(a)).fingerprint for a in stream()]
    random.Random(3).shuffle(fingerprints)
    restored = StoryIndex()
    for fingerprint in fingerprints:
        restored.restore(fingerprint)
    assert (len(restored), restored.story_count) == (len(live), live.story_count)
    follow_up = article(
        "bi-3", BI_RATE_OTHER_OUTLET + " Pasar merespons positif.", at=NOON + timedelta(hours=5)
    )
    expected, actual = live.assign(sketch(follow_up)), restored.assign(sketch(follow_up))
    assert actual.story == expected.story
    assert actual.duplicate_of == expected.duplicate_of
    assert actual.fingerprint == expected.fingerprint


def test_articles_fall_out_of_the_window_behind_the_newest_one() -> None:
    index = StoryIndex(window=timedelta(days=1))
    index.assign(sketch(article("old", FLOOD, at=NOON)))
    later = index.assign(sketch(article("new", BI_RATE, at=NOON + timedelta(days=2))))
    assert later.evicted == ("old",)
    assert (len(index), index.story_count) == (1, 1)


def test_an_evicted_article_no_longer_attracts_its_copies() -> None:
    index = StoryIndex(window=timedelta(hours=1))
    first = index.assign(sketch(article("bi-1", BI_RATE, at=NOON)))
    copy = index.assign(sketch(article("bi-1-copy", BI_RATE, at=NOON + timedelta(hours=2))))
    assert copy.duplicate_of is None
    assert copy.story_id != first.story_id


def test_the_oldest_articles_go_when_the_index_is_full() -> None:
    index = StoryIndex(max_articles=2)
    evicted = [index.assign(sketch(a)).evicted for a in stream()]
    assert evicted == [(), (), ("bi-1",), ("flood-1",)]
    assert len(index) == 2


def test_the_window_and_the_cap_come_from_the_settings() -> None:
    index = story_index(Settings(story_window_hours=1, story_max_articles=2))
    evicted = [index.assign(sketch(a)).evicted for a in stream()]
    assert evicted == [(), (), ("bi-1",), ("flood-1",)]
    later = index.assign(sketch(article("late", FLOOD, at=NOON + timedelta(hours=5))))
    assert later.evicted == ("bi-2", "bi-1-copy")


def test_the_worker_keeps_the_window_the_index_was_tuned_with_unless_told_otherwise() -> None:
    assert timedelta(hours=Settings().story_window_hours) == WINDOW


def test_naive_publication_times_are_read_as_utc() -> None:
    index = StoryIndex()
    index.assign(sketch(article("aware", FLOOD, at=NOON)))
    naive = index.assign(sketch(article("naive", BI_RATE, at=NOON.replace(tzinfo=None) + timedelta(hours=1))))
    assert naive.story.first_seen == NOON + timedelta(hours=1)


def test_an_article_dated_in_the_future_is_seen_when_it_was_processed() -> None:
    # A crawler's wrong clock or a mistyped year must not become the index's newest moment, which
    # would push every held article out of the window.
    index = StoryIndex()
    index.assign(sketch(article("today", FLOOD, at=NOON)))
    future = article(
        "future", BI_RATE, at=datetime(2999, 1, 1, tzinfo=UTC), processed=NOON + timedelta(hours=1)
    )
    placed = index.assign(sketch(future))
    assert placed.evicted == ()
    assert placed.story.first_seen == NOON + timedelta(hours=1)
    assert len(index) == 2


def test_an_article_at_a_crawlers_zero_time_is_placed_and_soon_evicted() -> None:
    # Crawlers written in Go or .NET send 0001-01-01 for an unknown publication time.
    index = StoryIndex()
    index.assign(sketch(article("zero", FLOOD, at=datetime(1, 1, 1, tzinfo=UTC))))
    later = index.assign(sketch(article("today", BI_RATE, at=NOON)))
    assert later.evicted == ("zero",)


def test_minhash_estimates_shingle_overlap() -> None:
    same, other, copy = estimated_jaccard(
        minhash(BI_RATE), [minhash(BI_RATE), minhash(FLOOD), minhash(BI_RATE + " (ant)")]
    )
    assert same == 1.0
    assert other < 0.1
    assert copy > 0.8
    assert len(minhash("dua kata")) == len(minhash(FLOOD))


def test_articles_without_words_are_never_near_copies() -> None:
    index = StoryIndex()
    index.assign(sketch(article("empty-1", "")))
    second = index.assign(sketch(article("empty-2", "")))
    assert second.duplicate_of is None
    assert index.story_count == 2


def test_fingerprints_of_another_version_are_refused() -> None:
    index = StoryIndex()
    fingerprint = index.assign(sketch(stream()[0])).fingerprint.replace(
        f'"v":{FINGERPRINT_VERSION}'.encode(), b'"v":99'
    )
    with pytest.raises(ValueError, match="version"):
        StoryIndex().restore(fingerprint)


def test_a_version_1_fingerprint_is_restored_with_stemmed_keywords_and_no_signature() -> None:
    live = StoryIndex()
    fingerprint = live.assign(sketch(stream()[0])).fingerprint
    state = orjson.loads(fingerprint)
    old = orjson.dumps({**state, "v": 1, "terms": ["mempertahankan", "bunga", "suku", "tahan"]})
    restored = StoryIndex()
    restored.restore(old)
    restored.restore(old)
    assert len(restored) == 1
    assert restored.assign(sketch(stream()[0])).story_id == live.assign(sketch(stream()[0])).story_id
    copy = restored.assign(sketch(stream()[3]))
    assert copy.story_id == live.assign(sketch(stream()[0])).story_id
    assert copy.duplicate_of is None  # an older version's signature hashed shingles another way
    assert orjson.loads(copy.fingerprint)["v"] == FINGERPRINT_VERSION


def test_a_version_3_fingerprint_is_restored_as_it_is_and_still_finds_its_copies() -> None:
    live = StoryIndex()
    state = orjson.loads(live.assign(sketch(stream()[0])).fingerprint)
    restored = StoryIndex()
    restored.restore(orjson.dumps({**state, "v": 3}))
    copy = restored.assign(sketch(stream()[3]))
    assert copy.duplicate_of == stream()[0].id


def test_light_stemming_meets_the_forms_of_one_word() -> None:
    assert {stem(w) for w in ("menandatangani", "ditandatangani")} == {"tandatangan"}
    assert {stem(w) for w in ("serangan", "menyerang", "diserang", "serangannya")} == {"serang"}
    assert {stem(w) for w in ("peretas", "peretasan", "diretas")} == {"retas"}
    assert {stem(w) for w in ("kunjungan", "berkunjung")} == {"kunjung"}
    assert stem("perang") == "rang"  # never shorter than MIN_STEM letters
    assert stem("rupiah") == "rupiah"


def test_keywords_are_stemmed_so_outlets_using_other_word_forms_match() -> None:
    index = StoryIndex()
    first = index.assign(sketch(article("bi-1", BI_RATE, title="BI Tahan Suku Bunga 6,25 Persen")))
    terms = orjson.loads(first.fingerprint)["terms"]
    assert "tahan" in terms  # "mempertahankan" in the text, "Tahan" in the title
    assert "mempertahankan" not in terms


def test_a_name_keeps_its_capital_so_that_it_never_meets_a_common_word() -> None:
    city = sketch(
        article("apec", "Para pemimpin APEC bertemu di Lima, Peru. Pertemuan di Lima membahas dagang.")
    )
    goals = sketch(article("laga", "Tim itu kalah lima gol. Kekalahan lima gol membuat pelatih kecewa."))
    assert {"Lima", "Apec", "Peru"} <= set(city.features.terms)
    assert "lima" in goals.features.terms
    assert "Lima" not in goals.features.terms


def test_function_words_in_capitals_are_no_acronyms() -> None:
    terms = sketch(article("caps", "KPK DAN BPK HADIR DI ISTANA, ADA PULA DPR.")).features.terms
    assert {"Kpk", "Bpk", "Dpr"} <= set(terms)
    assert not {"Dan", "Di", "Ada"} & set(terms)


def test_the_bundled_samples_form_one_story() -> None:
    index = StoryIndex()
    stories = {
        index.assign(
            sketch(
                analyse(RawDocument(id=path.stem, text=path.read_text(encoding="utf-8"), published_at=NOON))
            )
        ).story_id
        for path in sorted(SAMPLES.glob("*.txt"))
    }
    assert len(stories) == 1


def test_no_article_about_another_happening_joins_the_bundled_samples_story() -> None:
    """The issue's rule on the test split, whose other stories include Putin's North Korea visit the
    day before and US sanctions on Russia."""
    outcome = cluster(read_split(DATA / "test"))
    samples_story = {outcome.predicted[a] for a, story in outcome.gold.items() if story == "putin-vietnam"}
    members = [a for a, story in outcome.predicted.items() if story in samples_story]
    assert len(samples_story) == 1
    assert {outcome.gold[a] for a in members} == {"putin-vietnam"}


def test_the_evaluation_counts_a_report_after_its_story_went_quiet_for_a_window_as_out_of_reach() -> None:
    reports = [
        article("flood-1", FLOOD, at=NOON),
        article("flood-2", FLOOD, at=NOON + timedelta(hours=20)),
        article("flood-3", FLOOD, at=NOON + timedelta(hours=50)),
        article("flood-4", FLOOD, at=NOON + timedelta(hours=60)),
    ]
    gold = {report.id: "flood" for report in reports}
    reachable = within_window(reports, gold, timedelta(hours=24))
    assert reachable == {
        "flood-1": "flood-1",
        "flood-2": "flood-1",
        "flood-3": "flood-3",
        "flood-4": "flood-3",
    }


def test_the_worker_places_an_encoded_article_exactly_as_the_batch_path_places_its_model() -> None:
    batch, worker = StoryIndex(), StoryIndex()
    for path in sorted(SAMPLES.glob("*.txt"))[:3]:
        analysed = analyse(
            RawDocument(id=path.stem, text=path.read_text(encoding="utf-8"), published_at=NOON)
        )
        expected = attach_story(analysed, batch)
        sent = Sketch.decode(sketch_story(analysed).encode())
        placed = attach_story_encoded(orjson.loads(encode(analysed)), sent, worker)

        def untimed(record: dict) -> dict:
            return {
                **record,
                "pipeline": {
                    **record["pipeline"],
                    "stages": {**record["pipeline"]["stages"], "stories": None},
                },
            }

        assert untimed(orjson.loads(placed.article)) == untimed(expected.article.model_dump(mode="json"))
        assert [orjson.loads(value) for _, value in placed.events] == [
            event.model_dump(mode="json") for event in expected.article.events
        ]
        assert orjson.loads(placed.story) == expected.story.model_dump(mode="json")
