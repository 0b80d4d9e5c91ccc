"""`opmars report` writes the same report as the web page, in three formats."""

import pytest

from opmars.cli import main


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args,start",
    [
        (["--municipality", "GM0363", "--format", "pdf"], b"%PDF"),
        (["--municipality", "GM0363", "--format", "html"], b"<!doctype html>"),
        (["--municipality", "GM0363", "--format", "csv"], "\ufeffslug;naam".encode()),
        (["--province", "PV27", "--format", "pdf"], b"%PDF"),
    ],
)
def test_report_formats(demo_set, tmp_path, args, start):
    out = tmp_path / "report"
    with pytest.raises(SystemExit) as done:
        main(["report", *args, "--year", "2024", "-o", str(out)])
    assert done.value.code == 0
    assert out.read_bytes().startswith(start)


@pytest.mark.django_db
def test_unknown_municipality_exits_with_a_message(tmp_path, capsys):
    with pytest.raises(SystemExit) as done:
        main(["report", "--municipality", "GM9999", "-o", str(tmp_path / "x.pdf")])
    assert done.value.code == 2
    assert "GM9999" in capsys.readouterr().err


@pytest.mark.django_db
def test_collective_one_page_report(client, demo_set, tmp_path):
    from opmars.registry.models import Collective

    slug = Collective.objects.values_list("slug", flat=True).first()
    response = client.get(f"/monitor/collectieven/{slug}/rapport.pdf?jaar=2024")
    assert response.content.startswith(b"%PDF")
    assert client.get("/monitor/collectieven/bestaat-niet/rapport.pdf").status_code == 404
    out = tmp_path / "c.pdf"
    with pytest.raises(SystemExit) as done:
        main(["report", "--collective", slug, "-o", str(out)])
    assert done.value.code == 0 and out.read_bytes().startswith(b"%PDF")
    with pytest.raises(SystemExit) as done:
        main(["report", "--collective", slug, "--format", "csv", "-o", str(out)])
    assert done.value.code == 2
