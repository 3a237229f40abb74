"""Danish is the default and English is complete: no string may be left untranslated."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = ("da", "en")

EXTRACT = """
import sys
import django
from django.conf import settings
settings.configure(USE_I18N=True, LOCALE_PATHS=[sys.argv[1] + "/locale"], INSTALLED_APPS=[])
django.setup()
from django.core.management import call_command
call_command("makemessages", locale=["da"], no_obsolete=True, verbosity=0,
             ignore_patterns=["static/*", "locale/*"])
"""


def po_file(language):
    return polib.pofile(str(settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_translates_every_string(language):
    po = po_file(language)
    assert len(po) > 100
    assert not [e.msgid for e in po.untranslated_entries()]
    assert not [e.msgid for e in po.fuzzy_entries()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_keeps_placeholders_intact(language):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in po_file(language).translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(placeholder.findall(text)) <= set(
                placeholder.findall(entry.msgid + (entry.msgid_plural or ""))
            ), entry.msgid


def test_it_has_a_catalogue_entry_for_every_string_in_the_code(tmp_path):
    """Extracts the strings afresh from a copy of the code, so a new string without a
    translation fails here rather than reaching a citizen in English."""
    copy = tmp_path / "frivillig"
    shutil.copytree(
        settings.BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns("vendor", "__pycache__", "*.mo", "*.po"),
    )
    subprocess.run([sys.executable, "-c", EXTRACT, str(copy)], cwd=copy, check=True)
    fresh = {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(Path(copy) / "locale" / "da" / "LC_MESSAGES" / "django.po"))
    }
    known = {(e.msgctxt, e.msgid) for e in po_file("da")}
    missing = sorted(m for _, m in fresh - known)
    assert not missing, f"Run `make makemessages` and translate: {missing}"
