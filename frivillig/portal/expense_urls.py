"""The volunteer's expense claims on "Min side"."""

from django.urls import path

from frivillig.portal.views import expenses

urlpatterns = [
    path("min-side/udgifter/", expenses.my_claims, name="my_claims"),
    path("min-side/udgifter/ny/", expenses.new_claim, name="new_claim"),
    path("min-side/udgifter/<int:pk>/", expenses.my_claim, name="my_claim"),
    path("min-side/udgifter/<int:pk>/koersel/", expenses.add_mileage, name="claim_add_mileage"),
    path("min-side/udgifter/<int:pk>/udlaeg/", expenses.add_outlay, name="claim_add_outlay"),
    path(
        "min-side/udgifter/<int:pk>/godtgoerelse/",
        expenses.add_allowance,
        name="claim_add_allowance",
    ),
    path("min-side/udgifter/<int:pk>/kostpenge/", expenses.add_meal, name="claim_add_meal"),
    path(
        "min-side/udgifter/<int:pk>/linjer/<int:line_pk>/fjern/",
        expenses.remove_line,
        name="claim_remove_line",
    ),
    path("min-side/udgifter/<int:pk>/indsend/", expenses.submit_claim, name="submit_claim"),
    path("min-side/udgifter/<int:pk>/slet/", expenses.delete_claim, name="delete_claim"),
    path(
        "min-side/udgifter/<int:pk>/kvitteringer/<int:line_pk>/",
        expenses.receipt,
        name="claim_receipt",
    ),
]
