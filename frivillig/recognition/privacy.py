"""The person's recognition, for their data export: thanks received, certificates issued and
nominations made. Deleting the account deletes all three (ON DELETE CASCADE on the user): a
certificate is the person's own document, so its code then verifies as "not found"; a
nomination is the nominator's own words. A thanks someone wrote keeps no link to its author
once the author's account is gone (SET_NULL), since it belongs to the organisation."""

from frivillig.recognition.models import Certificate, Nomination, Thanks


def export_for(user) -> dict:
    return {
        "thanks": [
            {
                "organisation": t.organisation.name,
                "message": t.message,
                "created_at": t.created_at.isoformat(),
            }
            for t in Thanks.objects.filter(volunteer=user)
            .select_related("organisation")
            .order_by("created_at", "pk")
        ],
        "certificates": [
            {
                "code": c.code,
                "language": c.language,
                "issued_at": c.issued_at.isoformat(),
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
                "sha256": c.sha256,
                "content": c.content,
            }
            for c in Certificate.objects.filter(user=user).order_by("issued_at", "pk")
        ],
        "nominations": [
            {
                "round": n.round.title,
                "nominee_name": n.nominee_name,
                "nominee_organisation": n.nominee_organisation,
                "reason": n.reason,
                "created_at": n.created_at.isoformat(),
            }
            for n in Nomination.objects.filter(nominator=user)
            .select_related("round")
            .order_by("created_at", "pk")
        ],
    }
