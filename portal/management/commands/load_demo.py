"""manage.py load_demo [--remove]: example content for trying the portal, always marked as demo.

Each installed app with a `demo` module adds its part (after `import_seed`, which they build on). Every
model that inherits `DemoContent` carries `is_demo`, so `--remove` deletes exactly the demo rows, in every
app, and nothing the seed or editors made.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.importer import Report, SeedError
from portal.models import DemoContent


class Command(BaseCommand):
    help = "Muat konten demo (artikel, bab handbook, ...) yang ditandai sebagai demo. Aman dijalankan berulang."

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="Hapus semua konten demo.")

    def handle(self, *args, remove=False, **options):
        if remove:
            return self._remove()
        report = Report()
        try:
            with transaction.atomic():
                for module in _demo_modules():
                    self.stdout.write(f"· {apps.get_app_config(module.__name__.split('.')[0]).verbose_name}")
                    module.load(report)
        except SeedError as error:
            raise CommandError(f"Demo tidak dimuat. {error}") from error
        *rows, verdict = report.lines()
        for row in rows:
            self.stdout.write(row)
        self.stdout.write(self.style.SUCCESS(f"Konten demo: {verdict}."))

    def _remove(self):
        removed = 0
        with transaction.atomic():
            for model in apps.get_models():
                if issubclass(model, DemoContent):
                    for item in model.objects.filter(is_demo=True):
                        item.delete()
                        removed += 1
            for module in _demo_modules():  # what cannot carry `is_demo`, such as generated media files
                removed += getattr(module, "remove", lambda: 0)()
        self.stdout.write(self.style.SUCCESS(f"Konten demo dihapus: {removed}."))


def _demo_modules():
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.demo") is not None:
            yield import_module(f"{config.name}.demo")
