"""What a payer may pay, decided by its kind and its own policy, with the reasons in words.

An association may pay an unpaid volunteer tax-free flat allowances within the yearly limits
and mileage at most at the state's rates (ligningsloven § 7 M). A municipal unit is not an
association: it reimburses documented outlays, and mileage as the municipality decides
(EXPENSES_MUNICIPAL_MILEAGE_RATE: the state's rates, or a fixed rate).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from frivillig.expenses.models import FLAT_ALLOWANCES, LineKind, PayerPolicy, YearRates
from frivillig.organisations.models import OrganisationKind


@dataclass(frozen=True)
class Payer:
    organisation: object
    pays_mileage: bool
    pays_outlays: bool
    pays_flat_allowances: bool
    note: str

    @property
    def is_association(self) -> bool:
        return self.organisation.kind == OrganisationKind.ASSOCIATION

    def allowed_kinds(self) -> list[str]:
        kinds = []
        if self.pays_mileage:
            kinds.append(LineKind.MILEAGE)
        if self.pays_outlays:
            kinds.append(LineKind.OUTLAY)
        if self.pays_flat_allowances:
            kinds.extend(FLAT_ALLOWANCES)
        return kinds

    def explanation(self) -> list[str]:
        lines = []
        if self.is_association:
            lines.append(
                _(
                    "%(org)s is an association. It may pay you tax-free flat amounts for "
                    "telephone and internet, administration, special clothing and meals at "
                    "events, each up to a yearly limit set by the tax authorities, and driving "
                    "at most at the state's rate per km. If the yearly limits are passed, all "
                    "the flat amounts become taxable income, so the organisation checks them "
                    "before it approves."
                )
                % {"org": self.organisation.name}
            )
        else:
            lines.append(
                _(
                    "%(org)s is part of the municipality. It reimburses expenses you can "
                    "document with a receipt, and driving per km; it does not pay flat "
                    "amounts."
                )
                % {"org": self.organisation.name}
            )
        if not self.pays_mileage:
            lines.append(_("This organisation does not pay for driving."))
        if not self.pays_outlays:
            lines.append(_("This organisation does not reimburse outlays."))
        if self.note:
            lines.append(self.note)
        return lines

    def mileage_rates(self, rates: YearRates | None, vehicle: str):
        """(rate up to 20,000 km, rate above) for `vehicle`, or None when not known."""
        if rates is None:
            return None
        if vehicle == "bicycle":
            rate = rates.mileage_bicycle
            return (rate, rate) if rate is not None else None
        fixed = settings.EXPENSES_MUNICIPAL_MILEAGE_RATE
        if not self.is_association and fixed != "state":
            rate = Decimal(fixed)
            return rate, rate
        if rates.mileage_car_low is None or rates.mileage_car_high is None:
            return None
        return rates.mileage_car_low, rates.mileage_car_high


def payer_for(organisation) -> Payer:
    policy = PayerPolicy.objects.filter(organisation=organisation).first()
    association = organisation.kind == OrganisationKind.ASSOCIATION
    return Payer(
        organisation=organisation,
        pays_mileage=policy.pays_mileage if policy else True,
        pays_outlays=policy.pays_outlays if policy else True,
        # Only an association may pay flat allowances tax-free; a policy cannot change that.
        pays_flat_allowances=association and (policy.pays_flat_allowances if policy else True),
        note=policy.note if policy else "",
    )


LIMIT_FIELDS = {
    LineKind.PHONE: "phone_internet_limit",
    LineKind.ADMINISTRATION: "administration_limit",
    LineKind.CLOTHING: "special_clothing_limit",
}


def save_policy(
    *,
    organisation,
    by,
    pays_mileage: bool,
    pays_outlays: bool,
    pays_flat_allowances: bool,
    note: str,
) -> PayerPolicy:
    """The payer's own choices within what its kind allows (payer_for enforces the kind)."""
    from frivillig.expenses.services import ClaimError
    from frivillig.organisations.permissions import APPROVE_EXPENSES, user_can

    if not user_can(by, organisation, APPROVE_EXPENSES):
        raise ClaimError(_("You cannot change the expense policy of this organisation."))
    policy, _created = PayerPolicy.objects.update_or_create(
        organisation=organisation,
        defaults={
            "pays_mileage": pays_mileage,
            "pays_outlays": pays_outlays,
            "pays_flat_allowances": pays_flat_allowances
            and organisation.kind == OrganisationKind.ASSOCIATION,
            "note": note.strip(),
        },
    )
    return policy
