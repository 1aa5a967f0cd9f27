"""Search titles and bodies of the whole archive."""

from __future__ import annotations

from storage.store import ArticleStore


def search_articles(store: ArticleStore, query: str) -> list[str]:
    """Ids of articles whose title or body contains every word of the query."""
    words = [word.casefold() for word in query.split() if word]
    if not words:
        return []
    found = []
    for article in store.articles():
        title = article.title.casefold()
        if all(word in title for word in words):
            found.append(article.id)
            continue
        body = store.body(article.id).casefold()
        haystack = f"{title}\n{body}"
        if all(word in haystack for word in words):
            found.append(article.id)
    return found
