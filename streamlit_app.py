"""RNA Dashboard entry point: page config, language and navigation.

Run with ``streamlit run streamlit_app.py``.
"""

import streamlit as st

from rna_core.catalog import PAGES, SECTIONS
from rna_core.i18n import t
from rna_ui.jobs import preload_keras
from rna_ui.shell import current_language, error_boundary

st.set_page_config(page_title="RNA Dashboard", page_icon=":material/psychology:", layout="wide")
preload_keras()  # once per server, in the background

lang = current_language()
home = st.Page("pages/home.py", title=t("home.nav", lang), icon=":material/home:", default=True)
navigation: dict[str, list] = {"": [home]}
for section in SECTIONS:
    entries = [
        st.Page(page.file, title=t(page.title_key, lang), icon=page.icon, url_path=page.slug)
        for page in PAGES
        if page.section == section
    ]
    if entries:
        navigation[t(f"section.{section}", lang)] = entries

with error_boundary():  # the last line of defence: never a traceback on a page
    st.navigation(navigation).run()
