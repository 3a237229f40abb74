from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email)
        return super()._create_user(username or email, email, password, **extra_fields)

    def create_user(self, username=None, email=None, password=None, **extra_fields):
        return super().create_user(username or email, email, password, **extra_fields)

    def create_superuser(self, username=None, email=None, password=None, **extra_fields):
        return super().create_superuser(username or email, email, password, **extra_fields)


class User(AbstractUser):
    """A person: a citizen, a volunteer or staff. People sign in with their e-mail address."""

    email = models.EmailField(_("e-mail address"))

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email


class VolunteerProfile(models.Model):
    """What a volunteer tells about themselves to find fitting work. Never a CPR number:
    the birth year is enough for age requirements."""

    user = models.OneToOneField(User, models.CASCADE, related_name="profile")
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    interests = models.ManyToManyField("catalog.Area", blank=True, verbose_name=_("interests"))
    available_weekdays = models.BooleanField(_("weekdays (daytime)"), default=False)
    available_evenings = models.BooleanField(_("evenings"), default=False)
    available_weekends = models.BooleanField(_("weekends"), default=False)
    wants_one_off = models.BooleanField(_("one-off tasks"), default=True)
    wants_recurring = models.BooleanField(_("recurring tasks"), default=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    skills = models.TextField(_("skills"), max_length=1000, blank=True)
    has_driving_licence = models.BooleanField(_("driving licence"), default=False)
    open_to_contact = models.BooleanField(
        _("other organisations with fitting needs may contact me"), default=False
    )
    language = models.CharField(
        _("language for e-mails"),
        max_length=2,
        default="da",
        choices=[("da", "Dansk"), ("en", "English")],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(postal_code="") | models.Q(postal_code__regex=r"^[0-9]{4}$"),
                name="profile_postal_code_4_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=1900, birth_year__lte=2100),
                name="profile_birth_year_sane",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["da", "en"]), name="profile_language_valid"
            ),
        ]

    def __str__(self):
        return str(self.user)

    def age_in(self, year: int) -> int | None:
        """The age the person turns in `year`; without a birth date this is as exact as a
        birth year allows, and it errs on the side of letting people apply."""
        return None if self.birth_year is None else year - self.birth_year


class PersonalDataAction(models.TextChoices):
    READ = "read", _("Read")
    CHANGE = "change", _("Change")


class PersonalDataRead(models.Model):
    """A member of staff looked at, or changed, a volunteer's personal data in the back office
    or API. One log for both, so the volunteer and the central office see one timeline."""

    staff = models.ForeignKey(User, models.SET_NULL, null=True, related_name="+")
    volunteer = models.ForeignKey(User, models.CASCADE, related_name="personal_data_reads")
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="personal_data_reads"
    )
    what = models.CharField(max_length=100)
    action = models.CharField(
        max_length=6, choices=PersonalDataAction.choices, default=PersonalDataAction.READ
    )
    read_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-read_at"]
        verbose_name = _("read or change of personal data")
        verbose_name_plural = _("reads and changes of personal data")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=PersonalDataAction.values),
                name="personal_data_action_valid",
            )
        ]

    def __str__(self):
        return f"{self.staff} → {self.volunteer} ({self.what})"
