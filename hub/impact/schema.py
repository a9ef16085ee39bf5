"""What the impact page's content files may contain; written out as `content/SCHEMA.md`.

The page carries no figures: they are added up from the case studies' indicators when the page is shown.
"""

from pathlib import Path

from hub.core.content_schema import IntroPageFile, SchemaDocument


class ImpactFile(IntroPageFile):
    """The impact page, under the case study index. No figures."""


DOCUMENT = SchemaDocument(
    title="Impact page content",
    intro="""
        `hub/impact/content/<language>/impact.yaml`: the page that adds up the case studies' indicators, Finnish
        first, then its Swedish and English translations. The figures are not content: the page computes them from
        the published case studies.
    """,
    folder=Path(__file__).resolve().parent / "content",
    files={"fi/impact.yaml": ImpactFile},
)
