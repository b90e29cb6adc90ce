"""What a name's surface says, read by the sentence rules, the document rules and canonicalisation
alike: the labels, the company forms and administrative levels written around a name, and the name
without them."""

from __future__ import annotations

import re

LABELS = ("PERSON", "ORG", "LOC")
"""The labels of the NER corpora, which ``warta eval entities`` scores."""


GPE = "GPE"
"""A known place named as an actor or owner ("Israel menyerang", "militer Israel"), not as a location:
the corpora leave such mentions unmarked, and ``place_roles`` tells them apart."""


LEGAL_FORM = re.compile(r"^(?:PT|CV)\.?\s+|(?:\s+(?:\(Persero\)|Persero|Tbk\.?))+$")
"""Indonesian company forms around a name: "PT … (Persero) Tbk"."""


REGION = re.compile(
    r"^(?:(?i:Kabupaten|Kab\.|Kota|Provinsi|Prefektur|Negara Bagian)|distrik)\s+(?=(?i:[A-Z]))"
)
"""The administrative level before a regency's, city's, province's or a foreign district's name:
"Kabupaten Demak" and "Demak", "distrik Sudzha" and "Sudzha", are one place to a reader. Papua's
"Distrik", written as part of the name, is a unit below the regency, like "Kecamatan", and may share
its regency's name, so it stays."""


REGION_NAMED = re.compile(
    r"\b(?:Kabupaten|Kota|Provinsi|Pemkab|Pemkot|Pemprov)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)"
)
"""A region written with its level anywhere in a name: "KPU Kabupaten Jeneponto" names Jeneponto, and
"Pemkab Natuna" (the regency's government) Natuna."""


DESCRIBED = re.compile(r"^(?:[a-z]+\s+)+(?=[A-Z])")
"""Lower-case words before a place's name describe it: "gedung Glodok Plaza", "lereng Marapi"."""


INITIALISM = re.compile(r"[A-Z]{2,6}")
"""A short form in capitals, "BSI", "KPU": what an organisation's initials or a ticker look like."""


def kind_of(label: str) -> str:
    """The kind of entity a label names: a place acting (``GPE``) is still a place."""
    return "LOC" if label == GPE else label


def bare_name(surface: str, *, place: bool = False) -> tuple[str, str | None]:
    """ "PT Bank Syariah Indonesia Tbk" → "Bank Syariah Indonesia", and for a place "Kabupaten
    Demak" → "Demak"; "Pengadilan Kriminal Internasional (ICC)" → the name and its short form "ICC",
    which is not part of the name; the short form is the last bracket, "PT PP (Persero) Tbk. (PTPP)".
    A place loses the lower-case words that describe it: "gedung Glodok Plaza" → "Glodok Plaza"."""
    bare = (REGION.sub("", DESCRIBED.sub("", surface)) if place else LEGAL_FORM.sub("", surface)) or surface
    head, bracket, short = bare.rpartition(" (")
    if bracket and head and short.endswith(")"):
        return LEGAL_FORM.sub("", head) or head, short[:-1]
    return bare, None
