"""Page and collection passwords (Wagtail view restrictions) can be guessed only as often as a login: Wagtail's
own views check the password, and these wrap them to refuse an address that failed too often with 429."""

from django.shortcuts import render
from wagtail.documents.views.serve import authenticate_with_password as wagtail_collection_password
from wagtail.views import authenticate_with_password as wagtail_page_password

from .ratelimit import FailureLimit

# Like ACCOUNT_RATE_LIMITS["login_failed"]: 5 wrong passwords for one page in 5 minutes, 10 in all in 5 minutes.
GUESSES = FailureLimit("view-password", per_target=5, per_address=10, window_seconds=300)


def _limited(view, request, target: str, *args):
    if request.method != "POST":
        return view(request, *args)
    if GUESSES.locked(request, target):
        return render(request, "429.html", {"password_guesses": True}, status=429)
    response = view(request, *args)
    if response.status_code == 200:  # the form again: the password was wrong
        GUESSES.failed(request, target)
    return response


def page_password(request, page_view_restriction_id, page_id):
    return _limited(wagtail_page_password, request, f"page-{page_id}", page_view_restriction_id, page_id)


def collection_password(request, restriction_id):
    return _limited(wagtail_collection_password, request, f"collection-{restriction_id}", restriction_id)
