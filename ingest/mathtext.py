"""MathML reduced to one line of plain text: "a+b", "(x+1)/2", "x^2", "√(y)".

A formula in a feed is often the point of the item (a paper's result, an
identity): dropping it leaves "The identity holds." or, for a formula-only
item, nothing. The linear form follows the usual plain-text conventions:
fractions with "/", scripts with "^" and "_", roots with "√", a part of more
than one character in parentheses.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

# Deeper nesting (hostile, never real) is read as its plain text content.
_MAX_DEPTH = 64
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# Token elements: their text is the formula's text.
_TOKENS = frozenset({"mi", "mn", "mo", "ms"})
# Invisible or alternative parts.
_SKIPPED = frozenset(
    {"annotation", "annotation-xml", "mphantom", "none", "mprescripts", "malignmark", "mspace"}
)
_SCRIPTS = {
    "msup": ("^",),
    "mover": ("^",),
    "msub": ("_",),
    "munder": ("_",),
    "msubsup": ("_", "^"),
    "munderover": ("_", "^"),
}


def math_text(node: LexborNode) -> str:
    """The text of a <math> element on one line; its alttext if it has no text."""
    text = _WHITESPACE.sub(" ", _render(node, 0)).strip()
    if not text:
        text = _WHITESPACE.sub(" ", node.attrs.get("alttext") or "").strip()
    return text


def _render(node: LexborNode, depth: int) -> str:
    tag = node.tag
    if depth > _MAX_DEPTH:
        return node.text(deep=True)
    if tag in _TOKENS:
        return node.text(deep=True).strip()
    if tag == "mtext":
        # Words between symbols ("a if b") keep the spaces around them.
        return node.text(deep=True)
    if tag in _SKIPPED:
        return ""
    parts = []
    for child in node.iter(include_text=True):
        if child.tag == "-text":
            # Whitespace between elements is layout; other text is stray content.
            if text := child.text_content.strip():
                parts.append(text)
        else:
            parts.append(_render(child, depth + 1))
    if tag == "semantics":
        return parts[0] if parts else ""
    if tag == "mfrac" and len(parts) >= 2:
        return f"{_group(parts[0])}/{_group(parts[1])}"
    if tag in _SCRIPTS and len(parts) > 1:
        marks = _SCRIPTS[tag]
        text = _group(parts[0])
        for mark, script in zip(marks, parts[1:], strict=False):
            if script:
                text += mark + _group(script)
        return text
    if tag == "msqrt":
        return "√" + _group("".join(parts))
    if tag == "mroot" and len(parts) >= 2:
        return f"{_group(parts[1])}√{_group(parts[0])}"
    if tag == "mfenced":
        opening = node.attrs.get("open")
        closing = node.attrs.get("close")
        separator = (node.attrs.get("separators") or ",").strip()[:1]
        return f"{'(' if opening is None else opening}{separator.join(parts)}" + (
            ")" if closing is None else closing
        )
    if tag == "mtable":
        return "[" + "; ".join(part for part in parts if part) + "]"
    if tag == "mtr" or tag == "mlabeledtr":
        return ", ".join(part for part in parts if part)
    return "".join(parts)


def _group(text: str) -> str:
    """text as one operand: in parentheses unless it is a single symbol or number."""
    text = text.strip()
    if len(text) <= 1 or text.isalnum() or _enclosed(text):
        return text
    return f"({text})"


def _enclosed(text: str) -> bool:
    """Whether the bracket text opens with closes at its very end: "(a+b)", not "(a)+(b)"."""
    if text[0] not in "([{" or text[-1] not in ")]}":
        return False
    level = 0
    for index, char in enumerate(text):
        if char in "([{":
            level += 1
        elif char in ")]}":
            level -= 1
            if level == 0:
                return index == len(text) - 1
    return False
