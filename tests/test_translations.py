"""The English catalogue: complete, compiled from the current .po, and used after the switch."""

import ast
import gettext
import re
from html import unescape
from pathlib import Path

import pytest

import opmars

CATALOGUE = Path(opmars.__file__).parent / "locale" / "en" / "LC_MESSAGES"
PAGES = ["/", "/collectieven/", "/kaart/"]
NAV_NL = {"Collectieven", "Kaart", "Gemeenten", "Provincies", "Aanmelden"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}")


def po_entries():
    """Every live entry of the English .po as a dict; obsolete (#~) entries are left out."""
    entries = []
    for block in (CATALOGUE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields, flags, key = {}, set(), None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            else:
                key, _, rest = line.partition(" ")
                fields[key] = ast.literal_eval(rest)
        if "msgid" in fields:
            msgstr = [fields[k] for k in sorted(fields) if k.startswith("msgstr")]
            entries.append({**fields, "msgstr": msgstr, "flags": flags})
    return entries


def test_every_entry_is_translated_and_keeps_its_placeholders():
    entries = po_entries()
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "Language: en" in header["msgstr"][0]
    assert len(messages) > 400
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in messages if not all(e["msgstr"])] == []
    for e in messages:
        sources = [e["msgid"], e.get("msgid_plural", e["msgid"])]
        for n, text in enumerate(e["msgstr"]):
            expected = sorted(PLACEHOLDER.findall(sources[min(n, 1)]))
            assert sorted(PLACEHOLDER.findall(text)) == expected, e["msgid"]


def test_compiled_catalogue_matches_the_po():
    with open(CATALOGUE / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)._catalog
    stale = []
    for e in po_entries()[1:]:
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            found = [compiled.get((key, n)) for n in range(len(e["msgstr"]))]
        else:
            found = [compiled.get(key)]
        if found != e["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "django.mo is out of date: run compilemessages -l en"


def nav_labels(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return {unescape(label).strip() for label in re.findall(r"<a [^>]*>(.*?)</a>", nav)}


def dutch_left(html):
    """Dutch source strings of the catalogue that still show as text on the page."""
    without_scripts = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", "\n", without_scripts))
    return [
        e["msgid"]
        for e in po_entries()[1:]
        if e["msgid"] != e["msgstr"][0]
        and len(e["msgid"]) > 3
        and not PLACEHOLDER.search(e["msgid"])
        and re.search(rf"(?<![\w-]){re.escape(e['msgid'])}(?![\w-])", text)
    ]


def assert_english(html):
    assert '<html lang="en">' in html
    assert {"Map", "Municipalities"} <= nav_labels(html)
    assert not nav_labels(html) & NAV_NL
    assert dutch_left(html) == []


def test_switching_to_english_translates_the_pages(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    for path in PAGES:
        assert_english(client.get(path).content.decode())
    # Labels of the filter form are marked with an alias (_lazy); they must be in the catalogue.
    html = client.get("/collectieven/").content.decode()
    assert "Search term" in html and "Sort by" in html and "All types" in html


@pytest.mark.parametrize("path", PAGES)
def test_accept_language_header_gives_english(client, db, path):
    assert_english(client.get(path, headers={"accept-language": "en"}).content.decode())


@pytest.mark.parametrize("path", PAGES)
def test_dutch_is_the_default(client, db, path):
    html = client.get(path).content.decode()
    assert '<html lang="nl">' in html
    assert nav_labels(html) == NAV_NL
