"""A corpus as the search index holds it, straight from the files (for the search benchmark and tests)."""
from __future__ import annotations

import pathlib


def corpus_docs(corpus: pathlib.Path) -> list:
    """What the index holds of the corpus (records, posts, documents), as the build makes it; a post's
    or document's text is its Markdown source here, not the HTML the build renders from it."""
    from dvk.derive.search import document_doc, model_doc, post_doc
    from dvk.load.corpus import load_corpus
    from dvk.model import content, urls

    c = load_corpus(corpus)
    docs = [model_doc(m) for m in c.models.values()]
    for e in c.posts + c.documents:
        body = pathlib.Path(e.source_path).read_text(encoding="utf-8").split("\n---", 1)[-1]
        m = e.meta
        if e.kind == "post":
            docs.append(post_doc(urls.POST.format(slug=e.slug), m.get("title", ""), e.date, m.get("summary", ""),
                                 body, m.get("province"), [c.models[i] for i in m.get("models") or [] if i in c.models]))
        else:
            docs.append(document_doc(urls.document(e.slug), content.title_of("document", m), e.date,
                                     m.get("subject", ""), body, m.get("issuer", ""), str(m.get("number", "")),
                                     m.get("doc_type", ""), m.get("place", ""), m.get("province")))
    return docs
