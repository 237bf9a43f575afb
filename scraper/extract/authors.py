"""Author names: split bylines, drop 'By' and roles, keep people over outlets."""
from __future__ import annotations

import re

from scraper.extract.text import clean, fold

_PREFIX = re.compile(
    r"^(?:(?:(?:an?|eine?)\s+)?(?:written|posted|reported|edited|text|story|words|photos?|interview|commentary|"
    r"analysis|review|essay|column|kommentar|analyse|gastbeitrag|kolumne|glosse)\s+)?"
    r"(?:by|von|par|por|di|da|de|av|af|door|від|автор|авторы|автор:|text:|von:|by:|fotos?:|quelle:|source:|fuente:)\s*[:\-]?\s+",
    re.IGNORECASE,
)
#: One-letter conjunctions ("y", "e", "і", "и") only in lower case and not before a full stop:
#: "Laura E. Adkins" has a middle initial, not two names.
_SPLIT = re.compile(r"\s*(?:,|;|\||\s&\s|\band\b|\bund\b|\bet\b|\b(?-i:[yeіи])\b(?!\.)|\bog\b|\ben\b|/|·|•)\s*",
                    re.IGNORECASE)
#: Words that mark a byline fragment as a role or affiliation, not a name.
ROLE_WORDS = frozenset("""
reporter senior correspondent editor editors staff writer writers contributor columnist
journalist photographer producer analyst chief bureau deputy managing political economics
foreign news desk team редакція редакция autor autorin redakteur redakteurin korrespondent
korrespondentin redaktion journaliste rédaction rédacteur redazione redacción redactor
""".split())
_EMAIL = re.compile(r"\S+@\S+")
#: Longest byline read: no list of names is longer, and the patterns here must not see long text.
MAX_BYLINE_CHARS = 300
_PAREN = re.compile(r"\s*[\(\[].*?[\)\]]")
#: URLs, long numbers, clock times and ages of a post ("8h", "12 min": "James Akinaka • 8h").
_NOT_NAME = re.compile(r"https?://|www\.|\d{3,}|\b\d{1,2}:\d{2}\b|^\d{1,2}\s?[^\W\d_]{1,4}\.?$")
#: Words of a link label in a byline box ("View author archive", "Get author RSS feed", "Bio").
_LABEL_WORDS = frozenset("view archive rss feed bio bios articles follow profile posts stories subscribe email "
                         "contact more updated".split())
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|janvier|février|mars|avril|"
          r"mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|"
          r"dezember")
#: A date glued to the end of a name ("Patrick Reevell December 16", "Lucas Nolan 22 Dec").
_TRAILING_DATE = re.compile(r"\s+(?:(?:" + _MONTH + r")\s+\d{1,2}|\d{1,2}\.?\s+(?:" + _MONTH + r"))\b.*$",
                            re.IGNORECASE)


#: An outlet set in capitals after a name ("Meg Wagner NEW YORK DAILY NEWS") and a section and date
#: after it ("Michael Larabel in Valve on 14 June"): tails of a byline line, not the name.
_CAPS_TAIL = re.compile(r"(?<=[a-zà-ÿ.'’])(?:\s+[A-Z&][A-Z&.'’-]+){2,}$")
_SECTION_TAIL = re.compile(r"\s+in\s+[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,3}\s+on\b.*$")
#: Other contributors credited after the author ("Rob Ewaschuk Edited by Betsy Beyer").
_CREDIT_TAIL = re.compile(r"\s+(?:edited|illustrat(?:ed|ions?)|photos?|photographs|graphics|additional reporting|"
                          r"fact-checked|reviewed)\s+by\b.*$", re.IGNORECASE)
#: What a byline box sets after the name: a handle ("Greg Iacurci @GregIacurci"), a count or a
#: day ("Carlota Guindal 13", "Rachel Brazil 0"), a clock time ("Associated Press 12:20pm"), the
#: outlet written for ("Dolores Chang For Dailymail.Com"), a Korean or Japanese "reporter" title.
_NAME_TAIL = re.compile(r"\s+(?:@\w+|\d{1,2}(?:[:.]\d{2}\s*(?:[ap]\.?m\.?)?)?|기자|특파원|記者)$", re.IGNORECASE)
#: A relative time after the name ("Aleš Vávra před 2 hodinami", "Anna Lee 3 hours ago", "vor 2 Stunden").
_AGO_TAIL = re.compile(
    r"\s+(?:před|vor|hace|il y a|há|fa|temu|geleden)?\s*\d+\s*(?:hours?|hrs?|minutes?|mins?|days?|h|min|"
    r"hodin(?:ami|ou|y)?|minut(?:ami|ou|y)?|dn(?:y|em|i)|stunden?|minuten?|tagen?|heures?|jours?|horas?|minutos?|"
    r"días?|dias?|ore|minuti|giorni|godzin[ay]?|uur|dagen)(?:\s+(?:ago|temu|fa|geleden))?$", re.IGNORECASE)
_FOR_TAIL = re.compile(r"^(?P<name>\S+(?:\s+\S+){1,3}?)\s+for\s+[\w.-]+$", re.IGNORECASE)


def _without_tail(part: str) -> str:
    """The name less what the byline box sets after it (``_NAME_TAIL``; "for" and one outlet word
    after a name of two to four capitalised words: "Center for Progress" stays)."""
    part = _NAME_TAIL.sub("", part)
    match = _FOR_TAIL.match(part)
    return match.group("name") if match and _capitalised(match.group("name")) else part
#: Academic and professional degrees after a name ("Brenda Goodman, MA"): not names themselves.
_DEGREES = frozenset("ma ms msc mba md phd ph.d. rn mph jd dds do mfa ba bsc".split())


#: A column's or a desk's label of one to three words before "By Name" ("Deal Professor By STEVEN
#: DAVIDOFF SOLOMON", "Opinion By Anna Lee"): the name follows "by", capitalised.
_LABEL_BEFORE_BY = re.compile(r"^(?:[^\W\d_][\w'’-]*\s+){1,3}(?=(?:by|von|par|por|door)\s+(?-i:[A-ZÀ-ÞА-Я]))",
                              re.IGNORECASE)


def _strip_prefix(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _PREFIX.sub("", text).strip(" :-–—|,")
    return text


_ROLE_MODIFIERS = frozenset("senior junior chief deputy managing executive special contributing staff "
                            "political foreign economics business sports news data investigative "
                            "stv stellvertretender stellvertretende leitender leitende freier freie".split())


def _is_role(part: str) -> bool:
    """'Senior Reporter', 'Staff Writer': every word a role or a role modifier.
    'BR24 Redaktion' or 'Guardian staff reporter' keep a word that is a name."""
    words = [w.strip(".,").lower() for w in part.split()]
    return bool(words) and any(w in ROLE_WORDS for w in words) and all(
        w in ROLE_WORDS or w in _ROLE_MODIFIERS for w in words)


def split_byline(byline: str) -> list[str]:
    """'By Anna Smith and John Lee, Senior Reporters' -> ['Anna Smith', 'John Lee']."""
    text = clean(byline)[:MAX_BYLINE_CHARS]  # the patterns below are quadratic on long runs
    text = _EMAIL.sub("", text) if "@" in text else text
    text = _AGO_TAIL.sub("", _PAREN.sub("", text))  # before the split: "il y a" holds a Spanish "and"
    if not _PREFIX.match(text):  # ("Written by A Edited by B": A, the first credit)
        text = _LABEL_BEFORE_BY.sub("", text, count=1)
    text = _strip_prefix(text)
    names = []
    for part in _SPLIT.split(text):
        part = _TRAILING_DATE.sub("", _strip_prefix(part.strip(" .:-–—|")))
        part = _without_tail(_CREDIT_TAIL.sub("", _SECTION_TAIL.sub("", _CAPS_TAIL.sub("", part))))
        if part and not _is_role(part) and part.lower().strip(".") not in _DEGREES:
            names.append(part)
    return names


#: "Posted by NAME on DATE", "By NAME | DATE", "Written by NAME, 2 May": the name that follows
#: "by" up to the word or mark that ends it, in a post's meta line.
_META_BY = re.compile(r"(?:^|(?<=\s))(?:by|von|par|por|door)\s*:?\s+(?P<name>[^\W\d_][^\s,|·•—–(]*"
                      r"(?:\s+[^\W\d_][^\s,|·•—–(]*){0,3}?)(?=\s+(?:on|at|in|am|um|le|el|op|il)\s|\s*[,|·•—–(]|\s+-\s"
                      r"|\s+\d|\s*$)", re.IGNORECASE)
_PARTICLES = frozenset("de da di del della der den van von le la du dos das al bin ibn y".split())


def meta_line_name(text: str) -> str | None:
    """The person a post's meta line credits: a "by" followed by a capitalised name of 2 to 4
    words ("Posted by Ines Marlow on October 2" -> "Ines Marlow"); None for anything else. A date
    glued on without a word between ("By Gillian Mohney March 11, 2015") is cut off first."""
    text = clean(text)[:MAX_BYLINE_CHARS]
    return _by_name(_TRAILING_DATE.sub("", text)) or _by_name(text)


def _by_name(text: str) -> str | None:
    match = _META_BY.search(text)
    if match is None:
        return None
    name = match.group("name")
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[0].isupper() or w.lower() in _PARTICLES for w in words):
        return None
    return name if plausible_name(name) and not _is_role(name) else None


#: A line that is a byline: a byline word or label at its start ("By", "Written by", "Author:",
#: "Door", "Av", "Autor:"), then the names.
BYLINE_LINE = re.compile(
    r"^(?:(?:written|posted|reported|reporting|text|story|words)\s+by|by|von|par|por|door|di|av|af|przez|"
    r"autor(?:in|a)?|author|auteur|autore|tekst|texto|text|forfatter|skrevet av|skrevet af|escrito por|"
    r"scritto da)\b\s*[:：]?\s*(?=\S)", re.IGNORECASE)
#: Where a byline line's names end: a bar or a dash, a bracket, a number (a date), "on" before a
#: date or "in" before a place, a semicolon before another credit ("Reporting by Anna Lee; Editing
#: by Tom Park"), the label of the next item ("By Kathy Wise Published in News").
_LINE_END = re.compile(r"\s*(?:[|·•—–;(]|\s-\s)|\s+(?:on|at|am|um|le|el|op|il|in)\s|\s+\d|"
                       r"\s+(?:last\s+)?(?:published|updated|posted|veröffentlicht|aktualisiert|publié|publicado)\b",
                       re.IGNORECASE)
#: A byline block that holds only its label ("By", "Autor:"), the name in the next element.
BYLINE_LABEL = re.compile(BYLINE_LINE.pattern.replace("(?=\\S)", "$"), re.IGNORECASE)


def line_names(text: str) -> list[str]:
    """The people a byline line credits ("Written by Anna Lee and Tom Park, March 3, 2024" -> both
    names). The first must be two or more capitalised words ("By the river road" credits no one);
    a one-word credit beside it is an agency ("By Julian Linden, Reuters"); a title after a comma
    ("Nick Levine, Music Editor") is no name."""
    text = clean(text)[:MAX_BYLINE_CHARS]
    match = BYLINE_LINE.match(text)
    if match is None:
        return []
    rest = _LINE_END.split(_TRAILING_DATE.sub("", text[match.end():]), maxsplit=1)[0]
    names = clean_names([", ".join(part for part in rest.split(",") if not re.search(r"\d", part))])
    names = names[:1] and [_without_role_tail(names[0]), *names[1:]]
    names = [n for i, n in enumerate(names) if _capitalised(n) and n.lower() not in _DAY_WORDS
             and not (i and any(w.lower() in ROLE_WORDS for w in n.split()))]
    return names if names and _name_words(names[0]) >= 2 else []


def _without_role_tail(name: str) -> str:
    """"Howard Blume Staff Writer" -> "Howard Blume": one person's job title after the name, when two
    words are left ("Smart Shopping Team" names a group, and stays)."""
    words = name.split()
    if len(words) < 3 or words[-1].lower() not in _PERSON_TITLES:
        return name
    end = len(words) - 1
    while end > 2 and words[end - 1].lower() in ROLE_WORDS:
        end -= 1
    return " ".join(words[:end])


#: The last word of one person's job title.
_PERSON_TITLES = frozenset("writer correspondent reporter editor columnist contributor journalist journaliste "
                           "photographer producer analyst autor autorin korrespondent korrespondentin redakteur "
                           "redakteurin redactor rédacteur".split())


#: A weekday after a byline's comma ("By Tameka Kee, Friday, December 28") is no agency.
_DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday montag dienstag "
                       "mittwoch donnerstag freitag samstag sonntag heute gestern lundi mardi mercredi jeudi "
                       "vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo".split())


def _capitalised(name: str) -> bool:
    """Every word capitalised or a particle, and at most four that are not particles."""
    return all(w[0].isupper() or w.lower() in _PARTICLES for w in name.split()) and _name_words(name) <= 4


def _name_words(name: str) -> int:
    return sum(1 for w in name.split() if w.lower() not in _PARTICLES)


def signed_name(text: str) -> bool:
    """A name signed under an article: two to four words, each capitalised or a particle, no
    digits or punctuation but a hyphen or an apostrophe ("Lê Phương", "Anna-Lena Berg")."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
            and not re.search(r"[^\w\s'’-]|\d", text) and plausible_name(text) and not _is_role(text))


def plausible_name(name: str) -> bool:
    """A person or outlet name, not a sentence, URL or date."""
    if not name or len(name) > 60 or _NOT_NAME.search(name):
        return False
    words = name.split()
    if any(w.lower() in _LABEL_WORDS for w in words):
        return False
    return 1 <= len(words) <= 6 and any(ch.isalpha() for ch in name)


def clean_names(raw: list[str]) -> list[str]:
    """Split, strip and de-duplicate author names, keeping byline order."""
    seen: set[str] = set()
    out: list[str] = []
    for value in raw:
        if (_NOT_NAME.search(value) or "/" in value) and " " not in value.strip():
            continue  # a URL, a path or an identifier, not a byline
        for name in split_byline(value):
            key = fold(name)
            if plausible_name(name) and key not in seen:
                seen.add(key)
                out.append(name)
    return out
