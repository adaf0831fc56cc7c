"""What happens in the CoP that others react to. The models send these; `cop.notifications` answers them with
e-mail tasks, so no model queues work or knows who listens."""

from django.dispatch import Signal

# A member got a seat (`promoted`: from the waiting list, after someone cancelled). Sent once the seat is committed.
seat_given = Signal()  # registration, promoted
# A member registered while every seat was taken: they wait for one. Sent once the registration is committed.
waitlisted = Signal()  # registration
# Editors declined a submitted practice for good, with the reason the member reads.
practice_declined = Signal()  # practice, reason
# Editors approved or declined a member's guidance proposal (`proposal.status`). Sent once the decision is committed.
guidance_decided = Signal()  # proposal
