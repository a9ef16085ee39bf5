"""The admin's download of a form's answers, made readable in spreadsheet programs and safe to open in them."""

import datetime

from django.utils import timezone
from wagtail.contrib.forms.views import SubmissionsListView

from hub.core.csv_export import safe_cell

CSV = SubmissionsListView.FORMAT_CSV
XLSX = SubmissionsListView.FORMAT_XLSX


def local_time(value):
    """A time in the site's time zone (TIME_ZONE), to the second, as spreadsheet programs show it."""
    return timezone.localtime(value).replace(microsecond=0, tzinfo=None)


class FeedbackSubmissionsListView(SubmissionsListView):
    """Answers and their export: CSV with a byte-order mark (so that Excel reads ä and ö), local times to the
    second, and every cell a spreadsheet would read as a formula neutralised as in the site's own CSV downloads."""

    custom_value_preprocess = {
        **SubmissionsListView.custom_value_preprocess,
        datetime.datetime: {CSV: lambda value: f"{local_time(value):%Y-%m-%d %H:%M:%S}", XLSX: local_time},
    }

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {field: safe_cell(self.preprocess_field_value(field, value, CSV)) for field, value in row_dict.items()}
        )

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response
