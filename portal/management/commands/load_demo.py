"""manage.py load_demo [--remove]: example content for trying the portal, always marked as demo.

Each installed app with a `demo` module adds its part (after `import_seed`, which they build on); its
`load(report)` may return lines to print once, such as the demo accounts. Every model that inherits
`DemoContent` carries `is_demo`, so `--remove` deletes exactly the demo rows, in every app, and nothing the
seed or editors made; an app's `remove()` deletes what cannot carry the mark.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

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
        notes = []
        try:
            with transaction.atomic():
                for module in _demo_modules():
                    self.stdout.write(f"· {apps.get_app_config(module.__name__.split('.')[0]).verbose_name}")
                    notes += module.load(report) or []
        except SeedError as error:
            raise CommandError(f"Demo tidak dimuat. {error}") from error
        *rows, verdict = report.lines()
        for row in rows:
            self.stdout.write(row)
        self.stdout.write(self.style.SUCCESS(f"Konten demo: {verdict}."))
        for note in notes:
            self.stdout.write(note)

    def _remove(self):
        removed = 0
        # Later apps first: their rows point at earlier apps' (an assessment's answers at meritopedia's demo
        # scale, PROTECT). A row still held by another is tried again once the rest is gone, since deleting a
        # demo instansi also deletes what hangs off it; what stays held is held by content that is not demo.
        pending = [model for model in reversed(apps.get_models()) if issubclass(model, DemoContent)]
        with transaction.atomic():
            while pending:
                held, progress = {}, False
                for model in pending:
                    for item in model.objects.filter(is_demo=True):
                        try:
                            with transaction.atomic():
                                item.delete()
                        except (ProtectedError, RestrictedError) as error:
                            held.setdefault(model, (item, error))
                        else:
                            removed += 1
                            progress = True
                if held and not progress:
                    raise CommandError(_held_message(*next(iter(held.values()))))
                pending = list(held)
            for module in _demo_modules():  # what cannot carry `is_demo`, such as generated media files
                removed += getattr(module, "remove", lambda: 0)()
        self.stdout.write(self.style.SUCCESS(f"Konten demo dihapus: {removed}."))


def _held_message(item, error) -> str:
    objects = list(getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", None) or [])
    users = ", ".join(f"{obj._meta.verbose_name} «{obj}»" for obj in objects[:3]) + ("…" if len(objects) > 3 else "")
    return _(
        "Konten demo tidak dihapus: %(model)s «%(item)s» masih dipakai oleh data yang bukan demo (%(users)s). "
        "Hapus atau ubah data itu dahulu, lalu jalankan lagi `load_demo --remove`."
    ) % {"model": item._meta.verbose_name, "item": item, "users": users}


def _demo_modules():
    for config in apps.get_app_configs():
        if find_spec(f"{config.name}.demo") is not None:
            yield import_module(f"{config.name}.demo")
