"""Deterministic demo data for Aalborg Kommune: organisations, opportunities and log-ins
(`loader`), and generated volume for benchmarks (`scale`). Everything here is fictional except
the municipality's departments and towns; the portal shows a demo banner."""
