"""Home: what the app teaches, the learning path as cards, the training loop as a diagram."""

import streamlit as st

from rna_core.catalog import LOOP, PAGES, SECTIONS, page_by_slug
from rna_core.diagrams import learning_loop_dot
from rna_ui.shell import link_to_page, setup_page

tr = setup_page("home.title")
st.write(tr("home.intro"))

pages = PAGES
st.header(tr("home.path"))
if not pages:
    st.info(tr("home.no_pages"))
for section in SECTIONS:
    in_section = [page for page in pages if page.section == section]
    if not in_section:
        continue
    st.subheader(tr(f"section.{section}"))
    columns = st.columns(min(len(in_section), 4))
    for index, page in enumerate(in_section):
        with columns[index % len(columns)].container(border=True):
            st.markdown(f"#### {page.icon} {tr(page.title_key)}")
            st.caption(tr(page.summary_key))
            link_to_page(page.file, page.slug, tr("home.open"))

st.header(tr("home.loop_title"))
available = {page.slug for page in pages}
steps = [
    (tr(step), tr("loop.shown_in", page=tr(page_by_slug(slug).title_key)) if slug in available else None)
    for step, slug in LOOP
]
st.graphviz_chart(learning_loop_dot(steps), width="stretch")
st.caption(tr("home.loop_caption"))
