from django.conf import settings


def municipality(request):
    return {
        "municipality": settings.MUNICIPALITY,
        "site_url": settings.SITE_URL,
        "demo_mode": settings.DEMO_MODE,
    }
