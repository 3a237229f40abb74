"""Styled error pages that keep the site's look and language, and never reveal internals."""

from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context on purpose: whatever broke may be in there.
    from django.template import loader
    from django.http import HttpResponseServerError

    return HttpResponseServerError(loader.get_template("500.html").render())
