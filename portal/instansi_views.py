"""/instansi/cari/?q=…: the suggestions of the instansi chooser (portal/instansi_chooser.py) as JSON.

The register is public, so the answer is the same for everyone: shared through the page cache under the
`instansi` tag (purged when an instansi changes, portal/instansi.py) and kept by browsers for a few minutes.
"""

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from .cache import shows
from .instansi import INSTANSI
from .instansi_chooser import QUERY_LIMIT, suggestions

BROWSER_SECONDS = 300


@require_safe
def search(request):
    """At most 10 `{id, name, kind_label, province}`, best match first; `[]` for an empty query, 400 (with an
    Indonesian `error`) for one longer than QUERY_LIMIT or holding a NUL character."""
    query = request.GET.get("q", "")
    if len(query) > QUERY_LIMIT:
        error = gettext("Kata pencarian terlalu panjang (paling banyak %(limit)s huruf).") % {"limit": QUERY_LIMIT}
        return JsonResponse({"error": error}, status=400)
    if "\x00" in query:
        return JsonResponse({"error": gettext("Kata pencarian tidak boleh memuat karakter NUL.")}, status=400)
    shows(request, INSTANSI)
    response = JsonResponse(suggestions(query), safe=False)
    patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
    return response
