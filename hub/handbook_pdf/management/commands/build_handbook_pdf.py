from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.handbook_pdf.build import build


class Command(BaseCommand):
    help = "Build the whole handbook as a PDF now, in every language or one; an up-to-date PDF is left as it is."

    def add_arguments(self, parser):
        parser.add_argument("--language", help="Only this language, e.g. fi.")
        parser.add_argument("--force", action="store_true", help="Build even if the PDF is up to date.")

    def handle(self, *args, language=None, force=False, **options):
        languages = [code for code, _name in settings.LANGUAGES]
        if language and language not in languages:
            raise CommandError(f"Unknown language {language!r}: choose one of {', '.join(languages)}.")
        for code in [language] if language else languages:
            document = build(code, force=force)
            if document is None:
                self.stdout.write(self.style.WARNING(f"{code}: no published handbook, no PDF"))
            else:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{code}: {document.file.name}, {document.page_count} pages, {document.size} bytes"
                    )
                )
