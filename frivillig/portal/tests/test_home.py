def test_it_shows_the_entry_point_without_log_in(client, make_opportunity, areas):
    make_opportunity("Besøgsven i Nibe", is_urgent=True)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="q"' in html
    assert "Besøgsven i Nibe" in html
    for area in areas.values():
        assert area.get_absolute_url() in html  # every area, also the empty ones
    assert "99 31 41 72" in html  # the volunteer office's contact


def test_it_counts_opportunities_per_area(client, make_opportunity, areas):
    make_opportunity(area_slugs=("aeldre", "boern"))
    make_opportunity(area_slugs=("aeldre",))
    counts = {a.slug: a.opportunity_count for a in client.get("/").context["areas"]}
    assert counts["aeldre"] == 2
    assert counts["boern"] == 1
    assert counts["beredskab"] == 0


def test_it_speaks_english_when_asked(client, make_opportunity):
    make_opportunity("Besøgsven", title_en="Visiting friend")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Visiting friend" in html
    assert "What would you like to do?" in html


def test_it_is_danish_by_default(client, db):
    html = client.get("/").content.decode()
    assert '<html lang="da">' in html
    assert "Hvad vil du lave?" in html
