from frivillig.accounts.models import PersonalDataRead


def test_it_shows_administrators_who_read_whose_details_and_when(
    english, owner, coordinator, organisation, application, bo_url
):
    english.force_login(coordinator)
    english.get(bo_url("application_detail", organisation, application.pk))
    english.force_login(owner)
    response = english.get(bo_url("read_log", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kim Koordinator" in html and "Vera Frivillig" in html and "Application" in html
    assert "<caption>" in html


def test_viewing_the_log_itself_is_not_a_read_of_a_volunteer(
    english, owner, organisation, application, bo_url
):
    english.force_login(owner)
    english.get(bo_url("read_log", organisation))
    assert not PersonalDataRead.objects.exists()


def test_it_is_for_administrators_only(client, member, coordinator, organisation, bo_url):
    for user in (member, coordinator):
        client.force_login(user)
        assert client.get(bo_url("read_log", organisation)).status_code == 404


def test_it_answers_an_outsider_with_404(client, outsider, organisation, bo_url):
    client.force_login(outsider)
    assert client.get(bo_url("read_log", organisation)).status_code == 404


def test_it_shows_a_unit_the_reads_below_it_but_not_the_other_way(
    english, unit, owner, organisation, application, make_user, bo_url
):
    from frivillig.organisations.models import Role
    from frivillig.organisations.services import add_member

    head = make_user("chef@example.dk", first_name="Chef")
    add_member(organisation=unit, user=head, role=Role.ADMIN)
    english.force_login(owner)
    english.get(bo_url("application_detail", organisation, application.pk))
    english.force_login(head)
    assert "Vera Frivillig" in english.get(bo_url("read_log", unit)).content.decode()
    english.force_login(owner)
    assert english.get(bo_url("read_log", unit)).status_code == 404
