"""Feed URLs and answer headers read as httpx reads them, without importing it on the way."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.fetch_url import FeedURL, InvalidURL, join_url, parse_url
from ingest.wire_response import Headers


def as_httpx(text: str) -> tuple[str, str, int | None, str, str]:
    url = httpx.URL(text).copy_with(fragment=None)
    url.host  # noqa: B018 - raises for a bad IDNA label
    return (url.scheme, url.raw_host.decode(), url.port, url.raw_path.decode(), str(url))


def fields(url: FeedURL) -> tuple[str, str, int | None, str, str]:
    return (url.scheme, url.host, url.port, url.target, url.text)


@pytest.mark.parametrize(
    "text",
    [
        "http://127.0.0.1:8080/feeds/0042.xml",
        "https://example.org/feed?format=rss&x=%20y",
        "https://Example.ORG/Feed",
        "HTTP://example.org/",
        "http://example.org:80/feed",
        "https://example.org:443/feed",
        "http://example.org",
        "http://example.org/a/./b/../c",
        "http://example.org/a/..",
        "http://example.org/feed#top",
        'http://example.org/with space/and"quote',
        "http://example.org/ü?q=ä",
        "https://bücher.de/feed",
        "https://xn--bcher-kva.de/feed",
        "http://[::1]:8080/feed",
        "http://user:pw@example.org/feed",
        "http://example.org/a?b=`{}`",
        "http://example.org/a`b",
        "http://example.org/%zz%41",
        "http://1.2.3/feed",
        "http://example.org:0/feed",
        "http://example.org:080/feed",
        "http://example.org./feed",
    ],
)
def test_a_url_is_read_as_httpx_reads_it(text: str) -> None:
    assert fields(parse_url(text)) == as_httpx(text)


@pytest.mark.parametrize(
    "text", ["http://999.1.1.1/feed", "http://01.2.3.4/feed", "http://[::1/feed"]
)
def test_a_url_httpx_refuses_is_refused_in_its_words(text: str) -> None:
    with pytest.raises(httpx.InvalidURL) as refused:
        as_httpx(text)
    with pytest.raises(InvalidURL) as ours:
        parse_url(text)
    assert str(ours.value) == str(refused.value)


def test_a_bad_idna_label_fails_as_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_url("https://xn--/")


URL_CHARS = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E) | st.sampled_from(" é%"),
    max_size=20,
)


@given(
    scheme=st.sampled_from(["http", "https", "HTTP"]),
    host=st.from_regex(r"[a-zA-Z0-9][a-zA-Z0-9.-]{0,15}", fullmatch=True)
    | st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,3}){3}", fullmatch=True),
    port=st.none() | st.integers(0, 99999),
    path=URL_CHARS,
)
def test_any_url_is_read_as_httpx_reads_it(
    scheme: str, host: str, port: int | None, path: str
) -> None:
    text = f"{scheme}://{host}{'' if port is None else f':{port}'}/{path}"
    try:
        expected = as_httpx(text)
    except (httpx.InvalidURL, ValueError) as refused:
        with pytest.raises((InvalidURL, ValueError)) as ours:
            parse_url(text)
        assert str(ours.value) == str(refused)
        return
    assert fields(parse_url(text)) == expected


@pytest.mark.parametrize(
    "location",
    [
        "/other",
        "other?x=1",
        "../up",
        "//elsewhere.org/feed",
        "https://elsewhere.org/feed",
        "https://Elsewhere.org/feed#frag",
        "?page=2",
    ],
)
def test_a_redirect_leads_where_httpx_would_follow(location: str) -> None:
    base = "http://example.org/dir/feed.xml"
    joined = httpx.URL(base).join(location).copy_with(fragment=None)
    target = join_url(parse_url(base), location)
    assert (target.text, target.host, target.target) == (
        str(joined),
        joined.raw_host.decode(),
        joined.raw_path.decode(),
    )


def test_the_host_header_names_the_port_only_when_it_is_not_the_default() -> None:
    assert parse_url("http://example.org:80/feed").netloc == "example.org"
    assert parse_url("http://example.org:8080/feed").netloc == "example.org:8080"
    assert parse_url("http://[::1]:8080/feed").netloc == "[::1]:8080"


RAW_HEADERS = st.lists(
    st.tuples(
        st.sampled_from([b"ETag", b"etag", b"Location", b"Content-Type", b"X-A"]),
        st.binary(max_size=8).filter(lambda v: b"\r" not in v and b"\n" not in v),
    ),
    max_size=6,
)


@given(RAW_HEADERS)
def test_headers_read_as_httpx_reads_them(raw: list[tuple[bytes, bytes]]) -> None:
    ours, theirs = Headers(raw), httpx.Headers(raw)
    assert ours.items() == list(theirs.items())
    for name in ("etag", "ETag", "location", "missing"):
        assert ours.get(name) == theirs.get(name)
        assert ours.get_list(name) == theirs.get_list(name)
        assert (name in ours) == (name in theirs)
