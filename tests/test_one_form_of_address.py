"""One form of address: Opmars says "je", never "u" or "uw", in every template and in every
text of its code (messages, labels, errors; issue 20)."""

import ast
import re
from pathlib import Path

import opmars

ROOT = Path(opmars.__file__).parent
# "u"/"uw" as a word; not "U.A." (a legal form), "U+00A0", or codes such as "u-3f9a" and "u-0-".
FORMAL = re.compile(r"(?<![\w.+\-'/\\])(u|uw|U|Uw)(?![\w+\-/]|\.\w)")


def _texts():
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value
    for path in [*(ROOT / "templates").rglob("*.html"), *(ROOT / "templates").rglob("*.txt")]:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def test_the_scan_finds_the_formal_forms():
    hits = "Wat wilt u plaatsen? Uw vraag. Dank u wel. 'u' bent u zelf"
    assert len(FORMAL.findall(hits)) == 4
    assert not FORMAL.findall("Coöperatie U.A., U+00A0, u-3f9a, f'u-{i}', je, uitleg, nu")


def test_no_text_says_u():
    found = [
        f"{where}: …{text[max(0, m.start() - 25) : m.end() + 25]}…"
        for where, text in _texts()
        for m in FORMAL.finditer(text)
    ]
    assert found == []
