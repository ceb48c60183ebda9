"""The demo's cast of parties: the shop, its suppliers, pickup places and building sites.

``make_parties`` invents about 30 Norwegian building-materials suppliers (name, GLN from
their own GS1 company prefix, organisation and VAT number, bank account, address, whether
they trade by EDI), the shop itself with three GLNs (main store, warehouse, second store)
and a few places: suppliers' pickup points (role SF) and customers' building sites (DP).
Each supplier also gets the product categories it sells and the shape of the price-list
spreadsheet its software writes (see ``pricelists``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .identifiers import gs1_number, random_company_prefix, random_kontonr, random_orgnr, slug

# (name stem, categories it sells) -- the stem is combined with a region to a company name.
SUPPLIER_STEMS = [
    ("Trelast", ("trelast", "plater")),
    ("Skruer & Beslag", ("festemidler",)),
    ("Gipsgrossisten", ("plater",)),
    ("Isolasjonslageret", ("isolasjon",)),
    ("Maling & Farge", ("maling",)),
    ("Byggevaregrossisten", ("trelast", "festemidler", "plater", "isolasjon", "mur", "verktøy")),
    ("Betong & Mur", ("mur",)),
    ("Takprodukter", ("tak",)),
    ("Rør & Avløp", ("vvs",)),
    ("Sagbruket", ("trelast",)),
    ("Verktøyhuset", ("verktøy", "festemidler")),
    ("Plate & Panel", ("plater", "trelast")),
    ("Fasade & Tak", ("tak", "maling")),
]
# Suppliers whose (Swedish) ERP writes Swedish headers: Norwegian subsidiaries of Swedish firms.
SWEDISH_STEMS = [
    ("Nordiska Byggbeslag", ("festemidler", "verktøy")),
    ("Svenska Trävaror", ("trelast",)),
    ("Göta Isolering", ("isolasjon",)),
    ("Norrlands Takprodukter", ("tak",)),
    ("Skandinaviska Rör", ("vvs",)),
    ("Västkust Färg", ("maling",)),
]
REGIONS = [
    "Vest",
    "Nord",
    "Øst",
    "Sør",
    "Midt",
    "Norge",
    "Innlandet",
    "Agder",
    "Trøndelag",
    "Rogaland",
    "Hordaland",
    "Nordland",
]
# (postnr, poststed, phone area) -- real pairs, note the leading zero of Oslo's codes.
PLACES = [
    ("5003", "Bergen", "55"),
    ("0150", "Oslo", "22"),
    ("7010", "Trondheim", "73"),
    ("4006", "Stavanger", "51"),
    ("9008", "Tromsø", "77"),
    ("3015", "Drammen", "32"),
    ("1604", "Fredrikstad", "69"),
    ("2317", "Hamar", "62"),
    ("6002", "Ålesund", "70"),
    ("8006", "Bodø", "75"),
    ("4610", "Kristiansand", "38"),
    ("3117", "Tønsberg", "33"),
    ("1530", "Moss", "69"),
    ("2815", "Gjøvik", "61"),
    ("3724", "Skien", "35"),
    ("5527", "Haugesund", "52"),
    ("6413", "Molde", "71"),
    ("8515", "Narvik", "76"),
    ("2609", "Lillehammer", "61"),
    ("1337", "Sandvika", "67"),
    ("3510", "Hønefoss", "32"),
    ("4307", "Sandnes", "51"),
    ("7713", "Steinkjer", "74"),
    ("9405", "Harstad", "77"),
    ("1767", "Halden", "69"),
    ("2004", "Lillestrøm", "63"),
    ("5700", "Voss", "56"),
    ("6800", "Førde", "57"),
    ("3182", "Horten", "33"),
    ("4836", "Arendal", "37"),
]
STREETS = [
    "Industriveien",
    "Sandviksveien",
    "Havnegata",
    "Lagerveien",
    "Verkstedveien",
    "Sagveien",
    "Brugata",
    "Storgata",
    "Fjordveien",
    "Næringsveien",
    "Terminalveien",
    "Sjøgata",
    "Kongens gate",
    "Elvegata",
    "Grossistveien",
    "Tømmerveien",
]
SHAPES = ["clean", "title_block", "swedish", "csv_semicolon", "csv_comma", "two_row_header"]


@dataclass
class Party:
    partner_no: int
    name: str
    gln: str
    orgnr: str
    roles: tuple[str, ...]
    street: str
    postnr: str
    poststed: str
    email: str
    phone: str
    kontonr: str | None = None
    edi: bool = False
    active: bool = True
    country: str = "NO"
    # suppliers only
    prefix: str | None = None
    categories: tuple[str, ...] = ()
    shape: str | None = None
    article_style: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def vat_no(self) -> str:
        return f"NO{self.orgnr}MVA"


@dataclass
class Cast:
    shop: list[Party]  # main store (BY, IV, DP), warehouse (DP), second store (BY, DP)
    suppliers: list[Party]
    places: list[Party]  # pickup places (SF) and building sites (DP)
    used_prefixes: set[str]
    used_orgnr: set[str]

    @property
    def all(self) -> list[Party]:
        return [*self.shop, *self.suppliers, *self.places]


def _address(rng: random.Random) -> tuple[str, str, str, str]:
    postnr, poststed, area = rng.choice(PLACES)
    street = f"{rng.choice(STREETS)} {rng.randrange(1, 120)}"
    phone = f"+47 {area} {rng.randrange(10, 100)} {rng.randrange(10, 100)} {rng.randrange(10, 100)}"
    return street, postnr, poststed, phone


def make_parties(rng: random.Random, suppliers: int) -> Cast:
    prefixes: set[str] = set()
    orgnrs: set[str] = set()
    shop_prefix = random_company_prefix(rng, prefixes)
    shop_orgnr = random_orgnr(rng, orgnrs)
    shop_account = random_kontonr(rng)
    shop = []
    for i, (label, roles, where) in enumerate(
        [
            ("", ("BY", "IV", "DP"), ("Strandgaten 44", "5013", "Bergen", "55")),
            (" – Sentrallager", ("DP",), ("Lagerveien 7", "5258", "Blomsterdalen", "55")),
            (" – Avd. Åsane", ("BY", "DP"), ("Åsane senter 12", "5116", "Ulset", "55")),
        ]
    ):
        street, postnr, poststed, area = where
        shop.append(
            Party(
                1000 + i,
                f"Fjordbygg Byggevare AS{label}",
                gs1_number(shop_prefix, i + 1),
                shop_orgnr,
                roles,
                street,
                postnr,
                poststed,
                ["post", "lager", "asane"][i] + "@fjordbygg.no",
                f"+47 {area} 30 {40 + i} 00",
                shop_account,
                edi=True,
            )
        )
    regions = list(REGIONS)
    rng.shuffle(regions)
    supplier_list = []
    styles = ["zeros", "prefixed", "plain"]
    n_no = n_se = 0
    for i in range(suppliers):
        shape = SHAPES[i % len(SHAPES)]
        if shape == "swedish":
            stem, cats = SWEDISH_STEMS[n_se % len(SWEDISH_STEMS)]
            name = f"{stem} Norge AS" if n_se < len(SWEDISH_STEMS) else f"{stem} {regions[n_se % 12]} AS"
            n_se += 1
        else:
            stem, cats = SUPPLIER_STEMS[n_no % len(SUPPLIER_STEMS)]
            k = len(SUPPLIER_STEMS)
            name = f"{stem} {regions[(n_no + n_no // k) % len(regions)]} AS"
            n_no += 1
        street, postnr, poststed, phone = _address(rng)
        prefix = random_company_prefix(rng, prefixes)
        roles = ("SU", "CA") if rng.random() < 0.25 else ("SU",)
        supplier_list.append(
            Party(
                2001 + i,
                name,
                gs1_number(prefix, 0),
                random_orgnr(rng, orgnrs),
                roles,
                street,
                postnr,
                poststed,
                f"ordre@{slug(name)}.no",
                phone,
                random_kontonr(rng),
                edi=rng.random() < 0.67,
                prefix=prefix,
                categories=cats,
                shape=shape,
                article_style="plain" if shape == "swedish" else styles[i % 3],
            )
        )
    places = []
    for k, sup in enumerate(supplier_list[:3]):
        street, postnr, poststed, phone = _address(rng)
        places.append(
            Party(
                3001 + k,
                f"{sup.name} – Hentelager {poststed}",
                gs1_number(sup.prefix, 10 + k),
                sup.orgnr,
                ("SF",),
                street,
                postnr,
                poststed,
                f"lager@{slug(sup.name)}.no",
                phone,
            )
        )
    for k, site in enumerate(["Byggeplass Kaigaten 12", "Byggeplass Nyhavn boligfelt"]):
        street, postnr, poststed, phone = _address(rng)
        contractor = random_orgnr(rng, orgnrs)
        places.append(
            Party(
                3101 + k,
                site,
                gs1_number(shop_prefix, 100 + k),
                contractor,
                ("DP",),
                site.removeprefix("Byggeplass "),
                postnr,
                poststed,
                f"anlegg{k + 1}@fjordbygg.no",
                phone,
            )
        )
    return Cast(shop, supplier_list, places, prefixes, orgnrs)
