"""manage.py ensure_editor: the first KASN editor account, created once.

Credentials come from PORTAL_EDITOR_USERNAME / PORTAL_EDITOR_EMAIL / PORTAL_EDITOR_PASSWORD, or a
random password is generated and printed this one time. Nothing happens if a superuser exists.
"""

import os
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Buat akun editor pertama bila belum ada superuser."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("Akun editor sudah ada; tidak ada yang diubah.")
            return
        username = os.environ.get("PORTAL_EDITOR_USERNAME", "editor")
        email = os.environ.get("PORTAL_EDITOR_EMAIL", "editor@meritopedia.localhost")
        password = os.environ.get("PORTAL_EDITOR_PASSWORD") or secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=username, email=email, password=password, first_name="Editor", last_name="KASN"
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        self.stdout.write(self.style.SUCCESS("Akun editor dibuat (catat sekarang, tidak ditampilkan lagi):"))
        self.stdout.write(f"  admin: http://127.0.0.1:8000/admin/  nama pengguna: {username}")
        self.stdout.write(f"  email: {email}")
        if "PORTAL_EDITOR_PASSWORD" not in os.environ:
            self.stdout.write(f"  kata sandi: {password}")
