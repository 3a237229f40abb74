"""Pages of information: how to start, the strategy, accessibility and privacy."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse


def how_to(request):
    return render(request, "portal/how_to.html", {"nav": "how_to"})


def strategy(request):
    return render(request, "portal/strategy.html", {"nav": "strategy"})


def get_involved(request):
    return render(request, "portal/get_involved.html", {"nav": "get_involved"})


def accessibility(request):
    return render(request, "portal/accessibility.html")


def privacy(request):
    return render(request, "portal/privacy.html")


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /org/",
        "Disallow: /i18n/",
        f"Sitemap: {settings.SITE_URL}{reverse('portal:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
