from django.core.management.base import BaseCommand

from hub.core.content_schema import schema_documents


class Command(BaseCommand):
    help = "Write each app's content/SCHEMA.md from the content file schemas in its schema.py."

    def handle(self, *args, **options):
        for document in schema_documents():
            text = document.render()
            if not document.path.exists() or document.path.read_text(encoding="utf-8") != text:
                document.path.write_text(text, encoding="utf-8")
                self.stdout.write(f"wrote {document.path}")
