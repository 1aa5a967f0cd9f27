"""Feed URLs as the fetcher sends them: scheme, host, port and request target.

Almost every feed URL is already in the form httpx's URL parser would give
it back unchanged (lower-case scheme and host, no default port, nothing to
percent-encode): such a URL is taken as it is, by one regular expression.
Any other (IDNA, upper case, dot segments, odd characters, a fragment) and
every redirect's relative Location go through httpx's parser, which is
imported only then: the rules stay httpx's, and a poll of ordinary URLs does
not import httpx at all.
"""

from __future__ import annotations

import re

DEFAULT_PORTS = {"http": 80, "https": 443}

# The form httpx leaves as it is. Host: lower-case letters, digits, dots and
# hyphens; path and query: the characters it does not percent-encode there.
_PLAIN = re.compile(
    r"(?P<scheme>https?)://"
    r"(?P<host>[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)"
    r"(?::(?P<port>[1-9][0-9]{0,8}))?"
    r"(?P<target>/[!$%&'()*+,\-./0-9:;=@A-Z\[\\\]^_a-z|~]*"
    r"(?:\?[!$%&'()*+,\-./0-9:;=?@A-Z\[\\\]^_`a-z{|}~]*)?)"
)
_DOT_SEGMENT = re.compile(r"/\.\.?(?:[/?]|$)")
_IPV4_STYLE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")


class InvalidURL(ValueError):
    """A URL the fetcher cannot request; the message says why."""


class FeedURL:
    """An absolute http(s) URL, normalised: `text` is what it prints as."""

    __slots__ = ("host", "port", "scheme", "target", "text")

    def __init__(self, scheme: str, host: str, port: int | None, target: str, text: str) -> None:
        self.scheme = scheme
        self.host = host  # ASCII (IDNA-encoded); an IPv6 address without brackets
        self.port = port  # None for the scheme's default
        self.target = target  # path and query, as sent in the request line
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"FeedURL({self.text!r})"

    @property
    def netloc(self) -> str:
        """The Host header's value."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port is None else f"{host}:{self.port}"


def _plain(text: str) -> FeedURL | None:
    """`text` as a FeedURL when httpx would leave it unchanged; else None."""
    match = _PLAIN.fullmatch(text)
    if match is None:
        return None
    scheme, host, port_text, target = match.group("scheme", "host", "port", "target")
    if "xn--" in host or _DOT_SEGMENT.search(target.partition("?")[0] + "?"):
        return None  # IDNA labels and dot segments: httpx's rules
    if _IPV4_STYLE.fullmatch(host) and not all(
        str(int(part)) == part and int(part) <= 255 for part in host.split(".")
    ):
        return None  # httpx refuses it, in its own words
    port = int(port_text) if port_text else None
    if port is not None and port == DEFAULT_PORTS[scheme]:
        return None  # httpx drops it
    return FeedURL(scheme, host, port, target, text)


def parse_url(text: str) -> FeedURL:
    """The URL `text` as httpx would send it, without its fragment.

    InvalidURL (or the ValueError of a bad IDNA label) when httpx refuses it;
    the scheme, the host and the port's range are left for the caller to judge.
    """
    plain = _plain(text)
    if plain is not None:
        return plain
    import httpx  # the rare URL that needs httpx's normalisation

    try:
        parsed = httpx.URL(text)
        return _from_httpx(parsed.copy_with(fragment=None) if "#" in text else parsed)
    except httpx.InvalidURL as exc:
        raise InvalidURL(str(exc)) from None


def join_url(base: FeedURL, location: str) -> FeedURL:
    """Where a redirect from `base` to `location` leads, without a fragment."""
    plain = _plain(location)
    if plain is not None:
        return plain
    import httpx

    try:
        return _from_httpx(httpx.URL(base.text).join(location).copy_with(fragment=None))
    except httpx.InvalidURL as exc:
        raise InvalidURL(str(exc)) from None


def _from_httpx(url: object) -> FeedURL:
    import httpx

    assert isinstance(url, httpx.URL)
    url.host  # noqa: B018 - decoded lazily: a bad IDNA label only fails here
    return FeedURL(
        url.scheme,
        url.raw_host.decode("ascii"),
        url.port,
        url.raw_path.decode("ascii"),
        str(url),
    )
