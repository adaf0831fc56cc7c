from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The Indonesian 500 page, rendered without a request context: whatever broke may be in there."""
    return HttpResponseServerError(loader.get_template("500.html").render())
