import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4,5}|[A-Z0-9]{6,9})\s*$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts code requests and tries in the cache; each story starts afresh.
    cache.clear()
    yield
    cache.clear()
    # Requests in English leave English active in this thread; later tests expect Danish.
    translation.deactivate()


@pytest.fixture
def code_from_mail():
    """The code in the newest e-mail to `address`."""

    def read(address):
        message = [m for m in mail.outbox if address in m.to][-1]
        return CODE.search(message.body).group(1)

    return read
