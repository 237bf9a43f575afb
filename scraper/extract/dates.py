"""Date parsing: machine-readable dates cheaply, free text through dateparser.

Every value that leaves this module is an ISO 8601 string: a date-time with a
UTC offset, or a bare ``YYYY-MM-DD`` when the source gives only the day.
A date-time without a zone is read in the site time zone (``tz``).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ISO = re.compile(
    r"^\s*(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T\s](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$"
)
_EPOCH = re.compile(r"^\s*\d{9,13}\s*$")
#: Years outside this window are treated as parse errors (typos, epoch zero).
MIN_YEAR, MAX_YEAR = 1990, 2100


@lru_cache(maxsize=64)
def zone(name: str | None) -> dt.tzinfo:
    """The tzinfo for an IANA name; UTC for None or an unknown name."""
    if not name or name.upper() == "UTC":
        return dt.timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.timezone.utc


def format_datetime(value: dt.datetime) -> str:
    """ISO 8601 with offset, seconds precision."""
    return value.replace(microsecond=0).isoformat()


def now_iso() -> str:
    """The current time as ISO 8601 in UTC, seconds precision (``fetched_at``, run start and end)."""
    return format_datetime(dt.datetime.now(dt.timezone.utc))


def to_instant(value: str | None) -> dt.datetime | None:
    """An ISO 8601 date or date-time as an aware datetime; a bare day is its midnight UTC; None if unreadable.

    The one reader of the ISO strings we write (records, sitemap entries, state, WARC dates)."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


def _valid(value: dt.date) -> bool:
    return MIN_YEAR <= value.year <= MAX_YEAR


def parse_iso(raw: str, tz: str | None = None) -> str | None:
    """Parse ISO 8601 and its common variants without dateparser; None if not ISO."""
    match = _ISO.match(raw)
    if not match:
        return None
    year, month, day, hour, minute, second, _frac, offset = match.groups()
    try:
        if hour is None:
            day_value = dt.date(int(year), int(month), int(day))
            return day_value.isoformat() if _valid(day_value) else None
        value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return None
    if not _valid(value):
        return None
    if offset in (None, ""):
        value = value.replace(tzinfo=zone(tz))
    elif offset.upper() in ("Z", "UTC", "GMT"):
        value = value.replace(tzinfo=dt.timezone.utc)
    else:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes > 59:
            return None
        value = value.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))
    return format_datetime(value)


_WRITTEN_OFFSET = re.compile(r"(?:\d(?:Z|z)|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT)(?:[+-]\d{2}:?\d{2})?)\s*$")


def has_offset(raw: str) -> bool:
    """The date text ends with its own UTC offset (``Z``, ``+02:00``, ``-0400``, ``GMT``), so it
    does not depend on the site zone; a bare time or a Unix timestamp has none written."""
    return bool(_WRITTEN_OFFSET.search(raw.strip())) and ":" in raw


def parse_epoch(raw: str) -> str | None:
    if not _EPOCH.match(raw):
        return None
    number = int(raw)
    seconds = number / 1000 if number > 10**11 else number
    try:
        value = dt.datetime.fromtimestamp(seconds, dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None
    return format_datetime(value) if _valid(value) else None


def parse_rfc2822(raw: str, tz: str | None = None) -> str | None:
    """RSS-style dates: 'Fri, 02 Feb 2024 17:01:00 +0200' (RFC 822's two-digit years too: 'Mon, 01 Nov 21')."""
    if not re.match(r"^\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2}(?:\d{2})?\s+\d", raw):
        return None
    try:
        value = email.utils.parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return format_datetime(value) if _valid(value) else None


_HAS_TIME = re.compile(r"\d{1,2}[:.h]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_NOISE = re.compile(
    r"^(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|publié|mis à jour|"
    r"опубліковано|оновлено|публикация|pubblicato|publicado|actualizado|stand|am|on|le|el)\s*:?\s*",
    re.IGNORECASE,
)
_TZ_ABBREVIATIONS = {
    "EET": "+02:00", "EEST": "+03:00", "CET": "+01:00", "CEST": "+02:00", "MEZ": "+01:00",
    "MESZ": "+02:00", "BST": "+01:00", "WET": "+00:00", "WEST": "+01:00", "MSK": "+03:00",
    "IST": "+05:30", "JST": "+09:00", "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00",
    "EST": "-05:00", "EDT": "-04:00", "CST": "-06:00", "CDT": "-05:00", "MST": "-07:00",
    "MDT": "-06:00", "PST": "-08:00", "PDT": "-07:00", "UTC": "+00:00", "GMT": "+00:00",
}
_TZ_WORD = re.compile(r"\b(" + "|".join(_TZ_ABBREVIATIONS) + r")\b")


#: A relative date finer than a day ("vor 2 Stunden"): it has a time of day; "yesterday" has not.
_SUB_DAY = re.compile(r"hour|minute|\bhrs?\b|\bmins?\b|stunde|heure|hora|\bora\b|\bore\b|час|годин|мин|хвилин|timm",
                      re.IGNORECASE)
_OFFSET = re.compile(r"(?:^|\s)[+-]\d{2}:?\d{2}\b|\bZ$")
_RELATIVE = re.compile(r"\b(?:ago|vor|hace|il y a|тому|назад|fa|yesterday|today|gestern|heute|vorgestern|hier|"
                       r"aujourd'hui|ayer|hoy|ieri|oggi|вчера|сегодня|вчора|сьогодні|igår|idag|i går|i dag)\b",
                       re.IGNORECASE)


_NO_BASE = dt.datetime(1900, 1, 1)


def _dateparser_settings(tz: str | None, now: dt.datetime | None, explicit_offset: bool) -> dict[str, object]:
    """One place for dateparser settings. With an offset in the text, no TIMEZONE
    is passed, so the page's own offset is kept instead of converted."""
    settings: dict[str, object] = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": None if explicit_offset else (tz or "UTC"),
        "PREFER_DAY_OF_MONTH": "first",
        "STRICT_PARSING": False,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    # Without a fetch time, relative dates anchor at 1900 and fail ``_valid``: ``_RELATIVE``
    # knows a dozen languages' words, dateparser two hundred ("před 2 hodinami" is Czech).
    settings["RELATIVE_BASE"] = now.astimezone(zone(tz)).replace(tzinfo=None) if now is not None else _NO_BASE
    return {k: v for k, v in settings.items() if v is not None}


_NUMERIC_DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b"
                          r"(?:[,\s\-–|]*(?:um\s)?(\d{1,2})[:.h](\d{2}))?")


def parse_numeric_dmy(raw: str, tz: str | None = None) -> str | None:
    """'06.01.2026, 14:05' -> day first: dotted numeric dates are day.month.year in every locale."""
    match = _NUMERIC_DMY.search(raw)
    if not match:
        return None
    day, month, year, hour, minute = match.groups()
    try:
        if hour is None:
            value = dt.date(int(year), int(month), int(day))
            return value.isoformat() if _valid(value) else None
        moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=zone(tz))
    except ValueError:
        return None
    return format_datetime(moment) if _valid(moment) else None


#: A year-first numeric date inside a labelled line ("입력 : 2025-06-04 02:37:08", "更新 2025/06/04 02:37",
#: "2019年2月27日 読了時間 3 分"): year-month-day in every locale, so read without a language.
_NUMERIC_YMD = re.compile(r"(?<![\d.,/-])((?:19|20)\d{2})(?:([-./])(\d{1,2})\2(\d{1,2})(?![\d/-])|"
                          r"\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일])"
                          r"(?:\.?[T\s,|]+(\d{1,2})[:h時시](\d{2})(?::(\d{2}))?)?")


def parse_numeric_ymd(raw: str, tz: str | None = None) -> str | None:
    """The first year-first numeric date of a line, with its time when one follows."""
    match = _NUMERIC_YMD.search(raw)
    if not match:
        return None
    year, _sep, month, day, cjk_month, cjk_day, hour, minute, second = match.groups()
    month, day = month or cjk_month, day or cjk_day
    try:
        if hour is None:
            value = dt.date(int(year), int(month), int(day))
            return value.isoformat() if _valid(value) else None
        moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                             tzinfo=zone(tz))
    except ValueError:
        return None
    return format_datetime(moment) if _valid(moment) else None


#: Languages dateparser tries when the page does not say its own. Without a list it tries all
#: 200+ locales: about 2 s to load them and 15-25 ms a string afterwards, against 5 ms for this list.
DEFAULT_LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "sv", "da", "nb", "fi", "cs",
                     "tr", "ja", "zh", "ar"]


def parse_text(raw: str, tz: str | None = None, languages: list[str] | None = None,
               now: dt.datetime | None = None) -> str | None:
    """Free-text dates ('Feb. 2, 2024 5:01 PM EET', '2 лютого 2024') via dateparser."""
    numeric = parse_numeric_dmy(raw, tz) or parse_numeric_ymd(raw, tz)
    if numeric:
        return numeric
    text = _NOISE.sub("", raw.strip())
    relative = bool(_RELATIVE.search(text))
    if relative and now is None:
        return None  # "2 hours ago" on a page of unknown fetch time: no date beats a wrong one
    if (not relative and not _HAS_DIGIT.search(text)) or len(text) > 80:
        return None
    offset_match = _TZ_WORD.search(text)
    if offset_match:
        text = text.replace(offset_match.group(1), _TZ_ABBREVIATIONS[offset_match.group(1)])
    import dateparser  # imported lazily: it costs ~0.5 s at import time

    try:
        settings = _dateparser_settings(tz, now, bool(_OFFSET.search(text)))
        value = dateparser.parse(text, languages=languages or DEFAULT_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if value is None or not _valid(value):
        return None
    if not _HAS_TIME.search(text) and not (relative and _SUB_DAY.search(text)):
        return value.date().isoformat()
    return format_datetime(value)


_UTC_WORD = re.compile(r"\b(?:UTC|GMT)\b", re.IGNORECASE)


def day_unless_zoned(value: str | None, raw: str, tz: str | None) -> str | None:
    """A time read from the page's text in no known zone (none given, none guessed for the page:
    ``tz`` None) and written with none ("6:18 am", "14:26") is a wall clock of an unknown place:
    its day is kept, not an instant read as UTC that may be hours (and a day) off. A time the text
    gives a zone ("14:05 GMT", "3:15 PM EST") or one counted back from the fetch ("3 hours ago")
    is an instant, and stays."""
    if (value and tz is None and len(value) > 10 and value.endswith("+00:00") and not has_offset(raw)
            and not _UTC_WORD.search(raw) and not _RELATIVE.search(raw)):
        return value[:10]
    return value


def parse_date(raw: object, tz: str | None = None, languages: list[str] | None = None,
               now: dt.datetime | None = None, free_text: bool = True) -> str | None:
    """Any date value found on a page -> ISO 8601 string, or None."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        raw = str(int(raw))
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not raw or len(raw) > 200:
        return None
    iso = parse_iso(raw, tz) or parse_epoch(raw) or parse_rfc2822(raw, tz)
    if iso or not free_text:
        return iso
    return parse_text(raw, tz, languages, now)
