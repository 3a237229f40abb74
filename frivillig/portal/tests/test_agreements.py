"""The volunteer's agreements on Min side (read, sign with the password or an e-mailed code,
download, end) and the public framework and verification pages.

Only the agreement's own volunteer sees it; the organisation's staff (owner, member), staff
of another organisation (outsider) and another volunteer all get a 404."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from frivillig.accounts import privacy
from frivillig.agreements import services
from frivillig.agreements.models import AgreementStatus, FrameworkVersion

PASSWORD = "kodeord-der-er-langt-nok"


def words(msgid, language="da"):
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.fixture
def sent(make_agreement, organisation, volunteer, coordinator):
    return make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)


@pytest.fixture
def signed_in(client, volunteer):
    client.force_login(volunteer)
    return client


def sign(agreement, volunteer, coordinator=None):
    agreement = services.sign_as_volunteer(
        agreement=agreement, volunteer=volunteer, ip="127.0.0.1", password=PASSWORD
    )
    if coordinator:
        agreement = services.countersign(agreement=agreement, by=coordinator, ip=None)
    return agreement


def detail_url(agreement, name="portal:my_agreement"):
    return reverse(name, args=[agreement.pk])


# --- The framework ---------------------------------------------------------------------------


def test_it_shows_the_current_framework_and_earlier_versions(client, framework):
    framework.body = "Hele strategien.\n\nAnden del."
    framework.save()
    older = FrameworkVersion.objects.create(
        version="2010",
        title="Den gamle strategi",
        adopted_on=datetime.date(2010, 5, 1),
        published=True,
        definition="Gammel definition.",
        openness="Gammel åbenhed.",
        agreements="Gamle aftaler.",
    )
    FrameworkVersion.objects.create(
        version="2030-udkast",
        title="Et udkast",
        adopted_on=datetime.date(2030, 1, 1),
        published=False,
        definition="-",
        openness="-",
        agreements="-",
    )
    response = client.get(reverse("portal:framework"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["shown"] == framework
    for text in (framework.title, framework.definition, framework.openness, "Anden del."):
        assert escape(text) in html
    assert response.context["earlier"] == [older]
    assert "Et udkast" not in html  # an unpublished version is nobody's business yet

    earlier = client.get(reverse("portal:framework"), {"version": "2010"})
    assert earlier.context["shown"] == older
    assert "Gammel definition." in earlier.content.decode()


def test_it_says_kindly_that_no_framework_is_published_yet(client, db):
    response = client.get(reverse("portal:framework"))
    assert response.status_code == 200
    assert response.context["shown"] is None
    assert reverse("portal:strategy") in response.content.decode()


def test_it_links_the_framework_from_every_page(client, db):
    assert reverse("portal:framework") in client.get("/").content.decode()


# --- Who may see an agreement ----------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "member", "outsider", "another_volunteer"])
@pytest.mark.parametrize(
    "name, method",
    [
        ("portal:my_agreement", "get"),
        ("portal:agreement_pdf", "get"),
        ("portal:end_agreement", "get"),
        ("portal:end_agreement", "post"),
        ("portal:sign_agreement", "post"),
        ("portal:agreement_code", "post"),
    ],
)
def test_it_shows_an_agreement_to_its_own_volunteer_only(
    client, sent, request, make_user, who, name, method
):
    user = make_user() if who == "another_volunteer" else request.getfixturevalue(who)
    client.force_login(user)
    data = {"password": PASSWORD, "accept": "on"} if method == "post" else None
    response = getattr(client, method)(detail_url(sent, name), data)
    assert response.status_code == 404
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.AWAITING_VOLUNTEER


def test_it_sends_a_stranger_to_the_log_in(client, sent):
    response = client.get(detail_url(sent))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client.get(reverse("portal:my_agreements")).status_code == 302


def test_it_hides_a_draft_from_the_volunteer(
    signed_in, make_agreement, organisation, volunteer, coordinator
):
    draft = make_agreement(
        organisation=organisation, volunteer=volunteer, by=coordinator, send=False
    )
    assert signed_in.get(detail_url(draft)).status_code == 404
    assert not signed_in.get(reverse("portal:my_agreements")).context["any"]


# --- The list --------------------------------------------------------------------------------


def test_it_groups_the_agreements_by_what_they_wait_for(
    signed_in, make_agreement, organisation, other_organisation, volunteer, coordinator, owner
):
    to_sign = make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)
    first = make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)
    first = sign(first, volunteer, coordinator)
    second = services.new_version(agreement=first, by=coordinator)
    second = services.send_for_signing(agreement=second, by=coordinator)
    second = sign(second, volunteer, coordinator)  # replaces the first
    waiting = sign(
        make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator), volunteer
    )
    ended = make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)
    services.end(agreement=ended, by=volunteer)

    response = signed_in.get(reverse("portal:my_agreements"))
    assert response.status_code == 200
    groups = {
        key: [row.agreement.pk for row in response.context[key]]
        for key in ("to_sign", "awaiting_organisation", "in_force", "ended")
    }
    assert groups == {
        "to_sign": [to_sign.pk],
        "awaiting_organisation": [waiting.pk],
        "in_force": [second.pk],
        "ended": sorted([first.pk, ended.pk], reverse=True),
    }
    html = response.content.decode()
    with translation.override("da"):
        replaces = translation.gettext("Replaces version %(version)s") % {"version": 1}
        replaced = translation.gettext("Replaced by version %(version)s") % {"version": 2}
    assert replaces in html and replaced in html


def test_it_lists_many_agreements_in_a_fixed_number_of_queries(
    signed_in, make_agreement, organisation, volunteer, coordinator
):
    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(reverse("portal:my_agreements")).status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            agreement = sign(
                make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator),
                volunteer,
                coordinator,
            )
            newer = services.new_version(agreement=agreement, by=coordinator)
            services.send_for_signing(agreement=newer, by=coordinator)

    add(1)
    few = queries_for_the_list()
    add(5)
    assert queries_for_the_list() == few


def test_min_side_counts_the_agreements_waiting_for_a_signature(
    signed_in, make_agreement, organisation, volunteer, coordinator
):
    for _ in range(2):
        make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator)
    response = signed_in.get(reverse("portal:my_page"))
    assert response.context["agreements_to_sign"] == 2
    assert reverse("portal:my_agreements") in response.content.decode()


# --- One agreement ---------------------------------------------------------------------------


def test_it_shows_the_frozen_text_exactly_with_its_code_and_hash(signed_in, sent):
    response = signed_in.get(detail_url(sent))
    html = response.content.decode()
    assert response.status_code == 200
    assert f">{escape(sent.rendered_text)}</div>" in html
    assert sent.code in html and sent.sha256 in html
    assert detail_url(sent, "portal:agreement_pdf") in html
    assert response.context["can_sign"] and response.context["uses_password"]
    assert 'name="password"' in html and 'name="accept"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_it_signs_with_the_password_and_the_tick(
    signed_in, sent, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            detail_url(sent, "portal:sign_agreement"), {"password": PASSWORD, "accept": "on"}
        )
    assert response.status_code == 302
    assert response["Location"] == detail_url(sent)
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.AWAITING_ORGANISATION
    assert sent.volunteer_signed_at is not None
    assert sent.volunteer_ip == "127.0.0.1"
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_it_records_the_connecting_address_not_a_forwarded_one(signed_in, sent):
    signed_in.post(
        detail_url(sent, "portal:sign_agreement"),
        {"password": PASSWORD, "accept": "on"},
        REMOTE_ADDR="10.1.2.3",
        HTTP_X_FORWARDED_FOR="8.8.8.8",
    )
    sent.refresh_from_db()
    assert sent.volunteer_ip == "10.1.2.3"


def test_it_refuses_to_sign_without_the_tick_and_keeps_the_code_typed(signed_in, sent):
    response = signed_in.post(
        detail_url(sent, "portal:sign_agreement"), {"password": PASSWORD, "code": "123456"}
    )
    assert response.status_code == 400
    assert "accept" in response.context["form"].errors
    html = response.content.decode()
    assert "alert-error" in html and 'value="123456"' in html
    sent.refresh_from_db()
    assert sent.volunteer_signed_at is None


def test_it_explains_a_wrong_password_and_keeps_the_tick(signed_in, sent):
    response = signed_in.post(
        detail_url(sent, "portal:sign_agreement"), {"password": "forkert", "accept": "on"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    html = response.content.decode()
    assert 'id="id_accept" value="on" checked' in html
    assert "forkert" not in html  # a password is never sent back
    sent.refresh_from_db()
    assert sent.volunteer_signed_at is None


def test_it_asks_for_the_password_when_nothing_is_typed(signed_in, sent):
    response = signed_in.post(detail_url(sent, "portal:sign_agreement"), {"accept": "on"})
    assert response.status_code == 400
    assert response.context["form"].errors["password"]


def test_someone_without_a_password_signs_with_a_code_from_the_e_mail(
    signed_in, sent, volunteer, django_capture_on_commit_callbacks
):
    volunteer.set_unusable_password()
    volunteer.save()
    signed_in.force_login(volunteer)  # a new password hash ends the old session
    html = signed_in.get(detail_url(sent)).content.decode()
    assert 'name="password"' not in html and 'name="code"' not in html
    assert detail_url(sent, "portal:agreement_code") in html

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(detail_url(sent, "portal:agreement_code"))
    assert response["Location"] == detail_url(sent) + "#sign"
    code = mail.outbox[-1].subject.split()[-1]
    assert mail.outbox[-1].to == [volunteer.email] and code.isdigit()

    page = signed_in.get(detail_url(sent))
    assert page.context["code_sent"] and 'name="code"' in page.content.decode()
    wrong = signed_in.post(
        detail_url(sent, "portal:sign_agreement"), {"code": "000000x", "accept": "on"}
    )
    assert wrong.status_code == 400 and wrong.context["form"].errors["code"]
    signed_in.post(detail_url(sent, "portal:sign_agreement"), {"code": code, "accept": "on"})
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.AWAITING_ORGANISATION


def test_a_second_click_on_sign_says_where_the_agreement_stands(signed_in, sent):
    url = detail_url(sent, "portal:sign_agreement")
    signed_in.post(url, {"password": PASSWORD, "accept": "on"})
    response = signed_in.post(url, {"password": PASSWORD, "accept": "on"}, follow=True)
    assert response.status_code == 200
    assert words("This agreement is not waiting for your signature.") in [
        str(m) for m in response.context["messages"]
    ]


def test_it_shows_an_agreement_in_force_with_both_signatures(
    signed_in, sent, volunteer, coordinator
):
    sign(sent, volunteer, coordinator)
    response = signed_in.get(detail_url(sent))
    html = response.content.decode()
    assert not response.context["can_sign"]
    assert 'name="accept"' not in html
    assert words("In force") in html
    assert coordinator.get_full_name() in html


def test_it_ends_an_agreement_after_a_confirmation_without_a_reason(
    signed_in, sent, volunteer, coordinator, django_capture_on_commit_callbacks
):
    sign(sent, volunteer, coordinator)
    page = signed_in.get(detail_url(sent, "portal:end_agreement"))
    assert page.status_code == 200
    assert "<textarea" not in page.content.decode()  # no reason asked for
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(detail_url(sent, "portal:end_agreement"))
    assert response["Location"] == reverse("portal:my_agreements")
    sent.refresh_from_db()
    assert sent.status == AgreementStatus.ENDED
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    again = signed_in.post(detail_url(sent, "portal:end_agreement"), follow=True)
    assert words("This agreement has already ended.") in [str(m) for m in again.context["messages"]]
    assert not signed_in.get(detail_url(sent)).context["can_end"]


# --- The PDF ---------------------------------------------------------------------------------


@pytest.mark.parametrize("signed", [False, True], ids=["not-signed", "signed"])
def test_it_downloads_the_pdf_signed_or_not(signed_in, sent, volunteer, coordinator, signed):
    if signed:
        sign(sent, volunteer, coordinator)
    response = signed_in.get(detail_url(sent, "portal:agreement_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="aftale-{sent.code}.pdf"'
    assert response.content.startswith(b"%PDF")


# --- Verification ----------------------------------------------------------------------------


def test_it_confirms_a_matching_text_without_personal_data(client, sent, volunteer, coordinator):
    signed = sign(sent, volunteer, coordinator)
    response = client.get(
        reverse("portal:verify_agreement"), {"code": signed.code.lower(), "sha256": signed.sha256}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["result"].matches
    assert words("The text matches") in html
    assert escape(signed.organisation.name) in html
    for personal in (
        volunteer.get_full_name(),
        volunteer.email,
        coordinator.get_full_name(),
        coordinator.email,
        "127.0.0.1",
    ):
        assert personal not in html


def test_it_says_when_the_text_does_not_match(client, sent):
    response = client.get(
        reverse("portal:verify_agreement"), {"code": sent.code, "sha256": "a" * 64}
    )
    assert response.status_code == 200
    assert not response.context["result"].matches
    assert words("The text does NOT match the document with this code") in (
        response.content.decode()
    )


def test_it_says_when_no_document_has_the_code(client, sent):
    response = client.get(
        reverse("portal:verify_agreement"), {"code": "ABCDEFGHJK", "sha256": sent.sha256}
    )
    assert response.status_code == 200
    assert response.context["looked_up"] and response.context["result"] is None
    assert words("No document has this code") in response.content.decode()


def test_it_checks_a_cooperation_agreement_too(
    client, make_cooperation, municipal_unit, organisation
):
    sent = services.send_cooperation(
        agreement=make_cooperation(municipal_unit=municipal_unit, partner=organisation), by=None
    )
    response = client.get(
        reverse("portal:verify_agreement"), {"code": sent.code, "sha256": sent.sha256.upper()}
    )
    assert response.context["result"].matches
    html = response.content.decode()
    assert escape(municipal_unit.name) in html and escape(organisation.name) in html


@pytest.mark.parametrize(
    "query, field",
    [
        ({"code": "ABC", "sha256": "xyz"}, "sha256"),
        ({"code": "ABC", "sha256": "a" * 63}, "sha256"),
        ({"code": "", "sha256": "a" * 64}, "code"),
        ({"code": "ABC"}, "sha256"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(client, db, query, field):
    response = client.get(reverse("portal:verify_agreement"), query)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not response.context["looked_up"]
    html = response.content.decode()
    assert "alert-error" in html
    if query.get("code"):
        assert f'value="{query["code"]}"' in html


def test_it_shows_an_empty_form_at_first(client, db):
    response = client.get(reverse("portal:verify_agreement"))
    assert response.status_code == 200
    assert not response.context["form"].is_bound and not response.context["looked_up"]


def test_the_volunteers_page_links_to_a_filled_in_verification(signed_in, sent):
    html = signed_in.get(detail_url(sent)).content.decode()
    link = f"{reverse('portal:verify_agreement')}?code={sent.code}&amp;sha256={sent.sha256}"
    assert link in html
    result = signed_in.get(link.replace("&amp;", "&")).context["result"]
    assert result.matches


# --- The copy of one's data ------------------------------------------------------------------


def test_the_data_export_lists_the_agreements_with_their_proof(
    sent, volunteer, coordinator, make_agreement, organisation
):
    make_agreement(organisation=organisation, volunteer=volunteer, by=coordinator, send=False)
    signed = sign(sent, volunteer, coordinator)
    data = privacy.export_user_data(user=volunteer)
    assert len(data["agreements"]) == 1  # a draft was never the volunteer's
    exported = data["agreements"][0]
    assert exported["status"] == AgreementStatus.SIGNED
    assert (exported["code"], exported["sha256"]) == (signed.code, signed.sha256)
    assert exported["volunteer_signed_at"] and exported["organisation_signed_at"]
    assert exported["organisation"] == organisation.name
