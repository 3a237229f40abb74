"""Back-office routes for messages between a volunteer and an organisation; composed into
backoffice.urls (see its docstring).

PK_MODELS says which model each route's `pk` belongs to (read by backoffice/tests/routes.py)."""

from django.urls import path

from frivillig.backoffice.views import messages
from frivillig.dialog.messaging.models import Thread

account_urlpatterns = []

_THREADS = "<slug:slug>/beskeder/"

organisation_urlpatterns = [
    path(_THREADS, messages.thread_list, name="thread_list"),
    path(f"{_THREADS}ny/", messages.thread_new, name="thread_new"),
    path(f"{_THREADS}<int:pk>/", messages.thread_detail, name="thread_detail"),
]

PK_MODELS = {"thread_detail": Thread}
