"""What happens in the CoP that others react to. The models send these; `cop.notifications` answers them with
e-mail tasks, so no model queues work or knows who listens."""

from django.dispatch import Signal

# A member got a seat (`promoted`: from the waiting list, after someone cancelled). Sent once the seat is committed.
seat_given = Signal()  # registration, promoted
# Editors declined a submitted practice for good, with the reason the member reads.
practice_declined = Signal()  # practice, reason
