"""Staff make someone a municipality viewer in the admin."""

from opmars.accounts.models import MunicipalityViewer


def test_staff_add_a_viewer_in_the_admin(world, client_as):
    world.staff.is_superuser = True
    world.staff.save()
    client = client_as(world.staff)
    response = client.post(
        "/beheer/accounts/municipalityviewer/add/",
        {"user": world.other.pk, "municipality": "GM0344"},
    )
    assert response.status_code == 302, response.content[:500]
    assert MunicipalityViewer.objects.filter(user=world.other, municipality_id="GM0344").exists()
