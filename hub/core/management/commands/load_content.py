from django.core.management.base import BaseCommand, CommandError

from hub.core.loader import ContentError, load_all


class Command(BaseCommand):
    help = "Load the site's content files into pages. Pages edited since they were loaded are skipped."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Overwrite pages even if an editor has changed them.")

    def handle(self, *args, force=False, **options):
        try:
            run = load_all(force=force)
        except ContentError as error:
            raise CommandError(str(error)) from error
        for key in run.skipped:
            self.stdout.write(self.style.WARNING(f"skipped {key}; use --force to overwrite"))
        for key in run.unmatched:
            self.stdout.write(
                self.style.WARNING(f"{key}: its strings do not match the Finnish page's one by one; left untranslated")
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"content: {len(run.created)} created, {len(run.updated)} updated, "
                f"{len(run.unchanged)} unchanged, {len(run.skipped)} skipped"
            )
        )
