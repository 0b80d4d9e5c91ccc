"""CSV files in the encodings people's spreadsheets write: UTF-8 with or without BOM, Excel's
"Unicode text" (UTF-16 with BOM, tab-separated), Windows-1252, and files pasted together from
more than one of them, which read line by line and warn instead of garbling."""

import codecs

import pytest

from opmars.dataio.reading import SNIFF_BYTES, FileProblem, read_rows

HEADER = ["Naam", "Gemeente"]
ROW = ["Buurtcoöperatie Één", "Súdwest-Fryslân"]


def table(delimiter=";", rows=(ROW,)):
    return "".join(delimiter.join(cells) + "\r\n" for cells in [HEADER, *rows])


def read(tmp_path, data):
    path = tmp_path / "lijst.csv"
    path.write_bytes(data)
    header, rows = read_rows(path)
    cells = [cells for _number, cells in rows]
    return header, cells, rows.warnings


@pytest.mark.parametrize(
    "data",
    [
        table().encode("utf-8"),
        codecs.BOM_UTF8 + table().encode("utf-8"),
        table().encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 with BOM", "windows-1252"],
)
def test_one_encoding_per_file(tmp_path, data):
    assert read(tmp_path, data) == (HEADER, [ROW], [])


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["little-endian", "big-endian"],
)
def test_excel_unicode_text_is_utf16_and_tab_separated(tmp_path, bom, codec):
    data = bom + table("\t", [ROW, ["Zorg 😊 & wonen", "'s-Hertogenbosch"]]).encode(codec)
    header, rows, warnings = read(tmp_path, data)
    assert header == HEADER
    assert rows == [ROW, ["Zorg 😊 & wonen", "'s-Hertogenbosch"]]
    assert warnings == []


def test_utf16_without_bom_is_still_refused(tmp_path):
    with pytest.raises(FileProblem, match="geen CSV"):
        read(tmp_path, table().encode("utf-16-le"))


def test_a_mixed_file_reads_every_line_right_and_warns(tmp_path):
    data = (
        b"Naam;Gemeente\r\n"
        + "Buurtcoöperatie Één;Súdwest-Fryslân\r\n".encode()
        + "Café De Zwaan;Súdwest-Fryslân\r\n".encode("cp1252")
        + "Energie € Samen;Ede\r\n".encode("cp1252")
    )
    _header, rows, warnings = read(tmp_path, data)
    assert rows == [ROW, ["Café De Zwaan", "Súdwest-Fryslân"], ["Energie € Samen", "Ede"]]
    (warning,) = warnings
    assert warning.startswith("Het bestand mengt tekensets")
    assert "controleer" in warning and "3, 4" in warning


def test_a_bom_declares_utf8_so_one_windows_line_is_a_mix(tmp_path):
    data = codecs.BOM_UTF8 + b"Naam;Gemeente\r\n" + "Café;Ede\r\n".encode("cp1252")
    _header, rows, warnings = read(tmp_path, data)
    assert rows == [["Café", "Ede"]]
    assert len(warnings) == 1 and "2" in warnings[0]


def test_a_windows_letter_after_the_sniffed_start_still_reads(tmp_path):
    ascii_rows = "".join(f"Dorp {i};Ede\r\n" for i in range(SNIFF_BYTES // 10))
    data = ("Naam;Gemeente\r\n" + ascii_rows).encode() + "Café;Ede\r\n".encode("cp1252")
    assert data[:SNIFF_BYTES].isascii()
    _header, rows, warnings = read(tmp_path, data)
    assert rows[-1] == ["Café", "Ede"]
    assert warnings == []


def test_quoted_cells_over_several_lines_keep_their_line_breaks(tmp_path):
    data = 'Naam;Omschrijving\r\nA;"regel één\r\nregel twee"\r\nB;x\r\n'.encode("cp1252")
    _header, rows, _warnings = read(tmp_path, data)
    assert rows == [["A", "regel één\r\nregel twee"], ["B", "x"]]


def test_old_mac_line_endings(tmp_path):
    _header, rows, _warnings = read(tmp_path, "Naam;Gemeente\rCafé;Ede\r".encode("cp1252"))
    assert rows == [["Café", "Ede"]]


def test_a_byte_windows_1252_leaves_undefined_becomes_a_replacement_character(tmp_path):
    _header, rows, _warnings = read(tmp_path, b"Naam;Gemeente\r\nA\x81B;Ede\r\n")
    assert rows == [["A\ufffdB", "Ede"]]
