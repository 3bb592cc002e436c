"""The Streamlit side of RNA Dashboard: what every page shares, and views used by several pages.

``rna_core`` holds the logic and never imports Streamlit; ``pages/`` holds only page
scripts. Between them, this package holds the Streamlit helpers:

* :mod:`rna_ui.shell` — page setup, language, links, the code viewer, errors shown as sentences;
* :mod:`rna_ui.session` — session keys shared between pages (models trained in this session);
* :mod:`rna_ui.jobs` — background jobs seen from a page: the server's slots, the session
  watcher, one fragment that polls any job;
* :mod:`rna_ui.widgets` — widgets that write numbers the session language's way;
* :mod:`rna_ui.streamlit_private` — the few private Streamlit APIs the app needs, each in
  one adapter with the reason and a test that fails when Streamlit changes it;
* views reused by pages: :mod:`rna_ui.training_view`, :mod:`rna_ui.tuning_view`,
  :mod:`rna_ui.optimizers_mnist`, :mod:`rna_ui.playground_view`;
* :mod:`rna_ui.draw_view` — the Draw page's views: model choice, canvas or upload, the answer,
  what the network sees, Correct me (fine-tuning a copy).
"""
