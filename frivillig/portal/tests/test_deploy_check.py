"""Production settings pass Django's deployment checklist, and the demo fallback does not."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "p9Vq3zX!r7mK2wL8tY4uN6bH1cJ5dF0gS3aE9iO7pR2vQ8xZ4yT6",
    "ALLOWED_HOSTS": "frivillig.aalborg.dk",
    "SITE_URL": "https://frivillig.aalborg.dk",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_check(env, without=()):
    env = {k: v for k, v in {**os.environ, **env}.items() if k not in without}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR.parent,
        env=env,
        capture_output=True,
        text=True,
    )


def test_it_passes_the_deployment_checklist_with_production_settings():
    result = run_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_the_demo_secret_key_in_production():
    result = run_check(PRODUCTION, without=["SECRET_KEY"])
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr
