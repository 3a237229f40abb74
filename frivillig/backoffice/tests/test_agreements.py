"""Individual agreements in the back office: the owner (admin) makes, sends and countersigns
them; the member (viewer) reads them; the outsider (admin elsewhere) finds nothing."""

from datetime import timedelta
from itertools import count
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.agreements import services
from frivillig.agreements.models import AgreementStatus, AgreementTemplate, IndividualAgreement
from frivillig.engagements import services as engagements

PASSWORD = "kodeord-der-er-langt-nok"
_n = count(1)


@pytest.fixture
def draft(make_agreement, organisation, engagement, owner):
    agreement = make_agreement(
        organisation=organisation, volunteer=engagement.volunteer, by=owner, send=False
    )
    agreement.engagement = engagement
    agreement.save(update_fields=["engagement"])
    return agreement


@pytest.fixture
def sent(draft, owner):
    return services.send_for_signing(agreement=draft, by=owner)


@pytest.fixture
def own_template(organisation):
    return services.create_template(
        organisation=organisation,
        name="Besøgsven",
        language="da",
        introduction="Velkommen som besøgsven.",
        volunteer_expectations="Kom til tiden",
        organisation_expectations="En kontaktperson",
        ending="Sig det til os.",
    )


def _form_data(agreement, **changes):
    data = {name: getattr(agreement, name) for name in services.EDITABLE_FIELDS}
    data["child_certificate_required"] = "on" if data["child_certificate_required"] else ""
    data.update(changes)
    return data


def _messages(response):
    return [str(m) for m in response.context["messages"]]


# Who may do what ------------------------------------------------------------------------------


def test_it_sends_a_stranger_to_log_in(client, bo_url, organisation, sent):
    for name, pk in [("agreement_list", None), ("agreement_detail", sent.pk)]:
        response = client.get(bo_url(name, organisation, pk))
        assert response.status_code == 302 and "login" in response["Location"]


def test_an_outsider_finds_nothing(
    client, bo_url, organisation, outsider, sent, engagement, own_template
):
    client.force_login(outsider)
    paths = [
        bo_url("agreement_list", organisation),
        bo_url("agreement_detail", organisation, sent.pk),
        bo_url("agreement_pdf", organisation, sent.pk),
        bo_url("agreement_create", organisation, engagement.pk),
        bo_url("agreement_template_list", organisation),
        bo_url("agreement_template_edit", organisation, own_template.pk),
    ]
    for path in paths:
        assert client.get(path).status_code == 404, path
        assert client.post(path).status_code == 404, path


def test_it_is_404_to_reach_another_organisations_agreement_through_ones_own(
    client, bo_url, outsider, other_organisation, sent, own_template
):
    client.force_login(outsider)
    for name, pk in [
        ("agreement_detail", sent.pk),
        ("agreement_end", sent.pk),
        ("agreement_template_delete", own_template.pk),
    ]:
        assert client.get(bo_url(name, other_organisation, pk)).status_code == 404
        assert client.post(bo_url(name, other_organisation, pk)).status_code == 404
    assert IndividualAgreement.objects.get(pk=sent.pk).status == AgreementStatus.AWAITING_VOLUNTEER
    assert AgreementTemplate.objects.filter(pk=own_template.pk).exists()


def test_a_member_reads_agreements_but_changes_nothing(
    english, bo_url, organisation, member, sent, engagement, own_template
):
    english.force_login(member)

    listed = english.get(bo_url("agreement_list", organisation))
    detail = english.get(bo_url("agreement_detail", organisation, sent.pk))

    assert listed.status_code == 200 and str(engagement.volunteer) in listed.content.decode()
    assert detail.status_code == 200
    assert "Send for signing" not in detail.content.decode()
    assert "End the agreement" not in detail.content.decode()
    for name, pk in [
        ("agreement_create", engagement.pk),
        ("agreement_end", sent.pk),
        ("agreement_new_version", sent.pk),
        ("agreement_template_create", None),
        ("agreement_template_edit", own_template.pk),
    ]:
        assert english.get(bo_url(name, organisation, pk)).status_code == 404, name
        assert english.post(bo_url(name, organisation, pk)).status_code == 404, name
    templates = english.get(bo_url("agreement_template_list", organisation)).content.decode()
    assert "Besøgsven" in templates and "New template" not in templates


def test_reading_an_agreement_is_logged(client, bo_url, organisation, member, sent):
    client.force_login(member)
    client.get(bo_url("agreement_detail", organisation, sent.pk))
    read = PersonalDataRead.objects.filter(action="read").get()
    assert (read.staff, read.volunteer, read.what) == (member, sent.volunteer, "agreement")


def test_a_coordinator_of_the_unit_above_manages_the_agreements_below(
    client, bo_url, unit, unit_coordinator, organisation, sent
):
    client.force_login(unit_coordinator)
    assert client.get(bo_url("agreement_detail", unit, sent.pk)).status_code == 200
    assert client.get(bo_url("agreement_end", unit, sent.pk)).status_code == 200


def test_the_navigation_and_the_engagement_lead_to_agreements(
    english, bo_url, organisation, owner, member, engagement
):
    english.force_login(owner)
    page = english.get(bo_url("engagement_detail", organisation, engagement.pk)).content.decode()
    assert bo_url("agreement_list", organisation) in page
    assert bo_url("agreement_create", organisation, engagement.pk) in page
    english.force_login(member)
    page = english.get(bo_url("engagement_detail", organisation, engagement.pk)).content.decode()
    assert bo_url("agreement_create", organisation, engagement.pk) not in page


# The flow -------------------------------------------------------------------------------------


def test_it_makes_a_draft_from_a_template_edits_sends_and_countersigns(
    english,
    bo_url,
    organisation,
    owner,
    engagement,
    own_template,
    framework,
    django_capture_on_commit_callbacks,
):
    english.force_login(owner)
    volunteer = engagement.volunteer

    choose = english.get(bo_url("agreement_create", organisation, engagement.pk))
    options = choose.content.decode()
    assert set(choose.context["form"].fields["template"].queryset) >= {
        own_template,
        services.default_template("da"),
        services.default_template("en"),
    }
    assert "the municipality&#x27;s template" in options and "Besøgsven" in options
    made = english.post(
        bo_url("agreement_create", organisation, engagement.pk), {"template": own_template.pk}
    )
    agreement = IndividualAgreement.objects.get(engagement=engagement)
    assert made["Location"] == bo_url("agreement_edit", organisation, agreement.pk)
    assert agreement.introduction == "Velkommen som besøgsven."
    assert agreement.created_by == owner

    edit = bo_url("agreement_edit", organisation, agreement.pk)
    wrong = english.post(edit, _form_data(agreement, task="", ending="Skriv til Karen"))
    assert wrong.status_code == 400
    assert "Describe the task." in wrong.content.decode()
    assert "Skriv til Karen" in wrong.content.decode()  # the input is kept

    data = _form_data(
        agreement,
        task="Læse højt for beboerne.",
        volunteer_expectations="Kom til tiden\nSig til, hvis du er forhindret",
        step="preview",
    )
    preview = english.post(edit, data)
    assert preview.status_code == 200
    assert "- Sig til, hvis du er forhindret" in preview.context["text"]
    agreement.refresh_from_db()
    assert agreement.task != "Læse højt for beboerne."  # nothing saved by a preview
    english.post(edit, {**data, "step": "save"})
    agreement.refresh_from_db()
    assert agreement.task == "Læse højt for beboerne."

    confirm = english.get(bo_url("agreement_send", organisation, agreement.pk))
    assert "Læse højt for beboerne." in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        english.post(bo_url("agreement_send", organisation, agreement.pk))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.AWAITING_VOLUNTEER
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    assert english.get(edit).status_code == 302  # a sent agreement cannot be edited

    services.sign_as_volunteer(
        agreement=agreement, volunteer=volunteer, ip="10.0.0.9", password=PASSWORD
    )
    detail = english.get(bo_url("agreement_detail", organisation, agreement.pk))
    assert "Sign for the organisation" in detail.content.decode()
    english.get(bo_url("agreement_countersign", organisation, agreement.pk))
    with django_capture_on_commit_callbacks(execute=True):
        signed = english.post(
            bo_url("agreement_countersign", organisation, agreement.pk), follow=True
        )
    assert "The agreement is signed by both parties." in _messages(signed)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.organisation_signed_by == owner
    assert agreement.organisation_ip == "127.0.0.1"

    pdf = english.get(bo_url("agreement_pdf", organisation, agreement.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    covered = english.get(bo_url("agreement_list", organisation) + "?tab=uncovered")
    assert list(covered.context["page"].object_list) == []


def test_a_new_version_is_a_draft_and_the_old_one_holds_until_it_is_signed(
    client, bo_url, organisation, owner, sent
):
    client.force_login(owner)
    assert client.get(bo_url("agreement_new_version", organisation, sent.pk)).status_code == 200

    response = client.post(bo_url("agreement_new_version", organisation, sent.pk))

    newer = IndividualAgreement.objects.get(previous=sent)
    assert response["Location"] == bo_url("agreement_edit", organisation, newer.pk)
    assert (newer.status, newer.version, newer.engagement_id) == ("draft", 2, sent.engagement_id)
    detail = client.get(bo_url("agreement_detail", organisation, sent.pk)).content.decode()
    assert bo_url("agreement_detail", organisation, newer.pk) in detail


def test_it_ends_an_agreement_after_asking(
    english, bo_url, organisation, owner, sent, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    ask = english.get(bo_url("agreement_end", organisation, sent.pk))
    assert "End the agreement?" in ask.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        english.post(bo_url("agreement_end", organisation, sent.pk))
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.ENDED


def test_a_refused_step_comes_back_as_a_message(english, bo_url, organisation, owner, sent):
    english.force_login(owner)

    response = english.post(bo_url("agreement_countersign", organisation, sent.pk), follow=True)

    assert "This agreement is not waiting for the organisation's signature." in _messages(response)
    again = english.post(bo_url("agreement_send", organisation, sent.pk), follow=True)
    assert "This agreement has already been sent." in _messages(again)


def test_a_draft_has_a_preview_but_no_pdf(english, bo_url, organisation, owner, draft):
    english.force_login(owner)
    detail = english.get(bo_url("agreement_detail", organisation, draft.pk))
    assert "Besøgsven for en ældre borger i Nibe." in detail.context["text"]
    assert "Preview of the text" in detail.content.decode()
    pdf = english.get(bo_url("agreement_pdf", organisation, draft.pk))
    assert pdf.status_code == 302


def test_an_engagement_with_an_agreement_leads_to_it_instead_of_a_second(
    client, bo_url, organisation, owner, draft, engagement
):
    client.force_login(owner)
    response = client.get(bo_url("agreement_create", organisation, engagement.pk))
    assert response["Location"] == bo_url("agreement_detail", organisation, draft.pk)


def test_an_ended_engagement_gets_no_agreement(client, bo_url, organisation, owner, engagement):
    engagements.end(engagement=engagement, volunteer=engagement.volunteer)
    client.force_login(owner)
    response = client.post(bo_url("agreement_create", organisation, engagement.pk))
    assert response.status_code == 302
    assert not IndividualAgreement.objects.exists()


def test_without_a_published_framework_the_refusal_is_shown(
    english, bo_url, organisation, owner, engagement
):
    english.force_login(owner)
    default = services.default_template("da")
    response = english.post(
        bo_url("agreement_create", organisation, engagement.pk), {"template": default.pk}
    )
    assert response.status_code == 200
    assert "The municipality has not published its framework yet" in _messages(response)[0]
    assert not IndividualAgreement.objects.exists()


def test_it_asks_for_a_template(english, bo_url, organisation, owner, engagement):
    english.force_login(owner)
    response = english.post(bo_url("agreement_create", organisation, engagement.pk), {})
    assert response.status_code == 400
    assert "Choose a template." in response.content.decode()


# The lists ------------------------------------------------------------------------------------


def test_the_list_filters_by_status_and_by_days_waiting(
    english, bo_url, organisation, owner, sent, make_agreement, volunteer
):
    english.force_login(owner)
    url = bo_url("agreement_list", organisation)
    other = make_agreement(organisation=organisation, volunteer=volunteer, send=False)

    drafts = english.get(url, {"status": "draft"})
    assert list(drafts.context["page"].object_list) == [other]
    waiting = english.get(url, {"tab": "unsigned"})
    assert waiting.context["days"] == 14 and list(waiting.context["page"].object_list) == []
    wrong = english.get(url, {"tab": "unsigned", "days": "0"})
    assert "Write at least 1 day." in wrong.content.decode()
    assert 'value="0"' in wrong.content.decode()


def test_it_lists_agreements_waiting_for_a_signature_longer_than_asked(
    english, bo_url, organisation, owner, draft
):
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - timedelta(days=20)):
        sent = services.send_for_signing(agreement=draft, by=owner)
    english.force_login(owner)
    url = bo_url("agreement_list", organisation)

    waiting = english.get(url, {"tab": "unsigned"})
    patient = english.get(url, {"tab": "unsigned", "days": "30"})

    assert list(waiting.context["page"].object_list) == [sent]
    assert "20 days ago" in waiting.content.decode()
    assert list(patient.context["page"].object_list) == []


def test_the_coverage_tab_links_to_making_an_agreement(
    english, bo_url, organisation, owner, engagement
):
    english.force_login(owner)
    response = english.get(bo_url("agreement_list", organisation), {"tab": "uncovered"})
    page = response.content.decode()
    assert bo_url("agreement_create", organisation, engagement.pk) in page
    (row,) = response.context["coverage"]
    assert (row.active_signed, row.active_unsigned) == (0, 1)


@pytest.fixture
def make_engagement(make_user, opportunity, owner):
    def make():
        person = make_user(f"mange{next(_n)}@example.dk", first_name="Mia", last_name="Mange")
        VolunteerProfile.objects.create(user=person)
        application = engagements.apply(volunteer=person, opportunity=opportunity)
        return engagements.accept(application=application, by=owner)

    return make


@pytest.mark.parametrize("tab", ["status", "unsigned", "uncovered"])
def test_each_list_costs_the_same_queries_for_2_and_10_rows(
    client, bo_url, organisation, owner, make_engagement, make_agreement, tab
):
    client.force_login(owner)
    url = bo_url("agreement_list", organisation) + f"?tab={tab}&days=1"
    weeks_ago = timezone.now() - timedelta(days=21)

    def grow(to):
        # Sent three weeks ago, so that every one has waited long enough to be listed.
        with mock.patch("django.utils.timezone.now", return_value=weeks_ago):
            _grow(to)

    def _grow(to):
        while IndividualAgreement.objects.count() < to:
            engagement = make_engagement()
            agreement = make_agreement(organisation=organisation, volunteer=engagement.volunteer)
            agreement.engagement = engagement
            agreement.save(update_fields=["engagement"])
            make_engagement()  # and one without any agreement

    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert len(response.context["page"].object_list) >= 2
        return len(captured)

    grow(2)
    few = queries_for_page()
    grow(10)
    assert queries_for_page() == few


# Templates ------------------------------------------------------------------------------------


def test_a_new_template_starts_from_the_municipalitys(english, bo_url, organisation, owner):
    english.force_login(owner)
    default = services.default_template("en")

    form = english.get(bo_url("agreement_template_create", organisation), {"language": "en"})

    assert form.context["form"].initial["introduction"] == default.introduction
    assert default.ending in form.content.decode()


def test_it_creates_edits_and_deletes_its_own_template(
    english, bo_url, organisation, owner, draft, own_template
):
    english.force_login(owner)
    create = bo_url("agreement_template_create", organisation)
    data = {
        "name": "Lektiehjælp",
        "language": "da",
        "introduction": "Velkommen.",
        "volunteer_expectations": "Mød op",
        "organisation_expectations": "Kaffe",
        "ending": "",
    }

    wrong = english.post(create, data)
    assert wrong.status_code == 400
    assert "Write how an agreement ends." in wrong.content.decode()
    assert "Lektiehjælp" in wrong.content.decode()
    english.post(create, {**data, "ending": "Sig til."})
    made = AgreementTemplate.objects.get(name="Lektiehjælp")
    assert made.organisation == organisation

    edit = bo_url("agreement_template_edit", organisation, made.pk)
    english.post(edit, {**data, "ending": "Skriv til os."})
    made.refresh_from_db()
    assert made.ending == "Skriv til os."

    draft.template = own_template
    draft.save(update_fields=["template"])
    ask = english.get(bo_url("agreement_template_delete", organisation, own_template.pk))
    assert "Delete “Besøgsven”?" in ask.content.decode()
    english.post(bo_url("agreement_template_delete", organisation, own_template.pk))
    assert not AgreementTemplate.objects.filter(pk=own_template.pk).exists()
    draft.refresh_from_db()
    assert draft.template is None and draft.task  # the agreement keeps its text


def test_the_municipalitys_templates_cannot_be_reached_by_id(client, bo_url, organisation, owner):
    client.force_login(owner)
    default = services.default_template("da")
    for name in ("agreement_template_edit", "agreement_template_delete"):
        assert client.get(bo_url(name, organisation, default.pk)).status_code == 404
        assert client.post(bo_url(name, organisation, default.pk)).status_code == 404
    with pytest.raises(services.AgreementError):
        services.delete_template(template=default)
