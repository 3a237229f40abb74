import pytest


@pytest.fixture
def get_json(client):
    """GET an API address; returns (status, body). `lang` sets Accept-Language."""

    def get(path, data=None, lang=None):
        headers = {"HTTP_ACCEPT_LANGUAGE": lang} if lang else {}
        response = client.get(path, data, **headers)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, response.json()

    return get
