import pytest

from frivillig.accounts.models import VolunteerProfile


@pytest.fixture
def notice():
    """What a caller of notify() passes: an existing e-mail template and its context."""

    def make(title="Besøgsven", url="https://frivillig.example.dk/x/"):
        return {
            "template": "application_reminder",
            "context": {
                "opportunity": {"title": title},
                "days": 3,
                "backoffice_url": "/org/x/",
                "url": url,
            },
        }

    return make


@pytest.fixture
def english_volunteer(make_user):
    user = make_user("english@example.dk", first_name="Emma")
    VolunteerProfile.objects.create(user=user, language="en")
    return user
