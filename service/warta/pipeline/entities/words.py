"""The closed word lists that the sentence rules (``mentions``) read: the heads that open an
organisation's or a place's name, titles, ranks and role words, and the words that end a name. Kept
apart from the rules so that adding a word never means reading the code around it."""

from __future__ import annotations

import re

FUNCTION_WORDS = frozenset(
    [
        "dan",
        "atau",
        "serta",
        "karena",
        "di",
        "ke",
        "dari",
        "yang",
        "untuk",
        "dengan",
        "bersama",
        "pada",
        "oleh",
        "hingga",
        "sampai",
        "antara",
        "bagi",
        "juga",
        "akan",
        "telah",
        "sudah",
        "adalah",
        "ialah",
        "bahwa",
        "tetapi",
        "namun",
        "sedangkan",
        "saat",
        "ketika",
        "setelah",
        "sebelum",
        "seperti",
        "mana",
        "ini",
        "itu",
    ]
)
"""Words that never sit inside a person's or place's name in cased text: a span across one is two."""


NAME_PARTICLES = frozenset(
    [
        "bin",
        "binti",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "del",
        "dos",
        "du",
        "al",
        "el",
        "la",
        "le",
        "ibn",
        "ben",
        "bt",
        "br",
    ]
)
"""Lower-case words that do belong to person names ("Hugo de Vries", "Ulina br Ginting")."""


ORG_HEADS = frozenset(
    [
        "universitas",
        "akademi",
        "institut",
        "politeknik",
        "fakultas",
        "kementerian",
        "kedutaan",
        "konsulat",
        "departemen",
        "badan",
        "lembaga",
        "komisi",
        "dewan",
        "majelis",
        "mahkamah",
        "pengadilan",
        "kejaksaan",
        "kepolisian",
        "partai",
        "yayasan",
        "asosiasi",
        "perhimpunan",
        "persatuan",
        "ikatan",
        "himpunan",
        "organisasi",
        "perusahaan",
        "pt",
        "bank",
        "federasi",
        "komite",
        "direktorat",
        "dinas",
        "biro",
        "polda",
        "polres",
        "polresta",
        "polrestabes",
        "polsek",
        "kodam",
        "korem",
        "kodim",
        "pemprov",
        "pemkab",
        "pemkot",
        "kejati",
        "kejari",
        "timnas",
        "kanwil",
        "inspektorat",
        "ombudsman",
        "forum",
        "aliansi",
        "koalisi",
        "serikat",
        "paguyuban",
        "koperasi",
        "satgas",
        "perumda",
        "pdam",
        "rutan",
        "lapas",
        "kbri",
        "kjri",
        "kantor",
        "pengurus",
        "bea",
        "konfederasi",
        "perkumpulan",
        "satpol",
        "otorita",
        "korps",
        "brigade",
        "laskar",
        "perum",
        "pb",
        "balai",
        "angkatan",
        # short forms of regional government services and police units, before their region or force:
        # "Dinkes Jember", "Satlantas Polres Sidoarjo", "Ditlantas Polda Metro Jaya"
        "dinkes",
        "dinsos",
        "dishub",
        "disdik",
        "dispendik",
        "disnaker",
        "disnakertrans",
        "disdukcapil",
        "diskominfo",
        "disperindag",
        "dispora",
        "dispar",
        "disbudpar",
        "distan",
        "disperkim",
        "ditlantas",
        "ditreskrimum",
        "ditreskrimsus",
        "ditresnarkoba",
        "ditpolairud",
        "ditsamapta",
        "ditintelkam",
        "bidpropam",
        "bidhumas",
        "satlantas",
        "satreskrim",
        "satresnarkoba",
        "satsamapta",
        "satpolairud",
        "satintelkam",
        "sipropam",
        "sihumas",
        "brimob",
        "korbrimob",
        "korlantas",
        "bareskrim",
        "baharkam",
        "baintelkam",
        "densus",
        "divpropam",
        "divhumas",
    ]
)
"""First words that make a name an organisation ("Universitas New South Wales", "Badan …", "PB Djarum",
the executive board or club "Pengurus Besar", "Perkumpulan Bulu Tangkis")."""


HALLS = frozenset(["balai", "kantor"])


SEATS = frozenset(["desa", "kelurahan", "kecamatan", "kota", "camat", "lurah", "bupati", "gubernur", "wali"])
"""A hall or office of a village, district, town or its head is a building: "Balai Desa Sumberwuluh",
"Kantor Kecamatan Talang", "Kantor Gubernur Sulsel"; "Balai Besar KSDA", "Kantor SAR Palu" are units."""


PLACE_HEADS = frozenset(
    [
        "mausoleum",
        "kawasan",
        "bundaran",
        "kali",
        "pegunungan",
        "terowongan",
        "tpa",
        "bukit",
        "lembah",
        "hutan",
        "kampung",
        "tanjung",
        "makam",
        "monumen",
        "museum",
        "istana",
        "gedung",
        "gerbang",
        "bandara",
        "pelabuhan",
        "stasiun",
        "terminal",
        "stadion",
        "masjid",
        "gereja",
        "candi",
        "jalan",
        "jembatan",
        "lapangan",
        "alun-alun",
        "taman",
        "pulau",
        "gunung",
        "sungai",
        "danau",
        "selat",
        "teluk",
        "jl",
        "kompleks",
        "komplek",
        "apartemen",
        "pasar",
        "pura",
        "pantai",
        "provinsi",
        "kabupaten",
        "kota",
        "kecamatan",
        "kelurahan",
        "desa",
        "dusun",
        "bendungan",
        "waduk",
        "hotel",
        "kepulauan",
        "samudra",
        "samudera",
    ]
)
"""First words that make a name a place, not the person it honours ("Mausoleum Ho Chi Minh",
"Bandara Soekarno-Hatta", "Jalan Sudirman")."""


SPEECH = frozenset(
    [
        "kata",
        "ujar",
        "ucap",
        "tutur",
        "ungkap",
        "jelas",
        "tambah",
        "imbuh",
        "papar",
        "terang",
        "tegas",
        "sebut",
    ]
)
"""Verbs after which a capitalised run ending the clause names the speaker: "…, kata Huong Le Thu,"."""


ROLE_WORDS = frozenset(
    [
        "luar",
        "negeri",
        "dalam",
        "pertahanan",
        "keamanan",
        "keuangan",
        "perdagangan",
        "perindustrian",
        "kesehatan",
        "pendidikan",
        "agama",
        "hukum",
        "politik",
        "ekonomi",
        "energi",
        "besar",
        "utama",
        "eksekutif",
        "umum",
        "jenderal",
        "bidang",
        "urusan",
        "koordinator",
        "negara",
        "muda",
        "madya",
        "tinggi",
        "agung",
        "kabinet",
        "senior",
        "daerah",
        "riset",
        "research",
        "pelaksana",
    ]
)
"""Words of a title after its first word ("Menteri Luar Negeri", "Duta Besar", "Kepala Pelaksana"),
never a name."""


NAME_TITLES = frozenset(["hakim", "raja", "ratu", "sultan", "pangeran"])
"""Titles that are also words of people's names ("Lukman Hakim", "Abdul Hakim"): inside a name,
after a capitalised word that is no title, they are part of it."""


BALINESE_ORDER = frozenset(
    ["wayan", "made", "nyoman", "ketut", "putu", "kadek", "komang", "gede", "luh", "gusti"]
)
"""Balinese birth-order and caste names, which follow the "I" or "Ni" that opens a name."""


CONNECTIVES = frozenset(
    ["of", "and", "for", "the", "on", "in", "at", "to", "&", "dan", "untuk", "bagi", "pada", "di", "se"]
)
"""Lower-case words that do sit inside organisation names ("Badan Siber dan Sandi Negara")."""


REGION_WORDS = frozenset(["provinsi", "kabupaten", "kota"])
"""Indonesia's administrative levels as separate words, which name an office's region ("BPBD
Kabupaten Garut"); ``names.REGION`` strips them, and foreign ones, from a place's name."""


UNIT_SHORT_FORMS = {
    "polda": "Kepolisian Daerah",
    "polres": "Kepolisian Resor",
    "polresta": "Kepolisian Resor Kota",
    "polrestabes": "Kepolisian Resor Kota Besar",
    "polsek": "Kepolisian Sektor",
    "kejati": "Kejaksaan Tinggi",
    "kejari": "Kejaksaan Negeri",
    "pemprov": "Pemerintah Provinsi",
    "pemkab": "Pemerintah Kabupaten",
    "pemkot": "Pemerintah Kota",
    "dinkes": "Dinas Kesehatan",
    "dishub": "Dinas Perhubungan",
    "disdik": "Dinas Pendidikan",
    "kanwil": "Kantor Wilayah",
    "setda": "Sekretariat Daerah",
}
"""Short forms of the units that an office's name opens with and its region closes ("Polda Jabar",
"Kepolisian Daerah Jawa Barat"): the canonical name spells them out, so both are one office."""


REGIONAL_OFFICES = frozenset(["bpbd", "kpu", "kpud", "bawaslu", "dprd", "pmi", "bnnp", "bnnk", "bpn", "kpid"])
"""Short forms of bodies with an office in every province or regency, written with its place after
them: "BPBD Majene", "Bawaslu Cianjur"; a place no list knows looks there like a first name."""


TERRITORIAL_UNITS = frozenset(
    ["kodam", "korem", "kodim", "koramil", "lanud", "lantamal", "lanal", "yonif", "brigif"]
)


ORG_ENDS = frozenset(
    [
        "ventures",
        "capital",
        "holdings",
        "corporation",
        "corp",
        "inc",
        "ltd",
        "limited",
        "airlines",
        "airways",
        "partners",
        "foundation",
        "technologies",
        "sekuritas",
        "air",
        "exchange",
        "s.a",
        "n.v",
        "plc",
        "llc",
        "gmbh",
        "alliance",
        "university",
        "college",
        "centre",
        "center",
        "institute",
        "association",
        "council",
        "agency",
        "committee",
        "commission",
        "organization",
        "organisation",
        "network",
        "federation",
        "league",
        "society",
        "group",
        "fund",
        "authority",
    ]
)
"""Last words of companies', foundations' and other institutions' names written in English ("East
Ventures", "Garuda Airlines", "Sumatran Rescue Alliance"): the tagger, which sees few of them, takes
such names for people."""


INITIALLED = frozenset(["inisial", "berinisial"])


RANKS = frozenset(
    [
        "bharada",
        "bripda",
        "briptu",
        "brigadir",
        "bripka",
        "aipda",
        "aiptu",
        "ipda",
        "iptu",
        "akp",
        "kompol",
        "akbp",
        "kombes",
        "prada",
        "pratu",
        "praka",
        "serda",
        "sertu",
        "serka",
        "letda",
        "lettu",
        "kapten",
        "mayor",
        "letkol",
        "kolonel",
    ]
)
"""Police and army ranks: a suspect who serves is named by rank and initials, "Brigadir RH"."""


AREA_TITLES = frozenset(
    ["kapolda", "kapolres", "kapolresta", "kapolrestabes", "kapolsek", "dandim", "danrem"]
)


MINISTERS = frozenset(["menteri", "menko", "wamen"])


HONORIFICS = frozenset(
    [
        "pak",
        "bu",
        "bapak",
        "ibu",
        "mas",
        "mbak",
        "kak",
        "bung",
        "om",
        "tante",
        "saudara",
        "sdr",
        "ny",
        "nyonya",
        "haji",
        "hajah",
    ]
)
"""Forms of address before a name ("Pak Basuki", "Ny Herawati"), which are not a first name."""


TERMS = frozenset(
    [
        "tanah air",
        "pasar modal",
        "bi rate",
        "return on asset",
        "return on assets",
        "return on equity",
        "net interest margin",
        "non performing loan",
        "non performing financing",
        "loan to deposit ratio",
        "capital adequacy ratio",
        "earning per share",
        "earnings per share",
        "roa",
        "roe",
        "nim",
        "npl",
        "npf",
        "ldr",
        "fdr",
        "bopo",
        "eps",
        "pdb",
        "gdp",
        "raker",
        "rakernas",
        "rakor",
        "rakornas",
        "rapim",
        "munas",
        "munaslub",
        "mukernas",
        "muswil",
        "musda",
        "ramadhan",
        "ramadan",
        "lebaran",
        "idul fitri",
        "idulfitri",
        "idul adha",
        "iduladha",
        "natal",
        "nataru",
        "imlek",
        "nyepi",
        "waisak",
    ]
)
"""Capitalised words that name no entity: "Tanah Air" (the homeland), "Pasar Modal" (the capital
market), the ratios and indicators of business news ("Return on Equity (ROE)", "BI Rate"), which
the tagger, seeing capitals and a short form, takes for organisations, the short names of
meetings ("Raker", a working meeting; "Munas", a national congress), and holidays ("Ramadhan",
"Lebaran", "Idul Fitri"), which it takes for people."""


SAYING = frozenset(
    [
        "mengatakan",
        "menyatakan",
        "mengungkapkan",
        "menjelaskan",
        "menegaskan",
        "menambahkan",
        "menyebutkan",
        "memaparkan",
        "menerangkan",
        "berkata",
    ]
)
"""Verbs of saying after their subject: "Tumiran mengungkapkan …" names the speaker."""


LOCATIVES = frozenset(["di", "ke", "menuju", "wilayah", "kawasan"])
"""Words after which a known place is a location, not an actor: "ke wilayah Israel"."""


OUTLETS = frozenset([("kantor", "berita"), ("surat", "kabar")])
"""A news agency and a newspaper, before their names: "kantor berita AAP"."""
OUTLET_QUALIFIERS = frozenset(["resmi", "negara", "pemerintah", "milik", "lokal", "setempat"])
"""Words between an outlet's kind and its name: "kantor berita resmi Iran IRNA"."""


DIRECTIONS = frozenset(["utara", "selatan", "timur", "barat", "tengah", "tenggara", "daya", "laut", "raya"])
"""Sides that name a region with the place before them: "Maluku Tengah", "Lampung Utara"."""


CLUB = re.compile(r"Pers(?![a-z]*(?:an|nya)$)[a-z]{2,}")
"""Indonesian football clubs' names: "Persib", "Persebaya", "Persipura", "Persewar", from
"Persatuan Sepak Bola …"; not a word that ends as a noun or with "-nya" does ("Persiapan",
"Persaudaraan", "Persiapannya"), nor one of ``PERS_WORDS``."""

PERS_WORDS = frozenset(
    [
        "persen",
        "persentase",
        "persero",
        "personel",
        "personil",
        "personal",
        "persegi",
        "persepsi",
        "persis",
        "perspektif",
        "persuasif",
    ]
)
"""Common words shaped like a club's name."""


FORCES = frozenset(["polri", "tni"])
"""The national police and armed forces, whose units are named with them: "Divisi Humas Polri"."""


BRANCH_WORDS = frozenset(["Cabang", "Perwakilan"])
"""A branch and a representative office, between an organisation and its place: "BPJS Kesehatan Cabang
Garut", "BPKP Perwakilan Sumatera Utara"."""


COMPANY_FORMS = frozenset(["PT", "CV"])
"""Indonesian company forms written before the name: "PT Bank Central Asia Tbk"."""
