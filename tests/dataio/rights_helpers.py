"""Files and a web round trip for the tests of what an import may write (decision 0038)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from opmars.dataio.models import ImportRun

ATTACKER = "kaper@example.org"
COLLECTIVES_HEADER = "Naam;Soort;Rechtsvorm;Gemeente;E-mail\r\n"
FACTS_HEADER = "Naam;Gemeente;Jaar;Leden\r\n"
IMPACT_HEADER = (
    "Naam;Gemeente;Jaar;Indicator;Aantal;Laagste schatting;Hoogste schatting;Bewijskracht\r\n"
)


def collectives_csv(*names, email=ATTACKER):
    """Rows that find records by name and seat (the test records are all in Amsterdam) and set
    their contact address: the first step of the takeover in issue 21."""
    rows = [f"{name};buurtcooperatie;cooperatie_ua;Amsterdam;{email}\r\n" for name in names]
    return COLLECTIVES_HEADER + "".join(rows)


def facts_csv(*names, members=999):
    return FACTS_HEADER + "".join(f"{name};Amsterdam;2023;{members}\r\n" for name in names)


def impact_csv(*names):
    rows = [f"{name};Amsterdam;2023;minder-eenzaam;35;25;45;3\r\n" for name in names]
    return IMPACT_HEADER + "".join(rows)


def web_import(client, text, kind="collectives", network=None):
    """Upload as the signed-in user, read the dry run's page, import the good rows; returns
    (dry run page, the finished ImportRun)."""
    upload = SimpleUploadedFile("lijst.csv", text.encode("utf-8"), content_type="text/csv")
    data = {"file": upload, "kind": kind, "network": network.pk if network else ""}
    response = client.post("/import/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    run = ImportRun.objects.latest("pk")
    page = client.get(f"/import/{run.pk}/").content.decode()
    client.post(f"/import/{run.pk}/importeren/", {"valid_only": "1"})
    run.refresh_from_db()
    return page, run
