"""The app's pages and the learning loop the home page draws.

One registry (:data:`PAGES`) names every page of the learning path: its file under
``pages/``, its section, icon and i18n keys. The entry point and the home page list them
in this order; a test checks that every file exists.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Navigation sections in order; each has an i18n key ``section.<name>``.
SECTIONS: tuple[str, ...] = ("foundations", "training", "use")


@dataclass(frozen=True)
class PageInfo:
    """One page of the learning path.

    Attributes
    ----------
    slug : str
        Short identifier; also the URL path of the page.
    file : str
        Path of the page script relative to the project root.
    section : str
        One of :data:`SECTIONS`.
    icon : str
        A Material icon (``:material/name:``) shown in the navigation and on the home cards.
    """

    slug: str
    file: str
    section: str
    icon: str

    @property
    def title_key(self) -> str:
        """i18n key of the page title."""
        return f"{self.slug}.title"

    @property
    def summary_key(self) -> str:
        """i18n key of the one-sentence summary shown on the home card."""
        return f"{self.slug}.summary"


#: The learning path, in the order a student should follow it.
PAGES: tuple[PageInfo, ...] = (
    PageInfo("neurons", "pages/neurons.py", "foundations", ":material/psychology:"),
    PageInfo("playground", "pages/playground.py", "foundations", ":material/scatter_plot:"),
    PageInfo("activations", "pages/activations.py", "foundations", ":material/show_chart:"),
    PageInfo("costs", "pages/costs.py", "foundations", ":material/target:"),
    PageInfo("backprop", "pages/backprop.py", "foundations", ":material/undo:"),
    PageInfo("output_layers", "pages/output_layers.py", "foundations", ":material/output:"),
    PageInfo("optimizers", "pages/optimizers.py", "foundations", ":material/sports_score:"),
    PageInfo("training", "pages/training.py", "training", ":material/model_training:"),
    PageInfo("tuning", "pages/tuning.py", "training", ":material/tune:"),
    PageInfo("draw", "pages/draw.py", "use", ":material/draw:"),
)

#: The loop of a network's parts: (i18n key of the step, slug of the page that shows it).
LOOP: tuple[tuple[str, str], ...] = (
    ("loop.dataset", "training"),
    ("loop.layers", "neurons"),
    ("loop.parameters", "neurons"),
    ("loop.prediction", "activations"),
    ("loop.error", "costs"),
    ("loop.optimizer", "optimizers"),
    ("loop.update", "optimizers"),
)

def page_by_slug(slug: str) -> PageInfo:
    """Return the page called ``slug``; ``KeyError`` if there is none."""
    for page in PAGES:
        if page.slug == slug:
            return page
    raise KeyError(slug)
