"""`manage.py compile_catalogues`: what `make setup`, the Docker image and deploy/README.md run after an install."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.catalogues import CatalogueError, compile_catalogues


class Command(BaseCommand):
    help = "Kompilasi katalog terjemahan antarmuka (.po → .mo) di LOCALE_PATHS."

    def handle(self, *args, **options):
        try:
            written = compile_catalogues(settings.LOCALE_PATHS)
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{written} katalog dikompilasi.")
