from django_tasks import task

from frivillig.activity import services


@task()
def refresh_activity():
    """Rebuild the monthly activity totals (run nightly; see docs/activity.md)."""
    coverage = services.refresh()
    return coverage.until.isoformat()
