"""The `<id:…>` path converter for the portal's own addresses: digits, as Django's `<int:…>`, but a number no
database row can have (beyond 64 bits) is a 404 rather than an overflow in the database driver (a 500)."""

from django.http import Http404

BIGGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > BIGGEST_ID:
            raise Http404("Alamat ini tidak ada.")
        return number

    def to_url(self, value) -> str:
        return str(value)
