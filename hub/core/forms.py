"""Admin forms shared by the page types that pick taxonomy terms."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from .models import Taxonomy


class LocaleTaxonomyPageForm(WagtailAdminPageForm):
    """Offers only the terms in the page's own language, so that a Finnish page cannot get a Swedish region."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None and self.parent_page is not None:
            locale_id = self.parent_page.locale_id
        if locale_id is None:
            return
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and issubclass(field.queryset.model, Taxonomy):
                field.queryset = field.queryset.filter(locale_id=locale_id)
