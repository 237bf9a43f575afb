"""The edges of an article's text: datelines and bylines before it, tag lists, sign-up lines and
the readers' comments after it (``trim_edges``, ``before_comments``), read from the blocks alone."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scraper.extract.authors import signed_name

if TYPE_CHECKING:
    from scraper.extract.body import Block


_DATELIKE = re.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janeiro|fevereiro|março|abril|maio|junho|julho|"
    r"agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|"
    r"noviembre|diciembre|januar|februar|märz|juni|juli|oktober|dezember|janvier|février|mars|avril|mai|"
    r"juin|juillet|août|septembre|octobre|novembre|décembre)\w*\.?\s+\d{4}\b", re.IGNORECASE)
#: "By" opens a byline, but not a sentence ("By the way, ...", "By contrast, ...", "By using ..."): the
#: word after it in lower case and no capital after that ("By An Nguyen", "By A. Smith", "By the
#: Associated Press" are bylines).
_BY_SENTENCE = (r"the|a|an|this|that|these|those|way|now|then|contrast|comparison|far|all|no|some|any|my|our|"
                r"his|her|their|its|using|doing|being")
_META_LINE = re.compile(rf"^(?:by(?!\s+(?-i:(?:{_BY_SENTENCE})\b(?!\s+[A-Z])))|por|von|par|di|publicado|"
                        r"published|posted|updated|atualizado|actualizado|aktualisiert|mis à jour|veröffentlicht)\b",
                        re.IGNORECASE)
_TAIL_LINE = re.compile(r"^(?:tags?|tagged|schlagwörter|etiquetas|palavras-chave)\b\s*:?\s|"
                        r"^[\d.,]+\s*k?\s+(?:views?|reads?|shares?|likes?|aufrufe|vues|visualizações|visitas)$|"
                        r"^(?:atenção|attention|hinweis|note)\s*:.*(?:coment|comment|kommentar)|"
                        r"^.{0,200}\b(?:sign up (?:for|to) (?:our|the|a)\b|subscribe (?:to|now|today)\b|"
                        r"(?:our|the|free|daily|weekly) newsletter|delivered (?:to|through) your|"
                        r"download (?:our|the) app|follow us on)\b.{0,200}$", re.IGNORECASE)


#: A line that opens the readers' comments ("Comments (33)", "12 comments", "Leave a reply", "Talkback",
#: "Comments »" with a link to the form).
_COMMENTS_START = re.compile(
    r"^(?:.{0,60}\bcomments?\s*\(\d+\).{0,40}|\d+\s+(?:comments?|responses?|replies)|"
    r"(?:leave|post|add|write|submit)\s+(?:a|your|new)\s+(?:comment|reply|response)|"
    r"(?:reader|user|your)?\s*comments?|talkback\b.{0,40}|kommentare?(?:\s*\(\d+\))?|"
    r"commentaires?(?:\s*\(\d+\))?|comentarios?(?:\s*\(\d+\))?)\s*[:.!]?\s*[»›→↓]?$", re.IGNORECASE)


def before_comments(blocks: list[Block]) -> list[Block]:
    """The blocks before the first line that opens the comments, once some text came before it."""
    seen = 0
    for index, block in enumerate(blocks):
        if seen >= 200 and len(block.text) < 100 and _COMMENTS_START.match(block.text):
            return blocks[:index]
        seen += len(block.text)
    return blocks


#: A line that is only a date written month first ("Wednesday, January 16, 2008", "March 3rd, 2024").
_MONTH_FIRST_DATE_LINE = re.compile(
    r"^(?:[^\W\d_]+,?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"\s+\d{4}\.?$", re.IGNORECASE)


#: A line that is only a numeric date and time ("07.12.2026, 09:15", "2024-03-12 14:05 Uhr").
_NUMERIC_DATE_LINE = re.compile(r"^(?:\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})(?:[,\s|–-]+\d{1,2}[:.]\d{2}"
                                r"(?:\s*(?:uhr|h))?)?$", re.IGNORECASE)
#: How many blocks from the start a dateline of only a date may sit (after a standfirst, a caption).
_DATELINE_REACH = 3


def _is_meta_line(block: Block) -> bool:
    """A dateline or byline line ("Updated at 1:23 p.m.", "05/10/2018 - Publicado por: ...")."""
    return len(block.text) < 150 and (bool(_META_LINE.match(block.text)) or (
        bool(_DATELIKE.search(block.text)) and len(block.text.split()) <= 14)
        or bool(_MONTH_FIRST_DATE_LINE.match(block.text)))


def trim_edges(blocks: list[Block]) -> list[Block]:
    """Datelines and bylines before the text, tag lists and comment rules after it."""
    start = 0
    if len(blocks) > 2 and not blocks[0].links and signed_name(blocks[0].text) and _is_meta_line(blocks[1]):
        start = 1  # a byline of just the name, then the dateline ("Josh Pringle" / "Wednesday, January 16, 2008")
    while start < len(blocks) - 1 and _is_meta_line(blocks[start]):
        start += 1
    blocks = blocks[:start] + [b for i, b in enumerate(blocks[start:], start)
                               if not (i < _DATELINE_REACH and _NUMERIC_DATE_LINE.match(b.text))]
    end = len(blocks)
    while end > start + 1 and (_TAIL_LINE.match(blocks[end - 1].text) or _is_meta_line(blocks[end - 1])):
        end -= 1
    return blocks[start:end]
