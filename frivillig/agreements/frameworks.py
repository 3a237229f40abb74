"""Loading a municipality's framework (its volunteer strategy) from a JSON file, so that every
municipality brings its own text as data: `manage.py load_framework path/to/file.json`.

The file holds one version: `version`, `title`, `adopted_on` (YYYY-MM-DD), `definition`,
`openness`, `agreements`, and optionally `body` (the full text or foreword) and `published`
(true unless given). Keys starting with "_" are notes for people and are ignored. See
`data/frivilligstrategi_2015.json`.

A version once loaded is never rewritten: agreements were made under its text, so a changed
strategy is a new version with its own number."""

import datetime
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from frivillig.agreements.models import FrameworkVersion

AALBORG_2015 = Path(__file__).parent / "data" / "frivilligstrategi_2015.json"

REQUIRED = ("version", "title", "adopted_on", "definition", "openness", "agreements")
TEXTS = ("version", "title", "definition", "openness", "agreements", "body")


class FrameworkFileError(Exception):
    """The file cannot be loaded; the message says why."""


def read(path: Path | str) -> dict:
    """The file's fields, checked, in the model's shape."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FrameworkFileError(f"{path}: cannot read a JSON object ({error}).") from None
    if not isinstance(raw, dict):
        raise FrameworkFileError(f"{path}: the file must hold one JSON object.")
    data = {key: value for key, value in raw.items() if not key.startswith("_")}
    unknown = sorted(set(data) - set(TEXTS) - {"adopted_on", "published"})
    missing = [key for key in REQUIRED if not data.get(key)]
    if unknown or missing:
        problems = [f"unknown keys: {', '.join(unknown)}"] if unknown else []
        problems += [f"missing keys: {', '.join(missing)}"] if missing else []
        raise FrameworkFileError(f"{path}: {'; '.join(problems)}.")
    for key in TEXTS:
        if not isinstance(data.get(key, ""), str):
            raise FrameworkFileError(f"{path}: “{key}” must be a text.")
    if not isinstance(data.get("published", True), bool):
        raise FrameworkFileError(f"{path}: “published” must be true or false.")
    try:
        adopted_on = datetime.date.fromisoformat(str(data["adopted_on"]))
    except ValueError:
        raise FrameworkFileError(f"{path}: write “adopted_on” as YYYY-MM-DD.") from None
    fields = {key: data.get(key, "").strip() for key in TEXTS}
    return {**fields, "adopted_on": adopted_on, "published": data.get("published", True)}


@transaction.atomic
def load(path: Path | str, *, publish: bool | None = None) -> tuple[FrameworkVersion, bool]:
    """Create the file's version, or find it already loaded with the same text. Returns
    (framework, created). `publish` overrides the file's `published`."""
    data = read(path)
    if publish is not None:
        data["published"] = publish
    existing = FrameworkVersion.objects.select_for_update().filter(version=data["version"]).first()
    if existing is None:
        framework = FrameworkVersion(**data)
        try:
            framework.full_clean()
        except ValidationError as error:
            raise FrameworkFileError(f"{path}: {error.messages}") from None
        framework.save()
        return framework, True
    changed = [key for key in (*TEXTS, "adopted_on") if getattr(existing, key) != data[key]]
    if changed:
        raise FrameworkFileError(
            f"Version {existing.version} is already loaded with a different "
            f"{', '.join(changed)}. Agreements were made under its text: give the changed "
            f"text a new version number."
        )
    if data["published"] and not existing.published:
        existing.published = True
        existing.save(update_fields=["published"])
    return existing, False
