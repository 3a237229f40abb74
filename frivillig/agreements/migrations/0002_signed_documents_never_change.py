"""Once a document is sent for signing, its text, hash, code and content fields are frozen,
and a signature once given stays as given. Enforced by the database, so no code path (an
admin action, a bulk update, a bug) can alter what a person signed."""

from django.db import migrations

FROZEN = {
    "agreements_individualagreement": {
        "content": [
            "rendered_text", "sha256", "code", "version", "framework_id", "organisation_id",
            "volunteer_id", "language", "task", "time_and_place", "contact_person",
            "introduction", "training", "expenses", "insurance", "confidentiality",
            "child_certificate_required", "child_certificate", "volunteer_expectations",
            "organisation_expectations", "ending", "sent_at",
        ],
        "signatures": [
            ("volunteer_signed_at", ["volunteer_signed_at", "volunteer_ip"]),
            ("organisation_signed_at", [
                "organisation_signed_at", "organisation_ip", "organisation_signer_name",
            ]),
        ],
    },
    "agreements_cooperationagreement": {
        "content": [
            "rendered_text", "sha256", "code", "version", "framework_id", "municipal_unit_id",
            "partner_id", "title", "purpose", "volunteer_tasks", "staff_tasks",
            "unit_provides", "partner_provides", "unit_contact", "partner_contact",
            "starts_on", "review_on", "sent_at",
        ],
        "signatures": [
            ("unit_signed_at", ["unit_signed_at", "unit_ip", "unit_signer_name"]),
            ("partner_signed_at", ["partner_signed_at", "partner_ip", "partner_signer_name"]),
        ],
    },
}


def _changed(columns, distinct):
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


def _condition(spec, distinct):
    parts = [f"(OLD.sha256 <> '' AND ({_changed(spec['content'], distinct)}))"]
    for marker, columns in spec["signatures"]:
        parts.append(f"(OLD.{marker} IS NOT NULL AND ({_changed(columns, distinct)}))")
    return " OR ".join(parts)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table, spec in FROZEN.items():
        if vendor == "postgresql":
            schema_editor.execute(
                f"""
                CREATE FUNCTION {table}_frozen() RETURNS trigger AS $$
                BEGIN
                    IF {_condition(spec, "IS DISTINCT FROM")} THEN
                        RAISE EXCEPTION 'a signed or sent document cannot change'
                            USING ERRCODE = 'integrity_constraint_violation';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER {table}_frozen BEFORE UPDATE ON {table}
                    FOR EACH ROW EXECUTE FUNCTION {table}_frozen();
                """
            )
        elif vendor == "sqlite":
            schema_editor.execute(
                f"""
                CREATE TRIGGER {table}_frozen BEFORE UPDATE ON {table}
                WHEN {_condition(spec, "IS NOT")}
                BEGIN
                    SELECT RAISE(ABORT, 'a signed or sent document cannot change');
                END;
                """
            )


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in FROZEN:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen" + (f" ON {table}" if vendor == "postgresql" else ""))
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_frozen()")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
