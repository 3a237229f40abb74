from django.db import migrations

from frivillig.engagements.qualification_defaults import SHARED



def add_types(apps, schema_editor):
    QualificationType = apps.get_model("engagements", "QualificationType")
    for kind, name, name_en, months, description in SHARED:
        QualificationType.objects.get_or_create(
            organisation=None,
            kind=kind,
            defaults={
                "name": name,
                "name_en": name_en,
                "valid_months": months,
                "description": description,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("engagements", "0002_qualifications")]

    operations = [migrations.RunPython(add_types, migrations.RunPython.noop)]
