"""Back-office routes for agreements, cooperation agreements and qualifications; composed
into backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.agreements.models import (
    AgreementTemplate,
    CooperationAgreement,
    IndividualAgreement,
)
from frivillig.backoffice.views import agreements, cooperation, qualifications
from frivillig.engagements.models import (
    Application,
    Engagement,
    QualificationPolicy,
    QualificationRecord,
    QualificationType,
)

organisation_urlpatterns = [
    path("<slug:slug>/aftaler/", agreements.agreement_list, name="agreement_list"),
    path("<slug:slug>/aftaler/<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path(
        "<slug:slug>/frivillige/<int:pk>/ny-aftale/",
        agreements.agreement_create,
        name="agreement_create",
    ),
    path("<slug:slug>/aftaler/<int:pk>/rediger/", agreements.agreement_edit, name="agreement_edit"),
    path("<slug:slug>/aftaler/<int:pk>/send/", agreements.agreement_send, name="agreement_send"),
    path(
        "<slug:slug>/aftaler/<int:pk>/underskriv/",
        agreements.agreement_countersign,
        name="agreement_countersign",
    ),
    path(
        "<slug:slug>/aftaler/<int:pk>/ny-version/",
        agreements.agreement_new_version,
        name="agreement_new_version",
    ),
    path("<slug:slug>/aftaler/<int:pk>/afslut/", agreements.agreement_end, name="agreement_end"),
    path("<slug:slug>/aftaler/<int:pk>/pdf/", agreements.agreement_pdf, name="agreement_pdf"),
    path(
        "<slug:slug>/aftaler/skabeloner/",
        agreements.template_list,
        name="agreement_template_list",
    ),
    path(
        "<slug:slug>/aftaler/skabeloner/ny/",
        agreements.template_create,
        name="agreement_template_create",
    ),
    path(
        "<slug:slug>/aftaler/skabeloner/<int:pk>/",
        agreements.template_edit,
        name="agreement_template_edit",
    ),
    path(
        "<slug:slug>/aftaler/skabeloner/<int:pk>/slet/",
        agreements.template_delete,
        name="agreement_template_delete",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/",
        cooperation.cooperation_detail,
        name="cooperation_detail",
    ),
    # Local cooperation agreements (views/cooperation.py)
    path("<slug:slug>/samarbejdsaftaler/", cooperation.cooperation_list, name="cooperation_list"),
    path(
        "<slug:slug>/samarbejdsaftaler/ny/",
        cooperation.cooperation_create,
        name="cooperation_create",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/rediger/",
        cooperation.cooperation_edit,
        name="cooperation_edit",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/send/",
        cooperation.cooperation_send,
        name="cooperation_send",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/underskriv/",
        cooperation.cooperation_sign,
        name="cooperation_sign",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/ny-version/",
        cooperation.cooperation_new_version,
        name="cooperation_new_version",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/afslut/",
        cooperation.cooperation_end,
        name="cooperation_end",
    ),
    path(
        "<slug:slug>/samarbejdsaftaler/<int:pk>/pdf/",
        cooperation.cooperation_pdf,
        name="cooperation_pdf",
    ),
    # Qualifications (views/qualifications.py)
    path(
        "<slug:slug>/kvalifikationer/",
        qualifications.qualification_overview,
        name="qualification_overview",
    ),
    path(
        "<slug:slug>/kvalifikationer/typer/ny/",
        qualifications.qualification_type_create,
        name="qualification_type_create",
    ),
    path(
        "<slug:slug>/kvalifikationer/typer/<int:pk>/",
        qualifications.qualification_type_edit,
        name="qualification_type_edit",
    ),
    path(
        "<slug:slug>/kvalifikationer/regler/ny/",
        qualifications.qualification_policy_create,
        name="qualification_policy_create",
    ),
    path(
        "<slug:slug>/kvalifikationer/regler/<int:pk>/fjern/",
        qualifications.qualification_policy_remove,
        name="qualification_policy_remove",
    ),
    path(
        "<slug:slug>/kvalifikationer/genchek/",
        qualifications.qualification_rechecks,
        name="qualification_rechecks",
    ),
    path(
        "<slug:slug>/kvalifikationer/<int:pk>/",
        qualifications.qualification_record_edit,
        name="qualification_record_edit",
    ),
    path(
        "<slug:slug>/frivillige/<int:pk>/kvalifikationer/",
        qualifications.engagement_qualifications,
        name="engagement_qualifications",
    ),
    path(
        "<slug:slug>/ansoegninger/<int:pk>/kvalifikationer/",
        qualifications.application_qualifications,
        name="application_qualifications",
    ),
]
PK_MODELS = {
    "agreement_detail": IndividualAgreement,
    "agreement_create": Engagement,
    "agreement_edit": IndividualAgreement,
    "agreement_send": IndividualAgreement,
    "agreement_countersign": IndividualAgreement,
    "agreement_new_version": IndividualAgreement,
    "agreement_end": IndividualAgreement,
    "agreement_pdf": IndividualAgreement,
    "agreement_template_edit": AgreementTemplate,
    "agreement_template_delete": AgreementTemplate,
    "cooperation_detail": CooperationAgreement,
    "cooperation_edit": CooperationAgreement,
    "cooperation_send": CooperationAgreement,
    "cooperation_sign": CooperationAgreement,
    "cooperation_new_version": CooperationAgreement,
    "cooperation_end": CooperationAgreement,
    "cooperation_pdf": CooperationAgreement,
    "qualification_type_edit": QualificationType,
    "qualification_policy_remove": QualificationPolicy,
    "qualification_record_edit": QualificationRecord,
    "engagement_qualifications": Engagement,
    "application_qualifications": Application,
}
