from django.db import migrations

# The municipality's shared types. A child certificate is rechecked every two years unless an
# organisation's policy says otherwise (the strategy's guidance; the law sets no interval).
SHARED = [
    ("child_certificate", "Børneattest", "Child certificate", 24,
     "Organisationen indhenter attesten med dit samtykke, når du skal være sammen med børn "
     "under 15 år. Vi noterer kun, at den er indhentet og hvornår, aldrig dens indhold."),
    ("first_aid", "Førstehjælpskursus", "First aid course", 24,
     "Et gyldigt førstehjælpskursus, fx fra Dansk Førstehjælpsråd."),
    ("driving_licence", "Kørekort (kategori B)", "Driving licence (category B)", None, ""),
    ("food_hygiene", "Hygiejnebevis", "Food hygiene certificate", None,
     "Til opgaver med tilberedning eller servering af mad."),
]


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
