"""/kommune/ has one door: every route, whoever wrote it, is wrapped in
coordination.access.municipal_view, sends a stranger to log in and gives an association's
administrator a 404, as if the pages did not exist."""

import uuid

from django.urls import URLPattern, URLResolver, reverse

from frivillig.coordination import urls

# Any value the converter accepts will do: the door answers before a view looks anything up.
EXAMPLES = {
    "int": 1,
    "slug": "eksempel",
    "str": "eksempel",
    "path": "eksempel",
    "uuid": uuid.uuid4(),
}


def routes(patterns=None, converters=None):
    """(name, kwargs, callback) for every pattern, the included ones too."""
    for pattern in urls.urlpatterns if patterns is None else patterns:
        found = {**(converters or {}), **pattern.pattern.converters}
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, found)
        else:
            assert isinstance(pattern, URLPattern)
            yield pattern.name, found, pattern.callback


def _path(name, converters):
    kwargs = {}
    for key, converter in converters.items():
        kind = type(converter).__name__.removesuffix("Converter").lower()
        kwargs[key] = EXAMPLES.get(kind, "eksempel")
    return reverse(f"coordination:{name}", kwargs=kwargs)


def all_paths():
    return [_path(name, converters) for name, converters, _view in routes()]


def test_it_finds_the_routes():
    names = {name for name, _kw, _view in routes()}
    assert {"directory", "audit_log", "audit_log_csv"} <= names


def test_it_has_every_route_named_and_wrapped_in_the_municipal_door():
    for name, _kwargs, view in routes():
        assert name, view
        assert getattr(view, "municipal_scoped", False), name


def test_it_sends_a_stranger_to_log_in_everywhere(client, db):
    for path in all_paths():
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, path
            assert response["Location"].startswith(reverse("account_login")), path


def test_it_gives_an_association_admin_404_everywhere(client, owner):
    client.force_login(owner)
    for path in all_paths():
        assert client.get(path).status_code == 404, path
        assert client.post(path).status_code == 404, path


def test_it_keeps_office_only_pages_from_a_unit_coordinator(client, unit_coordinator):
    client.force_login(unit_coordinator)
    for name, converters, view in routes():
        if view.office_only:
            path = _path(name, converters)
            assert client.get(path).status_code == 404, path
            assert client.post(path).status_code == 404, path
