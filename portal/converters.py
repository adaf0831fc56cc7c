"""The `<id:…>` path converter for the portal's own addresses: digits, as Django's `<int:…>`, but a number no
database row can have (beyond 64 bits) matches no address (a 404) rather than overflowing in the database driver.
ValueError, not Http404: LocaleMiddleware resolves addresses again on a 404 and lets only a non-match through."""

BIGGEST_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > BIGGEST_ID:
            raise ValueError("beyond 64 bits")
        return number

    def to_url(self, value) -> str:
        return str(value)
