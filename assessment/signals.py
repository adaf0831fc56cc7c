"""What happens in a penilaian mandiri that others hear of by e-mail; `assessment.notifications` answers them."""

from django.dispatch import Signal

# The ketua invited someone to the team (sent once the invitation is stored).
invitation_sent = Signal()  # invitation, request
