"""Events stage: typed events with actors, place and date, one sentence at a time.

A sentence is scanned once by a single compiled pattern holding the trigger words of every event
type; each type fires at most once per sentence, on its first trigger that is not negated ("belum
bertemu"), denied ("membantah … mengirim"), hypothetical ("jika … diserang"), part of a name
("Komisi Pemilihan Umum") or in another domain (a "serangan" in a football match).

Actors are the canonical entities the entities stage found in the sentence. The source is the agent:
the subject of the trigger's clause, the speaker named after a quote ("…, kata Lam"), the name
after a noun trigger ("kunjungan Putin") or after a passive one ("dikunjungi Putin"). The target is
the next actor after the trigger.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise, zip_longest

from warta.pipeline.dateline import dateline_end
from warta.pipeline.dates import fold_case, is_day, resolve_dates
from warta.pipeline.entities.gazetteer import ABBREVIATION
from warta.records import Actor, Entity, Event, EventType

_SPORT = (
    r"\b(?:laga|gol|babak|menit|pertandingan|pemain|timnas|klub|skuad|kiper|wasit|liga|atlet|turnamen"
    r"|bertanding|sepak bola|bola voli|bulu tangkis|klasemen|gim|kejuaraan|medali)\b"
)
"""Words of a sports report, where "serangan", "sanksi" and "terpilih" are not what they are in politics."""

_WEAPON = (
    r"(?:senjata|amunisi|rudal|roket|tank|jet tempur|pesawat tempur|drone|artileri|howitzer|peluru"
    r"|kendaraan lapis baja|kapal perang|alutsista|(?:sistem )?pertahanan udara|f-16|granat"
    r"|peralatan (?:militer|perang|tempur|pertahanan)|(?:pesawat )?nirawak|helikopter (?:tempur|serang|militer))"
)
_GOODS = r"(?:vaksin|dosis|logistik|kiriman|pasokan|kontainer|muatan|surat suara)"
"""What arrives without travelling: "1,2 juta dosis vaksin tiba", "logistik pilkada telah tiba"."""
_CLAUSE_WORD = r"(?:saat|ketika|setelah|sebelum|usai|seusai|sambil|untuk|dan|serta|lalu|kemudian)"
_HANDS_OVER = (
    r"(?:memasok|mengirim(?:kan)?|menghibahkan|menyerahkan|menjual|menyediakan|mendonasikan|memberikan"
    r"|menyalurkan)"
)


@dataclass(frozen=True)
class EventKind:
    """An event type: its CAMEO root code, trigger words, and the contexts in which they mean something else.

    Patterns are written in lower case: they run on the folded sentence, which is several times faster
    than a case-insensitive match.
    """

    type: EventType
    cameo: str
    triggers: str
    not_after: str | None = None
    not_in: str | None = None


KINDS: tuple[EventKind, ...] = (
    EventKind(
        "VISIT",
        "04",
        r"kunjungan(?:nya)?(?!\s+(?:wisata|wisatawan|turis|pasien))|berkunjung|mengunjungi|kunjungi"
        r"|dikunjungi(?!\s+(?:lebih|sekitar|sebanyak|hingga|mencapai|ribuan|ratusan|jutaan|puluhan|\d))"
        r"|melawat|lawatan(?:nya)?|bertolak (?:ke|menuju)|(?<!-)tiba(?!-)|setiba(?:nya)?|mendarat di"
        rf"|kedatangan(?:nya)?(?!\s+{_GOODS})|berdatangan|bertandang|terbang ke|menyambangi|disambangi"
        r"|(?<!rumah )singgah"
        r"|meninjau(?!\s+(?:ulang|kembali|kebijakan|aturan|regulasi|keputusan|praktik|data|laporan|dokumen"
        r"|hasil|putusan|tayangan|video|rekaman))",
        not_after=rf"\b{_GOODS}(?:\s+(?!{_CLAUSE_WORD}\b)[\w.,-]+){{0,5}}\s+$",  # goods as the subject
    ),
    EventKind(  # not "ditemui": "ujar Agus saat ditemui di Jakarta" is a reporter's interview
        "MEETING",
        "04",
        r"bertemu|pertemuan|pembicaraan|perundingan|berunding|negosiasi|bernegosiasi|bertatap muka|bersua"
        r"|menemui|menjamu|dijamu|audiensi|berdialog|membahas|menggelar rapat"
        r"|rapat (?:kerja|terbatas|dengar pendapat)|ktt|konferensi tingkat tinggi"
        r"|menerima(?=\s+(?:kunjungan|kedatangan|presiden|perdana|wakil|menteri|raja|ratu|kanselir|duta"
        r"|dubes|delegasi|rombongan|sekretaris|ketua|gubernur|panglima|kepala|pangeran|sultan|paus))",
    ),
    EventKind(
        "AGREEMENT",
        "05",
        r"menandatangani|ditandatangani|penandatanganan|meneken|diteken|nota kesepahaman|mou|perjanjian"
        r"|kesepakatan|sepakat|bersepakat|menyepakati|disepakati|kemitraan strategis|nota kerja sama"
        r"|pakta|traktat|deklarasi bersama|komunike bersama",
        not_after=r"\b(?:perundingan|negosiasi|pembahasan|rancangan|draf|rencana)\s+$",
    ),
    EventKind(
        "SANCTION",
        "16",
        r"sanksi(?!\s+(?:etik|disiplin|administratif|administrasi|adat|sosial|pidana|tilang))|embargo"
        r"|membekukan aset|pembekuan aset|daftar hitam|(?:larangan|pembatasan) (?:ekspor|impor)"
        r"|larangan masuk|melarang masuk",
        not_after=r"\bdi\s+bawah\s+$",
        not_in=_SPORT,
    ),
    EventKind(
        "MILITARY_AID",
        "07",
        r"bantuan (?:militer|keamanan|persenjataan|pertahanan)|pasokan senjata|pemasok senjata"
        r"|kiriman senjata|transfer senjata|hibah alutsista|amunisi|peluru artileri|mempersenjatai"
        rf"|{_HANDS_OVER}\s+(?:[\w,.-]+\s+){{0,4}}?{_WEAPON}",
    ),
    EventKind(
        "STATEMENT",
        "01",
        r"mengatakan|menyatakan|mengungkapkan|menegaskan|menyampaikan|mengumumkan|menjelaskan"
        r"|menambahkan|memuji|mengkritik|menyerukan|mendesak|menilai|menyebut(?:kan)?|membantah"
        r"|menyangkal|memperingatkan|melaporkan|mengklaim|mengimbau|menuturkan|memaparkan"
        r"|mengonfirmasi|mengkonfirmasi|berpendapat|mengucapkan|mengusulkan|mengingatkan|mengancam"
        r"|berpidato"
        r"|(?<!dengan )kata(?:nya)?(?!-|\s+(?:lain|kunci))|ujar(?:nya)?|tutur(?:nya)?|ucap(?:nya)?"
        r"|tambahnya|menurut|dalam (?:keterangan|pernyataan)"
        r"|(?<=[,”\"] )(?:tegas|imbuh|papar|ungkap|sebut|jelas)(?:nya)?",
    ),
    EventKind(
        "ACCUSATION",
        "11",
        r"menuduh|dituduh|tuduhan|menuding|dituding|tudingan|menyalahkan|mengecam|dikecam|kecaman|mengutuk",
    ),
    EventKind(
        "PROTEST",
        "14",
        r"unjuk rasa|berunjuk rasa|pengunjuk rasa|demonstrasi|demonstran|berdemonstrasi|berdemo|demo"
        r"|aksi protes|memprotes|protes|turun ke jalan|long march|aksi (?:damai|massa|demo|anti-?\w+)"
        r"|berpawai(?=\s+(?:[\w-]+\s+){0,3}?(?:menentang|menolak|menuntut|memprotes))"
        r"|(?:menggelar|melakukan) aksi(?!\s+(?:korporasi|sosial|bersih|tanam|penanaman|donor|amal|borong))"
        r"|(?:aksi|melakukan|menggelar)\s+mogok|mogok\s+(?:kerja|massal|makan|nasional)",
    ),
    EventKind(
        "ATTACK",
        "19",
        r"serangan(?!\s+(?:jantung|panik|asma|hama|siber|ransomware))|menyerang|diserang|penyerangan"
        r"|pengeboman|mengebom"
        r"|dibom|bom(?!\s+waktu)|meledakkan|bom bunuh diri|menembak(?:kan|i)?|penembakan|ditembak"
        r"|menggempur|gempuran|serbuan|menyerbu|membombardir"
        r"|meluncurkan\s+(?:[\w-]+\s+){0,2}?(?:roket|rudal|drone|misil)",
        not_in=_SPORT,
    ),
    EventKind(
        "ELECTION",
        "00",
        r"pemilu(?:nya)?|pilkada|pilpres|pileg|pemungutan suara|pencoblosan|mencoblos|memberikan suara"
        r"|pemilihan (?:umum|presiden|gubernur|bupati|wali\s?kota|kepala daerah|legislatif|parlemen|ulang(?:nya)?)"
        r"|terpilih|calon (?:presiden|wakil presiden|gubernur|bupati|wali\s?kota|legislatif)|capres|cawapres",
        not_after=r"\b(?:uu|ruu|undang-undang|presiden|wakil presiden|gubernur|bupati|wali\s?kota|usia|syarat"
        r"|persyaratan)\s+$",
        not_in=_SPORT,
    ),
)
"""Event types with their CAMEO root code; ELECTION has no CAMEO root and carries ``00``."""

_KIND: dict[str, EventKind] = {kind.type: kind for kind in KINDS}
_TRIGGER = re.compile(
    r"(?<!\w)(?:" + "|".join(rf"(?P<{kind.type}>{kind.triggers})" for kind in KINDS) + r")(?!\w)"
)
_NOT_AFTER = {kind.type: re.compile(kind.not_after) for kind in KINDS if kind.not_after}
_NOT_IN = {kind.type: re.compile(kind.not_in) for kind in KINDS if kind.not_in}
_LOOK_BACK = 160
"""Characters before a trigger searched for what cancels it: a clause, not the whole sentence."""
_NEGATIONS = "tidak|tak|belum|bukan|batal|gagal"
_DENIALS = (
    "membantah|menyangkal|menepis|membatalkan|menunda|jika|apabila|bila|seandainya|mengusulkan|mengajak"
    "|menawarkan|mengancam"
)
_CANCELLED = re.compile(
    rf"\b(?:{_NEGATIONS})(?!\s+(?:hanya|saja|sekadar)\b)(?:\s+[\w-]+){{0,2}}\s+$"
    r"|\bmenolak\s+(?:untuk\s+)?(?:(?:me|ber)[^,;:]*)?$"
    rf"|\b(?:{_DENIALS})\b[^,;:]*$"
)
"""Negation up to two words back ("belum pernah mengunjungi"), a refusal ("menolak mengirim"), or a
denial, condition or proposal earlier in the clause ("membantah … mengirim", "jika … diserang",
"mengusulkan perundingan")."""
_CALLED_OFF = re.compile(r"[^,;:]{0,80}?\b(?:batal|dibatalkan|ditunda|urung)\b")
"""Said after the trigger in its clause: "rencana pertemuan … batal terlaksana"."""
_CANCEL_CUE = re.compile(rf"(?<!\w)(?:{_NEGATIONS}|menolak|{_DENIALS})(?!\w)")
"""Any word that can start a cancellation: most sentences have none, and need no closer look."""
_CLAUSE_END = re.compile(r"[;:]|(?<!\d),|,(?!\d)")
"""A comma, semicolon or colon; not the decimal comma of "US$1,7 miliar"."""
_PLACE_BEFORE = re.compile(r"\b(?:[Dd]i|[Kk]e)\s+(?:(?!yang|dan|oleh|bahwa)[a-z-]+\s+){0,3}$")
"""Where "di X" or "ke X" names a place, allowing common nouns between: "di kamp pengungsi Nuseirat"."""
_PRONOUN = re.compile(r"\b(?:ia|dia|beliau)\b", re.IGNORECASE)
_SPEAKER_AFTER = re.compile(
    r"(?:kata|ujar|tutur|ucap|tambah|tegas|imbuh|papar|ungkap|sebut|jelas)(?:nya)?|menurut"
)
"""Speech triggers whose speaker comes after them: "…,” kata Lam", "Menurut Interfax, …"."""
_AGENT_GAP = re.compile(r"\s+(?:oleh\s+)?(?:(?!di\b|ke\b|pada\b|sejak\b)[\w-]+,?\s+){0,3}")
"""Between a passive trigger and its agent: "diserang (oleh) pasukan Israel", "ditandatangani oleh
presiden berikutnya, Prabowo"; not "ditembak di rumah dinas di …", where a place follows."""
_PASSIVE = re.compile(
    r"di(?:kunjungi|tandatangani|sepakati|serang|bom|tembak|tuduh|tuding|kecam|teken|temui|jamu)"
)
_NOUN_TRIGGER = re.compile(r"(?!me|ber|di|ter)\w*an(?:nya)?\b")
"""A noun built with -an and no verb prefix ("kunjungan", "serangan"): its actor may follow it."""
_COMPLEMENT = re.compile(
    r"(?<!\w)(?:bahwa|agar|supaya|menuduh|menuding|dituduh|dituding|menyebut|menilai|mengecam|mengutuk)\s"
)
"""Words that open a clause of its own: in "Ukraina menuding Rusia menembakkan" Rusia shoots."""
_ASIDE = re.compile(
    r"\s*(?:yang|seorang|salah (?:satu|seorang)|sang|sebagai|didampingi|bersama)\b", re.IGNORECASE
)
_RELATIVE = re.compile(r"\s*yang\b", re.IGNORECASE)
"""A clause opening with "yang" is said of the actor just before it: "Putin, yang tiba kemarin"."""
_ADVERBIAL = re.compile(
    r"\s*(?:dalam|di sela|saat|ketika|selama|setelah|sesudah|sebelum|usai|seusai|menjelang|sepulang"
    r"|menurut|pada|di|bagi|untuk|guna|sejak|meski(?:pun)?|namun|sementara|selain|sebelumnya|kemudian"
    r"|senin|selasa|rabu|kamis|jum'?at|sabtu|minggu)\b",
    re.IGNORECASE,
)
"""A clause that says when, why or where ("Rabu (6/9/2023) malam", "untuk menghadiri …") and has no
subject of its own."""
_FILLER = frozenset({
    "juga", "akan", "telah", "sudah", "kembali", "pun", "lalu", "kemudian", "dijadwalkan", "resmi",
    "akhirnya", "masih", "sedang", "tengah", "baru", "segera", "langsung", "turut", "bahkan", "diduga",
    "dikabarkan", "dilaporkan", "berencana", "ingin", "hendak", "sempat", "pernah", "mulai", "secara",
    "terbuka", "keras", "tegas", "sebelumnya", "kini", "pula", "sendiri"
})  # fmt: skip
"""Words that name no subject: a clause of only these before the trigger ("Putin, yang …, juga akan
bertemu") takes its subject from an earlier clause."""
_PHRASE_ENDS = (
    "ke|di|dari|dengan|terhadap|kepada|untuk|oleh|pada|dan|yang|atas|bagi|antara|soal|tentang|mengenai"
    r"|terkait|bahwa|ini|itu|tersebut|me\w+"
)
"""Prepositions, conjunctions, demonstratives and verbs: words that end the noun phrase of a trigger."""
_GENITIVE_GAP = re.compile(rf"\s+(?:antara\s+)?(?:(?!(?:{_PHRASE_ENDS})\b)[\w-]+\s+){{0,3}}")
"""Up to three words between a noun trigger and its actor: "kunjungan kenegaraan Presiden Putin",
"pertemuan antara Menko Perekonomian Airlangga"."""
_PARTNER_GAP = re.compile(r"\s+(?:dan|serta|bersama)\s+(?:[\w-]+\s+){0,3}", re.IGNORECASE)
_SYMMETRIC = frozenset({"MEETING", "AGREEMENT"})
_WORD = re.compile(r"[\w-]+")
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*")
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})
_SUFFERED = re.compile(
    r"\s+(?:(?:juga|pun|dilaporkan|dikabarkan|telah|sudah)\s+)*"
    r"(?:tewas|terbunuh|meninggal|terluka|luka-luka|cedera|menjadi korban|dibunuh)\b"
)
"""Right after the subject before the trigger ("Haniyeh tewas dalam serangan"), it makes the subject
what the event befell; "Kementerian Kesehatan melaporkan puluhan orang tewas" does not."""
_MAX_SENTENCE = 1000
"""Characters: news sentences are far shorter; text without full stops is read in pieces this long."""


def event_id(event_type: str, actors: list[str], day: str | None) -> str:
    """Same type, same canonical actors, same day: same id, whichever article reported it."""
    key = "|".join([event_type, *sorted(set(actors)), day or ""])
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a full stop, ! or ? before a capital, or a line break, ends a sentence.

    A stop after an initial or a title ("Marcos Jr. tiba", "Dr. Ahmad") does not.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        end = boundary.start() + (text[boundary.start()] != "\n")
        if text[end - 1] == "." and ABBREVIATION.search(text, max(0, end - 6), end):
            continue
        if text[start:end].strip():
            spans.extend(_pieces(text, start, end))
        start = boundary.end()
    if text[start:].strip():
        spans.extend(_pieces(text, start, len(text)))
    return spans


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A sentence longer than ``_MAX_SENTENCE`` cut at spaces, so that no input costs quadratic time."""
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        yield start, cut
        start = cut
    yield start, end


@dataclass(frozen=True)
class _Sentence:
    """A sentence with a trigger, and what its events are read from, worked out once."""

    text: str
    folded: str
    start: int
    entities: list[Entity]
    dates: list[tuple[int, int, str]]
    places: list[Entity]
    agents: list[Entity]
    clause_ends: list[int]
    openers: list[int]
    fronted: bool
    may_be_cancelled: bool


def _places(text: str, start: int, entities: list[Entity]) -> list[Entity]:
    """Places written as "di X" or "ke X": where something happened, not who acted."""
    return [
        entity
        for entity in entities
        if entity.label == "LOC"
        and _PLACE_BEFORE.search(text, max(0, entity.start - start - 40), entity.start - start)
    ]


def _location(sentence: _Sentence, at: int) -> Entity | None:
    return min(sentence.places, key=lambda entity: abs(entity.start - at), default=None)


def _agents(entities: list[Entity]) -> list[Entity]:
    """Entities that can act, one per canonical name; not a country naming a person ("Presiden Rusia Putin")."""
    found: dict[str, Entity] = {}
    for entity, following in zip_longest(entities, entities[1:]):
        modifies = following is not None and following.label == "PERSON" and following.start - entity.end <= 1
        if entity.label in _ACTOR_LABELS and not modifies:
            found.setdefault(entity.canonical, entity)
    return list(found.values())


def _first_agent(entities: list[Entity]) -> Entity | None:
    """People act before organisations, and both before countries: "Putin dan Vietnam" has Putin."""
    for label in ("PERSON", "ORG"):
        agent = next((e for e in entities if e.label == label), None)
        if agent is not None:
            return agent
    return entities[0] if entities else None


def _has_own_subject(clause: str) -> bool:
    """A clause with words of its own before the trigger names its subject there, even if not as an entity."""
    return any(word.lower() not in _FILLER for word in _WORD.findall(clause))


def _subject(
    sentence: _Sentence, candidates: list[Entity], at: int, previous: Entity | None
) -> Entity | None:
    """The agent of the trigger's clause, read backwards past asides (", yang …,") and adverbials."""
    prefix = sentence.text[: at - sentence.start]
    lower = max((opener for opener in sentence.openers if opener <= len(prefix)), default=0)
    cuts = [lower, *(cut for cut in sentence.clause_ends if lower < cut <= len(prefix)), len(prefix)]
    clauses = list(pairwise(cuts))
    for position, (begin, end) in enumerate(reversed(clauses)):
        clause = prefix[begin:end].rstrip(",;: ")
        if position > 0 and (_ASIDE.match(clause) or _ADVERBIAL.match(clause)):
            continue
        inside = [
            e for e in candidates if begin <= e.start - sentence.start and e.end - sentence.start <= end
        ]
        if inside:
            return _first_agent(inside)
        if position == 0 and _PRONOUN.search(clause):
            return previous
        if position == 0 and _RELATIVE.match(clause):
            return max(
                (e for e in candidates if e.end - sentence.start <= begin), key=lambda e: e.end, default=None
            )
        if position == 0 and _ADVERBIAL.match(clause):
            continue  # "Modi mendarat di Jakarta, …, untuk menghadiri KTT": Modi attends
        if position > 0 or _has_own_subject(clause):
            return None
    return None


def _speaker(sentence: _Sentence, after: list[Entity], end: int) -> Entity | None:
    """Who "kata" or "menurut" names: an actor in the clause right after it, not one further on."""
    stop = next((cut for cut in sentence.clause_ends if cut > end - sentence.start), len(sentence.text))
    return _first_agent([e for e in after if e.end - sentence.start <= stop])


def _genitive(sentence: _Sentence, after: list[Entity], end: int) -> Entity | None:
    """The actor a noun trigger is said of: "kunjungan Presiden Putin", "serangan udara Israel"."""
    for entity in after[:1]:
        gap = sentence.text[end - sentence.start : entity.start - sentence.start]
        if _GENITIVE_GAP.fullmatch(gap):
            return entity
    return None


def _main_clause_subject(sentence: _Sentence, candidates: list[Entity], end: int) -> Entity | None:
    """For a noun trigger in a fronted phrase ("Dalam pertemuan itu, Lam …"): the main clause's agent."""
    comma = sentence.text.find(",", end - sentence.start)
    if comma < 0:
        return None
    rest = sentence.text[comma + 1 :]
    stop = comma + 1 + (rest.find(",") if "," in rest else len(rest))
    return _first_agent([e for e in candidates if comma < e.start - sentence.start < stop])


def _partner(sentence: _Sentence, source: Entity, candidates: list[Entity]) -> Entity | None:
    """The other party in "Putin dan Lam menandatangani": meetings and agreements have two agents."""
    following = next((e for e in candidates if e.start >= source.end), None)
    if following is None:
        return None
    gap = sentence.text[source.end - sentence.start : following.start - sentence.start]
    return following if _PARTNER_GAP.fullmatch(gap) else None


def _actors(
    sentence: _Sentence, kind: str, trigger: re.Match[str], location: Entity | None, previous: Entity | None
) -> list[Actor]:
    at, end = sentence.start + trigger.start(), sentence.start + trigger.end()
    keep_place = kind == "VISIT" or location is None
    candidates = sentence.agents if keep_place else [e for e in sentence.agents if e is not location]
    after = [e for e in candidates if e.start >= end]
    word = trigger.group(0)  # folded
    source: Entity | None
    if _SPEAKER_AFTER.fullmatch(word):
        source, target = _speaker(sentence, after, end), None
    elif _PASSIVE.fullmatch(word):
        agent = after[0] if after else None
        if agent is not None and not _AGENT_GAP.fullmatch(
            sentence.folded, end - sentence.start, agent.start - sentence.start
        ):
            agent = None  # "ditembak di rumah dinas di Kompleks Polri …": a place, not who shot
        source, target = agent, _subject(sentence, candidates, at, previous)
    else:
        source = _genitive(sentence, after, end) if _NOUN_TRIGGER.match(word) and kind != "ELECTION" else None
        fronted = sentence.fronted and "," not in sentence.text[: trigger.start()]
        if source is None and _NOUN_TRIGGER.match(word) and fronted:
            source = _main_clause_subject(sentence, candidates, end)
        victim = None
        if source is None:
            source = _subject(sentence, candidates, at, previous)
            if source is not None and _SUFFERED.match(
                sentence.folded, source.end - sentence.start, at - sentence.start
            ):
                victim, source = source, None  # "Haniyeh tewas dalam serangan": killed, not attacking
        partner = _partner(sentence, source, candidates) if kind in _SYMMETRIC and source else None
        target = (
            victim or partner or next((e for e in after if source is None or e.start > source.start), None)
        )
    roles = [(source, "source"), (target, "target")]
    return [
        Actor(canonical=entity.canonical, label=entity.label, role=role)
        for entity, role in roles
        if entity is not None and (role == "source" or source is None or entity.canonical != source.canonical)
    ]


def _date(sentence: _Sentence, at: int, fallback: str | None) -> str | None:
    """The sentence's day nearest the trigger, else its vaguer date; otherwise the article's own day."""
    if not sentence.dates:
        return fallback
    days = [date for date in sentence.dates if is_day(date[2])] or sentence.dates
    return min(days, key=lambda date: abs(date[0] - at))[2]


def _cancelled(sentence: _Sentence, trigger: re.Match[str]) -> bool:
    """Negated, denied, hypothetical, proposed or called off: said of the clause, not of the word."""
    text, start = sentence.folded, trigger.start()
    if sentence.may_be_cancelled and _CANCELLED.search(text, max(0, start - _LOOK_BACK), start):
        return True
    return _CALLED_OFF.match(text, trigger.end()) is not None


def _misread(kind: str, sentence: _Sentence, trigger: re.Match[str], off_domain: dict[str, bool]) -> bool:
    """The word means something else here: in another domain, after a word that changes it, in a name."""
    text, start = sentence.folded, trigger.start()
    if kind in _NOT_IN and off_domain.setdefault(kind, bool(_NOT_IN[kind].search(text))):
        return True
    if kind in _NOT_AFTER and _NOT_AFTER[kind].search(text, max(0, start - 40), start):
        return True
    return _in_a_name(sentence, trigger)


def _in_a_name(sentence: _Sentence, trigger: re.Match[str]) -> bool:
    """A capitalised trigger inside a name, past its first word: "Komisi Pemilihan Umum".

    A lower-case one is the entities stage reading too far ("Skuad Garuda tiba"), and a name that
    starts with the trigger names the event itself ("KTT ASEAN").
    """
    if not sentence.text[trigger.start()].isupper():
        return False
    at, end = sentence.start + trigger.start(), sentence.start + trigger.end()
    return any(e.start < at and end <= e.end for e in sentence.entities)


def _triggers(sentence: _Sentence, matches: list[re.Match[str]]) -> dict[str, re.Match[str]]:
    """The first trigger of each type that stands; found on the folded text, so offsets still hold.
    What cancels a trigger cancels the later ones of its type in its clause too: "belum ada
    kesepakatan yang diteken"."""
    off_domain: dict[str, bool] = {}
    found: dict[str, re.Match[str]] = {}
    cancelled: dict[str, int] = {}
    for match in matches:
        kind = match.lastgroup
        if not kind or kind in found:
            continue
        if kind in cancelled and not any(
            cancelled[kind] < end <= match.start() for end in sentence.clause_ends
        ):
            continue
        if _cancelled(sentence, match):
            cancelled[kind] = match.end()
        elif not _misread(kind, sentence, match, off_domain):
            found[kind] = match
    if "ACCUSATION" in found:
        found.pop("STATEMENT", None)
    return found


def _events(
    sentence: _Sentence,
    matches: list[re.Match[str]],
    previous: Entity | None,
    article_day: str | None,
    article_id: str,
) -> Iterator[Event]:
    for kind, trigger in _triggers(sentence, matches).items():
        at = sentence.start + trigger.start()
        location = _location(sentence, at)
        actors = _actors(sentence, kind, trigger, location, previous)
        day = _date(sentence, at, article_day)
        yield Event(
            id=event_id(kind, [actor.canonical for actor in actors], day),
            type=_KIND[kind].type,
            cameo=_KIND[kind].cameo,
            actors=actors,
            location=location.canonical if location else None,
            date=day,
            trigger=sentence.text[trigger.start() : trigger.end()],
            sentence=sentence.text.strip(),
            article_id=article_id,
        )


_WIB = timezone(timedelta(hours=7), "WIB")


def _newsroom_day(published_at: datetime | None) -> date | None:
    """The day the reporter wrote "kemarin" or "Kamis" on. A timestamp in UTC, as many crawlers
    normalise them, is read in WIB, where most Indonesian newsrooms are: a report published at
    22:30 UTC on the 20th was written on the 21st in Jakarta. Any other offset is the outlet's own."""
    if published_at is None:
        return None
    if published_at.utcoffset() == timedelta(0):
        published_at = published_at.astimezone(_WIB)
    return published_at.date()


def extract_events(
    text: str, entities: list[Entity], published_at: datetime | None, article_id: str
) -> list[Event]:
    """Events in article order; dates resolve against ``published_at`` (relative ones need it).

    Only sentences with a trigger word get a closer look, which keeps the stage cheap. The first
    sentence starts after the dateline: its outlet and place ("Kyiv (ANTARA) -") report the news,
    they do not act in it, and as actors they would give each outlet's report its own event id.
    """
    published = _newsroom_day(published_at)
    dates = resolve_dates(text, published)
    article_day = next(
        (iso for _, _, iso in dates if is_day(iso)), published.isoformat() if published else None
    )
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    date_starts = [start for start, _, _ in dates]
    folded = fold_case(text)
    events: list[Event] = []
    previous_person: Entity | None = None
    news = dateline_end(text)
    for start, end in sentences(text):
        start = max(start, news)
        inside = ordered[bisect_left(starts, start) : bisect_left(starts, end)]
        lowered = folded[start:end]
        matches = list(_TRIGGER.finditer(lowered))
        if matches:
            sentence = _Sentence(
                text=text[start:end],
                folded=lowered,
                start=start,
                entities=inside,
                dates=dates[bisect_left(date_starts, start) : bisect_left(date_starts, end)],
                places=_places(text[start:end], start, inside),
                agents=_agents(inside),
                clause_ends=[m.end() - start for m in _CLAUSE_END.finditer(text, start, end)],
                openers=[m.end() for m in _COMPLEMENT.finditer(lowered)],
                fronted=_ADVERBIAL.match(lowered) is not None,
                may_be_cancelled=_CANCEL_CUE.search(folded, start, end) is not None,
            )
            events.extend(_events(sentence, matches, previous_person, article_day, article_id))
        previous_person = next((e for e in inside if e.label == "PERSON"), previous_person)
    return events
