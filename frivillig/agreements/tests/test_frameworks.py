"""Another municipality loads its own framework from a JSON file with `load_framework`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from frivillig.agreements import frameworks
from frivillig.agreements.models import FrameworkVersion

OWN = {
    "_note": "Noter til mennesker ignoreres.",
    "version": "2024",
    "title": "Frivillighedspolitik for Eksempel Kommune",
    "adopted_on": "2024-03-01",
    "definition": "En frivillig er ulønnet, utvungen og organiseret.",
    "openness": "Det skal være let at være frivillig.",
    "agreements": "Politikken er rammen for lokale aftaler.",
}


@pytest.fixture
def write(tmp_path):
    def write(data, name="politik.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_framework", *args, stdout=out)
    return out.getvalue()


def test_it_loads_and_publishes_a_municipalitys_own_framework(db, write):
    printed = load(write(OWN))

    framework = FrameworkVersion.current()
    assert (framework.version, framework.title) == ("2024", OWN["title"])
    assert framework.adopted_on.isoformat() == "2024-03-01"
    assert framework.body == ""
    assert "Loaded" in printed and "published" in printed


def test_it_loads_aalborgs_2015_strategy_by_default(db):
    load()

    assert FrameworkVersion.current().version == "2015"


def test_loading_the_same_file_again_changes_nothing(db, write):
    path = write(OWN)
    load(path)

    assert "Already loaded" in load(path)
    assert FrameworkVersion.objects.count() == 1


def test_it_can_load_a_version_without_publishing_it_yet(db, write):
    path = write(OWN)
    load(path, "--no-publish")
    assert FrameworkVersion.current() is None

    load(path, "--publish")
    assert FrameworkVersion.current().version == "2024"


def test_it_never_rewrites_a_loaded_version(db, write):
    load(write(OWN))

    with pytest.raises(CommandError, match="new version number"):
        load(write({**OWN, "definition": "Noget andet."}, "ny.json"))
    assert FrameworkVersion.objects.get().definition == OWN["definition"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({k: v for k, v in OWN.items() if k != "openness"}, "missing keys: openness"),
        ({**OWN, "forord": "…"}, "unknown keys: forord"),
        ({**OWN, "adopted_on": "1. marts 2024"}, "YYYY-MM-DD"),
        ({**OWN, "title": ["liste"]}, "must be a text"),
        ({**OWN, "published": "ja"}, "true or false"),
        ([OWN], "one JSON object"),
    ],
)
def test_it_explains_what_is_wrong_with_a_file(db, write, data, message):
    with pytest.raises(CommandError, match=message):
        load(write(data))
    assert not FrameworkVersion.objects.exists()


def test_it_explains_a_file_that_is_not_json(db, tmp_path):
    path = tmp_path / "politik.json"
    path.write_text("ikke json", encoding="utf-8")

    with pytest.raises(frameworks.FrameworkFileError, match="cannot read"):
        frameworks.load(path)
