"""The time zone a page's wall-clock dates are written in, when neither the page nor the user says.

A date shown without an offset ("28.04.2024, 14:26 Uhr", ``2024-04-28T14:26``) is the
site's local time far more often than UTC. When no ``SITE_TIMEZONE`` is given, the zone is
read from the page itself: its country domain (``.de``, ``.co.uk``, ``.jp``), else the region
of its declared language (``de-AT``, ``en-GB``), else the language when nearly all of its
speakers keep one clock (``ja``, ``pl``, ``de``), else a script of its title that one country's
language alone writes (kana, Hangul, Thai). Countries and languages spread over several offsets
(``.us``, ``.com.au``, ``en``, ``es``, ``fr``, ``pt``, ``ar``) give no guess, and the date stays in
UTC, as before. Pure: host, language and title in, IANA name out.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Country code -> zone, for countries (nearly) all on one clock. Used for country domains
#: and for the region subtag of a language tag.
_COUNTRY_ZONES = {
    "ad": "Europe/Andorra", "ae": "Asia/Dubai", "al": "Europe/Tirane", "am": "Asia/Yerevan",
    "ar": "America/Argentina/Buenos_Aires", "at": "Europe/Vienna", "az": "Asia/Baku", "ba": "Europe/Sarajevo",
    "bd": "Asia/Dhaka", "be": "Europe/Brussels", "bg": "Europe/Sofia", "bh": "Asia/Bahrain",
    "by": "Europe/Minsk", "ch": "Europe/Zurich", "cn": "Asia/Shanghai", "co": "America/Bogota",
    "cy": "Asia/Nicosia", "cz": "Europe/Prague", "de": "Europe/Berlin", "dk": "Europe/Copenhagen",
    "ee": "Europe/Tallinn", "eg": "Africa/Cairo", "es": "Europe/Madrid", "fi": "Europe/Helsinki",
    "fr": "Europe/Paris", "gb": "Europe/London", "ge": "Asia/Tbilisi", "gh": "Africa/Accra",
    "gr": "Europe/Athens", "hk": "Asia/Hong_Kong", "hr": "Europe/Zagreb", "hu": "Europe/Budapest",
    "ie": "Europe/Dublin", "il": "Asia/Jerusalem", "in": "Asia/Kolkata", "iq": "Asia/Baghdad",
    "ir": "Asia/Tehran", "is": "Atlantic/Reykjavik", "it": "Europe/Rome", "jo": "Asia/Amman",
    "jp": "Asia/Tokyo", "ke": "Africa/Nairobi", "kr": "Asia/Seoul", "kw": "Asia/Kuwait",
    "lb": "Asia/Beirut", "li": "Europe/Vaduz", "lk": "Asia/Colombo", "lt": "Europe/Vilnius",
    "lu": "Europe/Luxembourg", "lv": "Europe/Riga", "ma": "Africa/Casablanca", "md": "Europe/Chisinau",
    "me": "Europe/Podgorica", "mk": "Europe/Skopje", "mt": "Europe/Malta", "my": "Asia/Kuala_Lumpur",
    "ng": "Africa/Lagos", "nl": "Europe/Amsterdam", "no": "Europe/Oslo", "np": "Asia/Kathmandu",
    "nz": "Pacific/Auckland", "pe": "America/Lima", "ph": "Asia/Manila", "pk": "Asia/Karachi",
    "pl": "Europe/Warsaw", "pt": "Europe/Lisbon", "qa": "Asia/Qatar", "ro": "Europe/Bucharest",
    "rs": "Europe/Belgrade", "sa": "Asia/Riyadh", "se": "Europe/Stockholm", "sg": "Asia/Singapore",
    "si": "Europe/Ljubljana", "sk": "Europe/Bratislava", "th": "Asia/Bangkok", "tn": "Africa/Tunis",
    "tr": "Europe/Istanbul", "tw": "Asia/Taipei", "ua": "Europe/Kyiv", "uk": "Europe/London",
    "uy": "America/Montevideo", "ve": "America/Caracas", "vn": "Asia/Ho_Chi_Minh", "za": "Africa/Johannesburg",
}

#: Language -> zone, for languages nearly all of whose readers keep one clock (German in
#: Germany, Austria and Switzerland: one offset; Chinese in China, Taiwan, Hong Kong, Singapore: +08).
_LANGUAGE_ZONES = {
    "bg": "Europe/Sofia", "bs": "Europe/Sarajevo", "cs": "Europe/Prague", "da": "Europe/Copenhagen",
    "de": "Europe/Berlin", "el": "Europe/Athens", "et": "Europe/Tallinn", "fa": "Asia/Tehran",
    "fi": "Europe/Helsinki", "he": "Asia/Jerusalem", "hi": "Asia/Kolkata", "hr": "Europe/Zagreb",
    "hu": "Europe/Budapest", "hy": "Asia/Yerevan", "is": "Atlantic/Reykjavik", "it": "Europe/Rome",
    "ja": "Asia/Tokyo", "ka": "Asia/Tbilisi", "ko": "Asia/Seoul", "lb": "Europe/Luxembourg",
    "lt": "Europe/Vilnius", "lv": "Europe/Riga", "mk": "Europe/Skopje", "nb": "Europe/Oslo",
    "nl": "Europe/Amsterdam", "nn": "Europe/Oslo", "no": "Europe/Oslo", "pl": "Europe/Warsaw",
    "ro": "Europe/Bucharest", "sk": "Europe/Bratislava", "sl": "Europe/Ljubljana", "sq": "Europe/Tirane",
    "sr": "Europe/Belgrade", "sv": "Europe/Stockholm", "th": "Asia/Bangkok", "tr": "Europe/Istanbul",
    "uk": "Europe/Kyiv", "vi": "Asia/Ho_Chi_Minh", "zh": "Asia/Shanghai",
}

def page_zone(url: str | None, language: str | None, title: str | None = None) -> str | None:
    """The IANA zone the page most likely writes its local times in, or None (no guess)."""
    return _domain_zone(url) or _language_zone(language) or _script_zone(title)


#: Scripts that one country's language alone writes: kana (Japanese), Hangul (Korean), Thai. A page
#: that declares no language and sits on a ``.com`` is read by its title's script.
_SCRIPT_ZONES = ((re.compile("[\u3040-\u30ff]"), "Asia/Tokyo"), (re.compile("[\uac00-\ud7a3]"), "Asia/Seoul"),
                 (re.compile("[\u0e00-\u0e7f]"), "Asia/Bangkok"))


def _script_zone(title: str | None) -> str | None:
    return next((zone for script, zone in _SCRIPT_ZONES if title and script.search(title)), None)


def _domain_zone(url: str | None) -> str | None:
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return None
    labels = host.rstrip(".").split(".")
    return _COUNTRY_ZONES.get(labels[-1]) if len(labels) >= 2 else None


def _language_zone(language: str | None) -> str | None:
    if not language:
        return None
    parts = language.replace("_", "-").lower().split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region:
        return _COUNTRY_ZONES.get(region)  # "en-US", "pt-BR": a region of many clocks gives no guess
    return _LANGUAGE_ZONES.get(parts[0])
