"""RNA Dashboard entry point: page config, language and navigation.

Run with ``streamlit run streamlit_app.py``. Only pages whose file exists are listed.
"""

import streamlit as st

from pages._common import current_language
from rna_core.catalog import SECTIONS, available_pages
from rna_core.i18n import t

st.set_page_config(page_title="RNA Dashboard", page_icon=":material/psychology:", layout="wide")

lang = current_language()
home = st.Page("pages/home.py", title=t("home.nav", lang), icon=":material/home:", default=True)
navigation: dict[str, list] = {"": [home]}
for section in SECTIONS:
    entries = [
        st.Page(page.file, title=t(page.title_key, lang), icon=page.icon, url_path=page.slug)
        for page in available_pages()
        if page.section == section
    ]
    if entries:
        navigation[t(f"section.{section}", lang)] = entries

st.navigation(navigation).run()
