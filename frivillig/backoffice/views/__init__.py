"""The organisation's back office under /org/<slug>/, one module per section. Thin views: fetch
through backoffice.access, validate a form, call one service, turn a domain error into a
message."""
