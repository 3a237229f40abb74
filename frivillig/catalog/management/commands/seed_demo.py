import time

from django.core.management.base import BaseCommand, CommandError

from frivillig.activity import demo as activity_demo
from frivillig.agreements import demo as agreements_demo
from frivillig.agreements.models import CooperationAgreement, IndividualAgreement
from frivillig.catalog.demo.loader import LOGINS, load_demo
from frivillig.catalog.demo.scale import add_generated
from frivillig.catalog.models import Area, Opportunity, Place
from frivillig.dialog.announcements import demo as announcements_demo
from frivillig.dialog.consultations import demo as consultations_demo
from frivillig.dialog.consultations.models import Consultation
from frivillig.dialog.feedback import demo as feedback_demo
from frivillig.dialog.ideas import demo as ideas_demo
from frivillig.dialog.ideas.models import Idea
from frivillig.dialog.messaging import demo as messaging_demo
from frivillig.dialog.messaging.models import Message
from frivillig.engagements.demo import load_demo_volunteers, verify_demo_logins
from frivillig.engagements.models import Application
from frivillig.events import demo as events_demo
from frivillig.events.models import Event, Shift
from frivillig.expenses import demo as expenses_demo
from frivillig.expenses.models import Claim
from frivillig.notifications import demo as notifications_demo
from frivillig.notifications import emails
from frivillig.organisations import demo as onboarding_demo
from frivillig.organisations.models import Organisation
from frivillig.recognition import demo as recognition_demo
from frivillig.recognition.models import Certificate


class Command(BaseCommand):
    help = (
        "Load the Aalborg demo: areas, towns, organisations, published opportunities and "
        "demo log-ins. Safe to run again. With --scale N, also add N generated "
        "opportunities for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="add N generated published opportunities (bulk insert)",
        )
        parser.add_argument(
            "--scale-organisations",
            type=int,
            default=None,
            metavar="M",
            help="generated organisations to add with --scale (default N // 50)",
        )
        parser.add_argument(
            "--scale-volunteers",
            type=int,
            default=0,
            metavar="N",
            help="add N generated volunteers with profiles, applications and engagements "
            "(PostgreSQL)",
        )
        parser.add_argument(
            "--scale-hours",
            type=int,
            default=0,
            metavar="M",
            help="with --scale-volunteers, add M confirmed shift sign-ups with hours",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed for the generated opportunities"
        )

    def handle(
        self,
        *args,
        scale,
        scale_organisations,
        scale_volunteers,
        scale_hours,
        seed,
        verbosity,
        **options,
    ):
        if scale < 0 or (scale_organisations is not None and scale_organisations < 0):
            raise CommandError("--scale and --scale-organisations cannot be negative.")
        out = self.stdout.write if verbosity > 0 else (lambda *args: None)
        started = time.perf_counter()
        summary = load_demo()
        # The demo's applications go through the real services; their e-mails are not sent
        # (nobody is reading the console yet, and no worker should send them later).
        with emails.suppressed():
            volunteer_logins = load_demo_volunteers()
            event_logins = events_demo.load()
            event_logins = event_logins + agreements_demo.load()  # no new log-ins so far
            event_logins = event_logins + expenses_demo.load()  # rates, office, claims
            event_logins = event_logins + onboarding_demo.load()  # requests to join
            event_logins = event_logins + ideas_demo.load()  # two ideas, one public
            event_logins = event_logins + messaging_demo.load()  # a conversation
            event_logins = event_logins + notifications_demo.load()  # digest choices
            event_logins = event_logins + announcements_demo.load()  # no log-ins
            event_logins = event_logins + consultations_demo.load()  # consultations
            event_logins = event_logins + feedback_demo.load()  # courses, network, feedback
            event_logins = event_logins + recognition_demo.load()  # thanks, bevis, award
        verify_demo_logins([login.email for login in LOGINS] + [e for e, _p, _d in event_logins])
        out(
            f"Demo: {summary.organisations_created} organisationer og "
            f"{summary.opportunities_created} opgaver oprettet / organisations and "
            f"opportunities created ({time.perf_counter() - started:.1f} s)."
        )
        if scale:
            started = time.perf_counter()
            add_generated(opportunities=scale, organisations=scale_organisations, seed=seed)
            out(
                f"Genereret / generated: {scale} opgaver / opportunities "
                f"({time.perf_counter() - started:.1f} s)."
            )
        if scale_volunteers:
            from frivillig.events.demo_scale import add_people_and_hours

            started = time.perf_counter()
            add_people_and_hours(volunteers=scale_volunteers, hours=scale_hours, seed=seed, out=out)
            out(
                f"Genereret / generated: {scale_volunteers} frivillige / volunteers, "
                f"{scale_hours} timeregistreringer / hour records "
                f"({time.perf_counter() - started:.1f} s)."
            )
        activity_demo.load()  # monthly totals and the people snapshot, after every generator
        if verbosity > 0:
            self._print_summary(out, volunteer_logins + event_logins)

    def _print_summary(self, out, volunteer_logins):
        organisations = Organisation.objects
        out("")
        out(self.style.MIGRATE_HEADING("Frivilligportalen – demodata / demo data"))
        out(f"  Fagområder / areas:                {Area.objects.count()}")
        out(f"  Byer / towns:                      {Place.objects.count()}")
        out(
            f"  Organisationer / organisations:    {organisations.count()} "
            f"({organisations.filter(is_approved=False).count()} afventer godkendelse / "
            f"awaiting approval)"
        )
        out(f"  Synlige opgaver / visible opportunities: {Opportunity.objects.visible().count()}")
        out(f"  Ansøgninger / applications:        {Application.objects.count()}")
        out(
            f"  Arrangementer / events:            {Event.objects.count()} "
            f"({Shift.objects.count()} vagter / shifts)"
        )
        out(
            f"  Aftaler / agreements:              {IndividualAgreement.objects.count()} "
            f"individuelle / individual, {CooperationAgreement.objects.count()} "
            f"samarbejdsaftaler / cooperation"
        )
        out(f"  Udgiftsbilag / expense claims:     {Claim.objects.count()}")
        out(
            f"  Dialog / dialogue:                 {Message.objects.count()} beskeder / "
            f"messages, {Idea.objects.count()} idéer / ideas, {Consultation.objects.count()} "
            f"høringer / consultations, {Certificate.objects.count()} frivilligbeviser"
        )
        hidden = Event.objects.filter(slug=events_demo.PARTY_SLUG).first()
        if hidden is not None:
            link = f"/arrangementer/{hidden.slug}/?s={hidden.secret}"
            out(f"  Skjult arrangement / hidden event: {link}")
        out("")
        out(
            self.style.MIGRATE_HEADING(
                "Log-ins – KUN TIL DEMO / DEMO ONLY, never use these passwords for real"
            )
        )
        for login in LOGINS:
            out(f"  {login.email:<36} {login.password:<20} {login.description}")
        for email, password, description in volunteer_logins:
            out(f"  {email:<36} {password:<20} {description}")
        out("")
        out(
            "  Log ind / log in: http://127.0.0.1:8000/konto/login/  ·  "
            "administration / back office: /org/  ·  Django admin: /admin/"
        )
