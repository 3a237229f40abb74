from django.conf import settings

PATHS = {
    "/api/v1/areas",
    "/api/v1/places",
    "/api/v1/organisations",
    "/api/v1/organisations/{slug}",
    "/api/v1/opportunities",
    "/api/v1/opportunities/{slug}",
    "/api/v1/events",
    "/api/v1/events/{slug}",
    "/api/v1/events/{slug}/shifts",
    "/api/v1/shifts/{shift_id}/free",
    "/api/v1/framework",
    "/api/v1/agreements/verify",
    "/api/v1/expense-rates",
    "/api/v1/ideas",
    "/api/v1/consultations",
    "/api/v1/consultations/{slug}",
    "/api/v1/certificates/{code}",
    "/api/v1/award-rounds",
}


def test_it_serves_the_openapi_schema_with_every_path(client, db):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    public = {p for p in schema["paths"] if not p.startswith(("/api/v1/org/", "/api/v1/me"))}
    assert public == PATHS
    assert all(set(schema["paths"][p]) == {"get"} for p in PATHS)


def test_it_states_the_licence_and_the_municipality(client, db):
    info = client.get("/api/v1/openapi.json").json()["info"]

    assert info["title"] == "Frivilligportalen API"
    assert info["version"] == "1"
    assert info["license"]["name"] == "CC BY 4.0"
    assert "CC BY 4.0" in info["description"]
    assert settings.MUNICIPALITY["name"] in info["description"]


def test_it_documents_the_search_parameters(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/opportunities"]["get"]

    assert {p["name"] for p in operation["parameters"]} == {
        "q",
        "area",
        "town",
        "postal_code",
        "distance",
        "setting",
        "kind",
        "commitment",
        "suitable",
        "no_child_certificate",
        "sort",
        "page",
    }
    assert {"200", "400", "404"} <= set(operation["responses"])


def test_it_serves_the_interactive_docs(client, db):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_it_answers_unknown_addresses_with_json_404(client, db):
    response = client.get("/api/v1/findes-ikke", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"detail": "There is nothing at this address."}


def test_it_points_to_the_documentation_from_the_root(client, db):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    assert response.json() == {
        "title": "Frivilligportalen API",
        "version": "1",
        "licence": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        "docs": "http://testserver/api/v1/docs",
        "openapi": "http://testserver/api/v1/openapi.json",
    }
