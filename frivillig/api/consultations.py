"""Consultations in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token)."""

from ninja import Router

from frivillig.api.auth import api_token_auth, volunteer_session

router = Router(tags=["Consultations"])
me_router = Router(tags=["Consultations (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Consultations (organisation)"], auth=api_token_auth)
