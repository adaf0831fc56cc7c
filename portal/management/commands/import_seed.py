"""manage.py import_seed [--seeds DIR]: build the page tree and reference data from the source documents.

Each installed app with a `seed` module contributes its part, in INSTALLED_APPS order; everything runs in
one transaction, so a missing or malformed document leaves the database exactly as it was.
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.importer import Report, SeedDocuments, SeedError, default_seed_dir


def seed_modules():
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.seed") is not None:
            yield config, import_module(f"{config.name}.seed")


class Command(BaseCommand):
    help = "Impor konten benih (PermenPANRB 40/2018 dan deck KASN 2022). Aman dijalankan berulang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            type=Path,
            default=None,
            help="Folder dokumen sumber (bawaan: ../shared/seeds, atau seeds/ di repositori).",
        )

    def handle(self, *args, seeds=None, **options):
        documents = SeedDocuments(seeds or default_seed_dir())
        report = Report()
        try:
            with transaction.atomic():
                for config, module in seed_modules():
                    self.stdout.write(f"· {config.verbose_name}")
                    module.load(documents, report)
        except SeedError as error:
            raise CommandError(f"Impor dibatalkan, basis data tidak berubah. {error}") from error
        self._summary(documents, report)

    def _summary(self, documents, report):
        *rows, verdict = report.lines()
        for row in rows:
            self.stdout.write(row)
        self.stdout.write(self.style.SUCCESS(f"Impor dari {documents.directory} selesai: {verdict}."))
