"""Back-office routes for expense claims; composed into backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import expenses
from frivillig.expenses.models import Claim, ClaimLine

account_urlpatterns = []

_CLAIMS = "<slug:slug>/udgifter/"

organisation_urlpatterns = [
    path(_CLAIMS, expenses.claim_list, name="claim_list"),
    path(f"{_CLAIMS}betalt/", expenses.claim_mark_paid, name="claim_mark_paid"),
    path(f"{_CLAIMS}eksport/", expenses.claim_export, name="claim_export"),
    path(f"{_CLAIMS}politik/", expenses.expense_policy, name="expense_policy"),
    path(f"{_CLAIMS}<int:pk>/", expenses.claim_detail, name="claim_detail"),
    path(f"{_CLAIMS}<int:pk>/godkend/", expenses.claim_approve, name="claim_approve"),
    path(
        f"{_CLAIMS}<int:pk>/godkend-resten/",
        expenses.claim_approve_remaining,
        name="claim_approve_remaining",
    ),
    path(f"{_CLAIMS}<int:pk>/afvis/", expenses.claim_reject, name="claim_reject"),
    path(f"{_CLAIMS}<int:pk>/opgoerelse.pdf", expenses.claim_statement, name="claim_statement"),
    path(f"{_CLAIMS}kvitteringer/<int:pk>/", expenses.claim_receipt, name="claim_receipt"),
]

PK_MODELS = {
    "claim_detail": Claim,
    "claim_approve": Claim,
    "claim_approve_remaining": Claim,
    "claim_reject": Claim,
    "claim_statement": Claim,
    "claim_receipt": ClaimLine,
}
