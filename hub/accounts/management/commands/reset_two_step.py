from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Turns off two-step verification for a user who has lost their authenticator app."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"Removed {deleted} authenticator app(s) of {username}.")
