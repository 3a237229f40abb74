from django_tasks import task

from frivillig.callouts import notices
from frivillig.callouts.models import Answer, CallOutResponse


@task()
def send_invitations(*, callout_id: int):
    """E-mail everyone invited to a call-out who has not answered yet (each e-mail is its own
    send task, so one bad address does not stop the others)."""
    responses = CallOutResponse.objects.filter(
        callout_id=callout_id, answer=Answer.PENDING
    ).select_related("callout__organisation", "callout__place", "volunteer__profile")
    for response in responses.iterator(chunk_size=200):
        notices.invite(response)
