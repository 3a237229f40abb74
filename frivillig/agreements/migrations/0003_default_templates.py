"""The municipality's default templates for individual agreements (agreements/defaults.py)."""

from django.db import migrations

from frivillig.agreements.defaults import TEMPLATES



def add_templates(apps, schema_editor):
    AgreementTemplate = apps.get_model("agreements", "AgreementTemplate")
    for values in TEMPLATES:
        AgreementTemplate.objects.get_or_create(
            organisation=None, language=values["language"], name=values["name"], defaults=values
        )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_signed_documents_never_change")]

    operations = [migrations.RunPython(add_templates, migrations.RunPython.noop)]
