"""Item bodies shaped like real news feeds' HTML, deterministic per random generator.

Sizes follow a log-normal law around a 2 KB median with a tail to 10 KB, as
in the description/content of common news and blog feeds; one feed in
BIG_FEED_EVERY carries full articles of ~20 KB each (a ~1 MB feed, as
full-text blogs publish). The markup is what the parser and the HTML-to-text
step meet in the wild: paragraphs with links and emphasis, figures with
images, subheadings, quotes, lists, some code in <pre>, named and numeric
entities, and the tracking pixel and "appeared first on" footer that
syndicated posts carry.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from html import escape

MEDIAN_BODY = 2_000  # characters of HTML
SIGMA = 0.55  # p90 ~4 KB, p99 ~7 KB
MIN_BODY = 300
MAX_BODY = 10_000
BIG_FEED_EVERY = 50  # feeds 25, 75, 125, ... are full-text feeds
BIG_BODY = (17_000, 23_000)  # characters per item of a full-text feed

_CODE = (
    "from openai import OpenAI\nclient = OpenAI()\n"
    'reply = client.responses.create(model="gpt-5", input="Summarise this")\n'
    "print(reply.output_text)",
    "$ pip install -U transformers accelerate\n$ python -m torch.distributed.run "
    "--nproc_per_node 8 train.py --lr 3e-4",
    "for (const chunk of stream) {\n  if (chunk.type === 'delta') out.push(chunk.text);\n}",
    'curl https://api.example.com/v1/messages -H "x-api-key: $KEY" \\\n'
    '  -d \'{"max_tokens": 1024, "messages": [{"role": "user"}]}\'',
    "if score < 0.5 && !cached {\n    return Err(Error::LowConfidence(score));\n}",
)
_QUOTES = (
    "We are not close to done, and anyone who says otherwise is selling something.",
    "The benchmark numbers matter less than what customers build in the first week.",
    "Safety work is not a tax on progress; it is how progress ships.",
)
_SUBHEADS = ("What changes", "Why it matters", "The numbers", "What comes next", "Background")


def is_big_feed(feed_index: int) -> bool:
    return feed_index % BIG_FEED_EVERY == BIG_FEED_EVERY // 2


def body_target(rng: random.Random, big: bool) -> int:
    """How many characters of HTML an item's body gets."""
    if big:
        return rng.randint(*BIG_BODY)
    size = rng.lognormvariate(math.log(MEDIAN_BODY), SIGMA)
    return int(min(max(size, MIN_BODY), MAX_BODY))


def _typeset(text: str) -> str:
    """Escaped text with the entities publishing systems emit for typography."""
    text = escape(text, quote=False)
    return (
        text.replace("'", "&rsquo;")
        .replace(" - ", " &mdash; ")
        .replace("...", "&hellip;")
        .replace(" percent", "&nbsp;percent")
    )


def render_body(rng: random.Random, target: int, sentence: Callable[[], str], tag: str) -> str:
    """HTML of about `target` characters (a regular item never more than MAX_BODY).

    `sentence` gives one plain-text sentence naming watched people and companies;
    `tag` is a short slug for links and images.
    """
    footer = (
        f'<p>The post <a href="https://news.example/{tag}" rel="nofollow">{escape(tag)}</a> '
        "appeared first on <em>AI Wire &#8211; Daily</em>.</p>"
        f'<img src="https://feeds.example/~r/aiwire/~4/{tag}" height="1" width="1" alt=""/>'
    )
    blocks: list[str] = []
    size = len(footer)
    if rng.random() < 0.45:
        blocks.append(_figure(rng, tag))
        size += len(blocks[-1]) + 1
    with_code = rng.random() < 0.2
    # Stop about half a paragraph early: the last block overshoots by as much.
    while size < target - 200:
        roll = rng.random()
        if with_code and roll < 0.12:
            block = f"<pre><code>{escape(rng.choice(_CODE))}</code></pre>"
            with_code = False
        elif roll < 0.18 and blocks:
            block = f"<h2>{rng.choice(_SUBHEADS)}</h2>"
        elif roll < 0.23:
            block = f"<blockquote><p>&ldquo;{_typeset(rng.choice(_QUOTES))}&rdquo;</p></blockquote>"
        elif roll < 0.27:
            items = "".join(f"<li>{_typeset(sentence())}</li>" for _ in range(rng.randint(2, 4)))
            block = f"<ul>{items}</ul>"
        elif roll < 0.31 and size > 1_500:
            block = _figure(rng, tag)
        else:
            block = _paragraph(rng, sentence, tag)
        if target <= MAX_BODY and size + len(block) + 1 > MAX_BODY:
            break  # a regular item never passes the cap
        blocks.append(block)
        size += len(block) + 1
    blocks.append(footer)
    return "\n".join(blocks)


def _paragraph(rng: random.Random, sentence: Callable[[], str], tag: str) -> str:
    parts = []
    for _ in range(rng.randint(2, 5)):
        text = _typeset(sentence())
        roll = rng.random()
        if roll < 0.15:
            words = text.split(" ")
            cut = rng.randint(1, max(len(words) - 1, 1))
            link = f"https://news.example/{tag}/{rng.randint(1, 99_999)}?utm_source=rss"
            text = (
                " ".join(words[:cut]) + f' <a href="{escape(link)}">'
                + " ".join(words[cut : cut + 3]) + "</a> " + " ".join(words[cut + 3 :])
            )  # fmt: skip
        elif roll < 0.22:
            text = f"<strong>{text}</strong>"
        elif roll < 0.28:
            text = f"<em>{text}</em>"
        parts.append(text)
    return f"<p>{' '.join(parts)}</p>"


def _figure(rng: random.Random, tag: str) -> str:
    number = rng.randint(1, 999_999)
    width = rng.choice((800, 1200, 1600))
    return (
        f'<figure class="wp-block-image size-large"><img loading="lazy" decoding="async" '
        f'src="https://cdn.news.example/uploads/2026/{number}.jpg" alt="Photo {number}" '
        f'width="{width}" height="{width * 9 // 16}" '
        f'srcset="https://cdn.news.example/uploads/2026/{number}-800.jpg 800w, '
        f'https://cdn.news.example/uploads/2026/{number}.jpg {width}w"/>'
        f"<figcaption>Photo: {escape(tag)} &copy; 2026 / Reuters</figcaption></figure>"
    )
