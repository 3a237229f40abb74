"""Demo expense claims for `seed_demo`: the rates per year, the central volunteer office, and
claims in every state, with associations and with municipal units, for the demo volunteers.

Everything goes through the expense services, so amounts, rates, the 20,000 km split and the
tax-free guard are what the product itself computes. Allowances are dated in 2024, whose
tax-free limits are recorded; driving and outlays in the current year when its rates are
recorded (else 2024 too). The demo log-ins can take the next step themselves:

- the demo volunteer has a draft to finish and claims waiting for an answer;
- the treasurer of her association (a log-in made here) has a claim whose telephone allowance
  would pass the year's tax-free limit, so the back office shows the guard;
- Plejecenter Fjordglimt's coordinator has a claim with a receipt to approve;
- the carnival's coordinator has approved, rejected and paid claims from the carnival's
  volunteers, and one to answer;
- the central volunteer office's admin sees the rates and the overview across organisations.

E-mails are not sent. Loading twice changes nothing."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from frivillig.engagements.demo import VOLUNTEER_LOGIN
from frivillig.engagements.models import Engagement
from frivillig.events.models import SignupStatus
from frivillig.expenses import rates, services
from frivillig.expenses.models import Claim, LineKind, Vehicle
from frivillig.notifications import emails
from frivillig.organisations.models import Organisation, OrganisationKind, Role
from frivillig.organisations.permissions import APPROVE_EXPENSES, roles_with
from frivillig.organisations.services import add_member

OFFICE_SLUG = "frivilligt-socialt-arbejde"
CARNIVAL_ORGANISATION = "karneval-i-aalborg"
# The year whose tax-free limits the shipped data file records.
ALLOWANCE_YEAR = 2024


@dataclass(frozen=True)
class Login:
    email: str
    password: str
    first_name: str
    last_name: str


# Demo-only password, printed by `seed_demo`; never use it anywhere real.
TREASURER = Login("kasserer@demo.frivillig.dk", "demo-kasserer-2026", "Hanne", "Thomsen")


def load() -> list[tuple[str, str, str]]:
    """Load the rates, mark the central office, and make the demo claims once; returns the
    log-ins to print (email, password, what)."""
    with emails.suppressed(), transaction.atomic():
        rates.load()
        _mark_office()
        demo_volunteer = _user(VOLUNTEER_LOGIN[0])
        association = _engagement_with(demo_volunteer, [OrganisationKind.ASSOCIATION])
        if association is None:
            return []
        treasurer = _treasurer(association.organisation)
        if not Claim.objects.exists():
            _load_claims(demo_volunteer, association, treasurer)
    description = f"kasserer / treasurer, {association.organisation.name} (udgifter / expenses)"
    return [(TREASURER.email, TREASURER.password, description)]


def _mark_office() -> None:
    # One office at most (a constraint); an instance that has chosen its own keeps it.
    if not Organisation.objects.filter(is_volunteer_office=True).exists():
        Organisation.objects.filter(slug=OFFICE_SLUG).update(is_volunteer_office=True)


def _user(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def _engagement_with(volunteer, kinds) -> Engagement | None:
    """The volunteer's first engagement with an organisation of one of `kinds`."""
    if volunteer is None:
        return None
    return (
        Engagement.objects.filter(volunteer=volunteer, organisation__kind__in=kinds)
        .select_related("organisation", "volunteer")
        .order_by("pk")
        .first()
    )


def _treasurer(organisation: Organisation):
    users = get_user_model().objects
    user = users.filter(email__iexact=TREASURER.email).first()
    if user is None:
        user = users.create_user(
            email=TREASURER.email,
            password=TREASURER.password,
            first_name=TREASURER.first_name,
            last_name=TREASURER.last_name,
        )
    add_member(organisation=organisation, user=user, role=Role.COORDINATOR)
    return user


def _approver(organisation: Organisation):
    """Someone who may approve the organisation's claims, or None."""
    return (
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=organisation.ancestor_ids(),
            memberships__role__in=roles_with(APPROVE_EXPENSES),
        )
        .order_by("pk")
        .first()
    )


# Dates and receipts --------------------------------------------------------------------------


def _driving_year(today: date) -> int:
    """The current year when its car rates are recorded: else the allowances' year."""
    known = rates.for_year(today.year)
    if known is not None and known.mileage_car_low is not None:
        return today.year
    return ALLOWANCE_YEAR


def _day(year: int, days_ago: int, today: date) -> date:
    """A day `days_ago` before today (or before the end of a past year), inside `year`."""
    end = today if year == today.year else date(year, 12, 31)
    return max(end - timedelta(days=days_ago), date(year, 1, 1))


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252")


def receipt_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a few lines of text, as a stand-in for a photographed receipt."""
    stream = b"BT /F1 11 Tf 24 170 Td 14 TL"
    for line in lines:
        stream += b" (" + _pdf_text(line) + b") '"
    stream += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 260 200] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    pdf += f"startxref\n{xref}\n%%EOF\n".encode()
    return pdf


# The claims ----------------------------------------------------------------------------------


class Claimant:
    """One volunteer's claim to one payer, line by line, through the services."""

    def __init__(self, volunteer, organisation, year: int, today: date, engagement=None):
        self.volunteer, self.today, self.year = volunteer, today, year
        self.claim = services.start_claim(
            volunteer=volunteer, organisation=organisation, year=year, engagement=engagement
        )

    def drive(self, days_ago, from_place, to_place, purpose, km, vehicle=Vehicle.CAR):
        services.add_mileage(
            claim=self.claim,
            volunteer=self.volunteer,
            date=_day(self.year, days_ago, self.today),
            from_place=from_place,
            to_place=to_place,
            purpose=purpose,
            km=km,
            vehicle=vehicle,
        )
        return self

    def outlay(self, days_ago, purpose, amount, shop):
        day = _day(self.year, days_ago, self.today)
        total = amount.replace(".", ",")
        pdf = receipt_pdf([shop, day.strftime("%d-%m-%Y"), purpose, f"I alt {total} kr."])
        services.add_outlay(
            claim=self.claim,
            volunteer=self.volunteer,
            date=day,
            purpose=purpose,
            amount=amount,
            receipt=SimpleUploadedFile("kvittering.pdf", pdf, content_type="application/pdf"),
        )
        return self

    def allowance(self, kind, day: date, purpose, amount):
        services.add_allowance(
            claim=self.claim,
            volunteer=self.volunteer,
            kind=kind,
            date=day,
            purpose=purpose,
            amount=amount,
        )
        return self

    def submit(self):
        services.submit(claim=self.claim, volunteer=self.volunteer)
        return self

    def approve(self, by):
        if by is not None:
            services.approve(claim=self.claim, by=by)
        return self

    def reject(self, by, reason):
        if by is not None:
            services.reject(claim=self.claim, by=by, reason=reason)
        return self

    def pay(self, by):
        if by is not None:
            services.mark_paid(claims=[self.claim], by=by)
        return self


def _load_claims(demo_volunteer, association: Engagement, treasurer) -> None:
    today = timezone.localdate()
    driving = _driving_year(today)
    _demo_volunteers(demo_volunteer, association, treasurer, driving, today)
    _carnival(driving, today)
    _others(driving, today)


def _demo_volunteers(volunteer, association: Engagement, treasurer, driving, today) -> None:
    """Her association: an approved telephone allowance, then one that would pass the limit
    (the guard), and a draft. Her municipal unit: a paid claim and one to approve."""
    org = association.organisation
    Claimant(volunteer, org, ALLOWANCE_YEAR, today, association).allowance(
        LineKind.PHONE,
        date(ALLOWANCE_YEAR, 6, 30),
        "Telefon og internet til telefonvagter, januar–juni",
        "1900.00",
    ).submit().approve(treasurer)
    Claimant(volunteer, org, ALLOWANCE_YEAR, today, association).allowance(
        LineKind.PHONE,
        date(ALLOWANCE_YEAR, 12, 20),
        "Telefon og internet til telefonvagter, juli–december",
        "900.00",
    ).allowance(
        LineKind.ADMINISTRATION,
        date(ALLOWANCE_YEAR, 12, 20),
        "Porto og papir til foreningens nyhedsbrev",
        "250.00",
    ).submit()
    Claimant(volunteer, org, driving, today, association).drive(
        6, "Vodskov", "Aalborg C", "Kursus for nye telefonvenner", "14.5"
    )
    municipal = _engagement_with(volunteer, OrganisationKind.municipal())
    if municipal is None:
        return
    unit, by = municipal.organisation, _approver(municipal.organisation)
    Claimant(volunteer, unit, driving, today, municipal).outlay(
        40, "Kage og kaffe til beboercaféen", "149.95", "Bageriet i Nibe"
    ).drive(
        40, "Nibe", "Plejecenter Fjordglimt", "Beboercafé", "9", Vehicle.BICYCLE
    ).submit().approve(by).pay(by)
    Claimant(volunteer, unit, driving, today, municipal).drive(
        12, "Nibe", "Plejecenter Fjordglimt", "Gåtur med beboer", "18.2"
    ).outlay(12, "Spil til hyggeeftermiddag", "89.00", "Legetøjsbutikken").submit()


def _carnival_volunteers(organisation: Organisation):
    """The carnival's volunteers with a confirmed place, who may claim from it."""
    return list(
        get_user_model()
        .objects.filter(
            email__endswith="@example.dk",
            shift_signups__shift__event__organisation=organisation,
            shift_signups__status=SignupStatus.CONFIRMED,
        )
        .distinct()
        .order_by("pk")[:4]
    )


def _carnival(driving, today) -> None:
    """A partner pays driving and outlays: approved, rejected, paid and one to answer."""
    org = Organisation.objects.filter(slug=CARNIVAL_ORGANISATION).first()
    if org is None:
        return
    by = _approver(org)
    people = _carnival_volunteers(org)
    plans = [
        lambda c: (
            c.drive(30, "Hals", "Aalborg C", "Planlægningsmøde for holdledere", "38")
            .submit()
            .approve(by)
        ),
        lambda c: (
            c.outlay(25, "Bus til planlægningsmøde", "48.00", "Nordjyllands Trafikselskab")
            .submit()
            .reject(
                by,
                "Kvitteringen viser ikke, hvem der har betalt. Send et billede af din egen "
                "kvittering, så ser vi på det igen.",
            )
        ),
        lambda c: (
            c.drive(20, "Gandrup", "Aalborg C", "Afhentning af veste og radioer", "27.5")
            .submit()
            .approve(by)
            .pay(by)
        ),
        lambda c: c.drive(3, "Nørresundby", "Aalborg C", "Opmåling af ruten", "6.4").submit(),
    ]
    for person, plan in zip(people, plans, strict=False):
        plan(Claimant(person, org, driving, today))


def _others(driving, today) -> None:
    """The other demo volunteers' own associations and units: claims waiting for an answer,
    and a draft."""
    engagements = (
        Engagement.objects.filter(volunteer__email__endswith="@example.dk")
        .select_related("organisation", "volunteer")
        .order_by("pk")
    )
    associations = [e for e in engagements if e.organisation.kind == OrganisationKind.ASSOCIATION]
    municipal = [e for e in engagements if e.organisation.is_municipal]
    for n, engagement in enumerate(associations[:3]):
        claim = Claimant(
            engagement.volunteer, engagement.organisation, driving, today, engagement
        ).drive(15 + n, "Hjemme", engagement.organisation.name[:120], "Træning", Decimal(12 + n))
        if n < 2:
            claim.submit()
    for n, engagement in enumerate(municipal[:2]):
        Claimant(engagement.volunteer, engagement.organisation, driving, today, engagement).outlay(
            10 + n, "Materialer til aktivitet", f"{120 + 35 * n}.50", "Føtex"
        ).submit()
