"""The ideas' stories: a citizen (the volunteer fixture) proposes, the central office (office
staff) routes and answers, the organisation's owner answers, a member only reads, and an
outsider (another organisation) sees nothing."""

import pytest

from frivillig.dialog.ideas import services


@pytest.fixture
def make_idea(volunteer, areas, places):
    def make(*, proposer=None, title="Højtlæsning i Nibe", may_publish=False, **fields):
        values = {
            "description": "Frivillige læser højt for ældre en gang om ugen.",
            "area": areas["aeldre"],
            "place": places["nibe"],
        }
        values.update(fields)
        return services.propose(
            proposer=proposer or volunteer, title=title, may_publish=may_publish, **values
        )

    return make


@pytest.fixture
def idea(make_idea):
    return make_idea()


@pytest.fixture
def routed_idea(idea, office_staff, organisation):
    return services.route(idea=idea, by=office_staff, organisation=organisation, note="Se her")


@pytest.fixture
def other_citizen(make_user):
    return make_user("anden.borger@example.dk", first_name="Anders", last_name="Anden")
