"""Styled error pages that keep the site's look and language, and never reveal internals."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request context on purpose: whatever broke may be in there.
    return HttpResponseServerError(loader.get_template("500.html").render())
