"""What each number of a sentence of report text is: a figure (which one, of which month), a number the
data never hold, or no count at all (a date, a span, one incident's detail …).

The reader works clause by clause, since a report puts two months in one sentence ("11 attacks, down from 18
in December"): each number takes the month named next to it in its clause ("18 in December", "October's 17",
"last month"), else the month its clause compares with, else the report's month. What it counts comes from
the words that follow it ("4 SDF personnel killed", "10 SDF and Coalition raids"), else the verb before it
("killing 4", "arrested 85 people"), else the figure its sentence was already speaking of ("down from 18").
Cues in the clause then narrow what a number may be compared with: one incident's story is exempt, a part of a
figure ("of these, 12 in Deir ez-Zor", "plus 6 more days of the camp operation") or someone else's claim is
never called a contradiction. The words are in `lexicon`; no data are read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..months import previous_month
from . import lexicon
from .text_numbers import MONTH_NAMES, SMALL_WORDS, Number, numbers

# Where a sentence divides into clauses that may speak of different months or scopes.
_CLAUSE = re.compile(r";|\(|\)|\s[–—]\s|\s-\s|:\s|,\s*(?=(?:while|whereas|down|up|a decrease|an increase|a drop|a rise|"
                     r"compared|against|including|of which|of whom|bringing|plus|but|although|though|which|when|"
                     r"after|as|with|in addition|marking|in comparison|in contrast|roughly|similar|consistent|"
                     r"slightly|significantly|far|a slight|a sharp|an uptick|the same|nearly|almost|again|"
                     r"compared|and (?:a|an|the|in)\b)\b)|\.\s", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’./-]*", re.IGNORECASE)
_MONTH_MENTION = re.compile(r"\b(?P<name>" + "|".join(MONTH_NAMES) + r")(?P<poss>['’]s)?(?:\s+(?P<year>(?:19|20)\d\d))?"
                            r"(?![\w-])", re.IGNORECASE)
_RELATION = re.compile(r"\b(?P<rel>" + "|".join(re.escape(r) for r in lexicon.PREVIOUS_MONTH + lexicon.THIS_MONTH)
                       + r")(?P<poss>['’]s)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What one number of a sentence is. `kind` is 'figure', 'exempt' or 'other'; a figure has a `metric`
    (the corpus' names: 'attacks', 'region_attacks:deir ez-zor', 'repatriation_women:Kyrgyzstan',
    'camp_total:al-Hol', 'repatriations_total' …), a `month`, a `measure` (count, percent_change, difference,
    with `base_month`) and whether the tie is `certain` (only a certain tie can contradict the data)."""

    number: Number
    sentence: str
    kind: str
    metric: str = ""
    month: str = ""
    measure: str = "count"
    base_month: str = ""
    reason: str = ""
    certain: bool = True


def _has(text: str, keys: tuple[str, ...]) -> bool:
    """Whether a key occurs in `text` at a word's start (a key ending in '$' must end a word)."""
    return any(re.search(r"(?<![\w-])" + (re.escape(k[:-1]) + r"(?![\w-])" if k.endswith("$") else re.escape(k)),
                         text) for k in keys)


def _lookup(word: str, table: dict[str, tuple[str, ...]]) -> str:
    return next((name for name, keys in table.items() if _has(word, keys)), "")


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE.finditer(sentence):
        spans.append((start, m.start()))
        start = m.start() if m.group(0)[:1] == "," else m.end()
    spans.append((start, len(sentence)))
    return spans


def month_of(name: str, year: str, report_month: str) -> str:
    """A month a report names: with its year, or the latest month of that name up to the report's month."""
    number = MONTH_NAMES.index(name.lower()) + 1
    if year:
        return f"{year}-{number:02d}"
    ry, rm = int(report_month[:4]), int(report_month[5:7])
    return f"{ry if number <= rm else ry - 1:04d}-{number:02d}"


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    month: str
    possessive: bool


def _mentions(sentence: str, report_month: str) -> list[_Mention]:
    found = []
    for m in _MONTH_MENTION.finditer(sentence):
        if m.group("name").lower() == "may" and not m.group("name")[0].isupper():
            continue  # 'may' the verb
        found.append(_Mention(m.start(), m.end(), month_of(m.group("name"), m.group("year") or "", report_month),
                              bool(m.group("poss"))))
    for m in _RELATION.finditer(sentence):
        rel = m.group("rel").lower()
        month = report_month if rel in lexicon.THIS_MONTH else previous_month(report_month)
        found.append(_Mention(m.start(), m.end(), month, bool(m.group("poss"))))
    return sorted(found, key=lambda x: x.start)


def _words(text: str) -> list[str]:
    return [w.lower().strip(".,'’") for w in _WORD.findall(text)]


@dataclass
class _Context:
    """What the sentence has said so far: the last figure's metric and the last group of people."""

    metric: str = ""
    group: str = ""
    head: str = ""


def _number_month(number: Number, clause: tuple[int, int], mentions: list[_Mention], sentence: str,
                  report_month: str) -> tuple[str, bool]:
    """The month a number is of, and whether it stands in a comparison ('down from 18')."""
    start, end = clause
    inside = [m for m in mentions if start <= m.start < end]
    after = sentence[number.end:end]
    near_after = [m for m in inside if m.start >= number.end and len(_words(sentence[number.end:m.start])) <= 3
                  and not any(w in ("attacks", "raids", "arrests") for w in _words(sentence[number.end:m.start]))
                  and re.fullmatch(r"[\s\w-]*?(?:\b(?:in|during|of|for|from|on|the|last|month)\b)?\s*",
                                   sentence[number.end:m.start], re.IGNORECASE)]
    if near_after and not near_after[0].possessive:
        return near_after[0].month, False
    before = sentence[start:number.start]
    possessive = [m for m in inside if m.end <= number.start and m.possessive
                  and len(_words(sentence[m.end:number.start])) <= 2]
    if possessive:
        return possessive[-1].month, True
    comparing = re.search(r"\b(?:from|than|compared (?:to|with)|versus|against|vs\.?)\s+(?:the\s+)?(?:[a-z-]+\s+)?$",
                          before, re.IGNORECASE)
    preceding = [m for m in inside if m.end <= number.start]
    following = [m for m in inside if m.start >= number.end]
    if comparing:
        target = [m for m in following if not re.search(r"\bto\b", sentence[number.end:m.start])]
        return (target[0].month if target else previous_month(report_month)), True
    if preceding:
        return preceding[-1].month, False
    if following and not re.search(r"\b(?:from|than|compared|since)\b", after[:following[0].start - number.end],
                                   re.IGNORECASE):
        return following[0].month, False
    lead = [m for m in mentions if m.end <= start and re.match(r"\s*(?:in|during)\s*$",
                                                              sentence[:m.start][-8:], re.IGNORECASE)]
    if lead and lead[0].start < 12:  # 'In October, …; 8 raids': the sentence's own month
        return lead[0].month, False
    return report_month, False


def _scan_after(words: list[str]) -> tuple[str, str, str]:
    """(head, group, stop) from the words after a number, up to a comma: what it counts, whose, and why the
    scan stopped ('unit:tunnels', 'part', 'word:…')."""
    group = ""
    for i, word in enumerate(words[:8]):
        if word in ("of", "for") and i + 1 < len(words) and words[i + 1] in ("these", "those", "them", "whom",
                                                                            "which", "the", "this"):
            return "", group, "part"
        if word in ("of",) and group:
            return "", group, "word:of"
        head = _lookup(word, lexicon.HEADS)
        if head == "raids" and word.startswith("operation") and (group or i > 0 and words[i - 1] == "security"):
            head = ""
        if head:
            following = words[i + 1] if i + 1 < len(words) else ""
            if head == "repatriated" and word.startswith("repatriation") and (
                    _has(following, lexicon.UNITS) or following.startswith(("operation", "round"))):
                return "", group, "unit:" + following
            if head == "population" and word in ("held", "holds", "remain", "remained") and i > 2:
                return "", group, "far"
            return head, group, ""
        g = _lookup(" ".join(words[i:i + 2]), {"isis": ("isis members$", "cell members$", "isis suspects$")}) \
            or _lookup(word, lexicon.GROUPS)
        if g:
            group = group if group == "officials" and g == "isis" else g if not (group == "isis" and g == "officials"
                                                                                 ) else "officials"
            continue
        if word in MONTH_NAMES or word in ("month", "last", "previous", "prior"):
            return "", group, "month"
        if _has(word, lexicon.UNITS):
            return "", group, "unit:" + word
        if _has(word, lexicon.NEUTRAL) or word in lexicon.COUNTRIES:
            continue
        return "", group, "word:" + word
    return "", group, "end"


_VERBS = ("killed", "injured", "arrests", "repatriated")


def _verb_before(words: list[str], immediate: bool = False) -> tuple[str, str]:
    """The verb (and group) just before a number: 'killing 4', 'arrested 85', 'repatriates 27'; with
    `immediate`, only a verb that is the word right before it."""
    group = ""
    for i, word in enumerate(reversed(words[-1:] if immediate else words[-4:])):
        head = _lookup(word, lexicon.HEADS)
        if head and (head in _VERBS or not immediate) and not (head == "raids" and word.startswith("operation")):
            if head == "arrests" and word in ("arrests",) and immediate:
                continue
            return head, group
        g = _lookup(word, lexicon.GROUPS)
        if g:
            group = group or g
    return "", group


def _country(text: str) -> str:
    low = " " + text.lower() + " "
    for key in sorted(lexicon.COUNTRIES, key=len, reverse=True):
        if re.search(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", low) and not (key == "us" and "u.s." not in low
                                                                                 and " us " not in low):
            if key in ("syrian", "syria"):
                continue
            return lexicon.COUNTRIES[key]
    return ""


def _region(text: str) -> str:
    low = text.lower()
    for alias in sorted(lexicon.REGIONS, key=len, reverse=True):
        if re.search(r"\b(?:in|at|from|to)\s+(?:the\s+)?" + re.escape(alias) + r"(?![\w-])", low):
            return lexicon.REGIONS[alias]
    return ""


def _metric(head: str, group: str, clause: str, context: _Context, sentence: str = "") -> str:
    low, whole = clause.lower(), (sentence or clause).lower()
    camp = _has(low, lexicon.CAMP_OPERATION)
    if head == "attacks":
        if re.search(r"unverified|could not (?:be )?(?:independently )?(?:confirm|verif)|not (?:been )?confirmed|"
                     r"claimed by isis|isis claimed|unconfirmed|additional", low) and "confirmed attacks" not in low:
            return "attacks_unverified"
        return "hol_attacks" if camp and "inside" in low else "attacks"
    if head == "raids":
        return "hol_raids" if camp and "raid" not in low.split("camp")[0][-30:] and _has(low, ("days$", "day$")) \
            else "raids"
    if head == "arrests":
        if group == "officials":
            return "isis_officials_captured"
        return "hol_arrests" if camp else "arrests"
    if head in ("killed", "injured"):
        if not group and context.group and context.head in ("killed", "injured"):
            group = context.group
        if not group and re.search(r"\braids?\b", low) and head == "killed":
            group = "isis"
        mapping = {"military": "military", "civilian": "civilian"}
        if group in mapping:
            return f"{mapping[group]}_{head}"
        if group == "isis" and head == "killed":
            return "isis_killed"
        if group == "officials" and head == "killed":
            return "isis_officials_killed"
        if group == "people" or not group:
            return "deaths_total" if head == "killed" else "injured_total"
        return ""
    if head == "repatriated" or (group in ("women", "children", "families", "people") and
                                 re.search(r"repatriat|brought home|bring home|returned home|flew home|handed over",
                                           whole)):
        country = _country(clause) or _country(sentence)
        field = {"women": "women", "children": "children", "families": "families"}.get(group, "people")
        return f"repatriation_{field}:{country}"
    camp = camp or _has(whole, ("al-hol", "hol camp", "roj camp"))
    if head == "population" or (group in ("iraqi", "syrian", "third_country") and camp):
        which = {"iraqi": "iraqi", "syrian": "syrian", "third_country": "third_country"}.get(group, "total")
        camp_name = "Roj" if "roj" in low else "al-Hol"
        if group in ("people", "iraqi", "syrian", "third_country", "women", "children", "") and camp:
            return f"camp_{which}:{camp_name}"
    return ""


_OTHER_VIOLENCE = ("unrest", "clashes", "fighting", "tribal", "turkish", "violence", "airstrike", "drone strike",
                   "shelling", "militias", "iranian", "government forces")
_CASUALTY = ("killed", "injured")


def _closing_verb(text: str) -> str:
    """The verb closing a list that begins at a number ('4 military personnel and 7 civilians injured'):
    only groups, numbers and 'and' may stand between."""
    for word in _words(text)[:14]:
        head = _lookup(word, lexicon.HEADS)
        if head in ("killed", "injured", "arrests") and not word.startswith(("death", "fatalit")):
            return head
        if head or not (word.isdigit() or word in SMALL_WORDS or word.replace(",", "").isdigit()
                        or _lookup(word, lexicon.GROUPS) or word in ("and", "were", "was", "isis", "also", "other")):
            return ""
    return ""


def read_sentence(sentence: str, report_month: str, metric: str = "") -> list[Reading]:
    """Every number of `sentence` (of the report on `report_month`) with what it is; `metric` is what the
    sentence before it spoke of ('only 4 occurred in other cantons' after a sentence on attacks)."""
    found = numbers(sentence)
    mentions = _mentions(sentence, report_month)
    clauses = _clauses(sentence)
    low_sentence = sentence.lower()
    span = _has(low_sentence, lexicon.SPAN) and not re.search(r"\bthis month\b", low_sentence)
    attributed = _has(low_sentence, lexicon.ATTRIBUTED)
    has_day = any(n.exempt == "date" and re.search(r"\d", n.written) for n in found)
    context, out = _Context(metric=metric), []
    for index, number in enumerate(found):
        if number.exempt:
            out.append(Reading(number, sentence, "exempt", reason=number.exempt))
            continue
        clause = next((c for c in clauses if c[0] <= number.start < c[1]), (0, len(sentence)))
        text = sentence[clause[0]:clause[1]]
        low = text.lower()
        previous_end = max([n.end for n in found[:index] if n.end <= number.start and n.start >= clause[0]],
                           default=clause[0])
        next_start = min([n.start for n in found[index + 1:] if n.start < clause[1]], default=clause[1])
        after_text = re.split(r"[,;:()]", sentence[number.end:next_start])[0]
        after = _words(after_text)
        cut = max(previous_end, max((m.end() for m in re.finditer(r"[,;:()]", sentence[:number.start])),
                                    default=0))
        before = _words(sentence[cut:number.start])
        if not context.metric:
            context.metric = next((name for keys, name in ((("attack",), "attacks"), (("raid",), "raids"),
                                                           (("arrest",), "arrests"))
                                   if _has(low_sentence[:number.start], keys)), "")
        month, comparing = _number_month(number, clause, mentions, sentence, report_month)
        incident = (has_day or _has(low, lexicon.INCIDENT)) and not _has(low, lexicon.MONTH_LEVEL)
        later = low_sentence[number.end:]
        part = (_has(sentence[clause[0]:number.start].lower(), lexicon.PART) or re.search(r"\bplus\b|bringing the total|in addition", later)) and not \
            re.search(r"(?:total(?: number)?(?: of [a-z ]+)? (?:of|to|at|reached)|in total|altogether|overall)\s*$",
                      sentence[clause[0]:number.start].lower())
        if number.percent:
            reading = _percent(number, sentence, text, before, mentions, clause, report_month, context)
            context.metric = reading.metric or context.metric
            out.append(reading)
            continue
        difference = re.match(r"\s*(?:(?:more|fewer|less)\s+(?:[a-z-]+\s+){0,3}than|"
                              + "|".join(lexicon.DIFFERENCE_AFTER) + r")\b\s*(?P<rest>.{0,40})",
                              sentence[number.end:], re.IGNORECASE)
        if difference and not context.metric:
            context.metric = _metric(_lookup(" ".join(_words(difference.group(0))[:4]), lexicon.HEADS), "", text,
                                     context, sentence)
        if difference and not re.match(r"\s*\S*\d", difference.group("rest")) and context.metric and re.match(
                r"(?:in\s+|the\s+|that of\s+)?(?:" + "|".join(MONTH_NAMES) + r"|last month|the previous|the month)",
                difference.group("rest"), re.IGNORECASE):
            base = next((m.month for m in mentions if m.start >= number.end), previous_month(report_month))
            out.append(Reading(number, sentence, "figure", context.metric, report_month, "difference", base,
                               certain=not (part or attributed)))
            continue
        verb, vgroup = _verb_before(before, immediate=True)
        head, group, stop = _scan_after(after)
        if verb:  # 'killing 13 SDF personnel and injuring 8': the verb before the number is its own
            head, stop = verb, ""
        if not head and group and not stop.startswith("unit"):
            head = _closing_verb(sentence[number.end:])
        if not head and stop not in ("part",) and not stop.startswith("unit"):
            verb, vgroup = _verb_before(before)
            if verb:
                head, group = verb, group or vgroup
        if not head and not group and not stop.startswith("unit") and not after:
            head = _closing_verb(sentence[number.end:])
            group = "people" if head in _CASUALTY else group  # 'eight (seven … and one …) were injured
        if stop == "part":
            part = True
            head = head or _closing_verb(sentence[number.end:])
        if re.search(r"\b(?:us|u\.s\.|american)\s+(?:positions|bases|forces|troops)", low_sentence) and (
                stop in ("unit:times", "unit:occasions", "unit:occasion") or head == "attacks"):
            out.append(Reading(number, sentence, "figure", "us_position_attacks", report_month, certain=not part))
            continue
        if stop.startswith("unit") and not head:
            out.append(Reading(number, sentence, "exempt" if incident else "other",
                               reason="one incident's detail" if incident else f"counts {stop[5:]}"))
            continue
        if head in _CASUALTY and not group and after[:1] != [] and _has(after[0], ("deaths$", "fatalities$")):
            group = "people"
        from_to = re.search(r"\bto\s*$", sentence[previous_end - 12 if previous_end > 12 else 0:number.start]) \
            and re.search(r"\bfrom\s*$", sentence[max(0, clause[0]):found[index - 1].start]) if index else False
        region = _region(sentence[number.end:clause[1]][:60])
        if not head and not group and (comparing or from_to or re.match(r"\s*(?:in|during|last|the month)",
                                                                      after_text, re.IGNORECASE)) and context.metric:
            metric = context.metric
        elif not head and not group and region and context.metric in ("attacks", "raids"):
            metric = context.metric
        else:
            metric = _metric(head, group, text, context, sentence)
        if metric == "" and region and _has(low, ("attack", "raid")):
            metric = "raids" if "raid" in low and "attack" not in low else "attacks"
        if not metric:
            out.append(Reading(number, sentence, "exempt" if incident else "other",
                               reason="one incident's detail" if incident else "names nothing the data count"))
            continue
        if head in _CASUALTY or group:
            context.head = head if head in _CASUALTY else context.head
            if group and not (head in _CASUALTY and _has(" ".join(after[:1]), ("deaths$", "fatalities$"))):
                context.group = group
        context.metric = metric
        if incident and not metric.startswith(("repatriation", "camp_")):
            out.append(Reading(number, sentence, "exempt", reason="one incident's detail"))
            continue
        if _has(low_sentence, _OTHER_VIOLENCE) and metric in ("deaths_total", "injured_total", "military_killed",
                                                     "civilian_killed", "military_injured", "civilian_injured"):
            out.append(Reading(number, sentence, "other", reason="casualties of other violence"))
            continue
        certain = not (part or attributed or span)
        if region and metric in ("attacks", "raids") and not re.search(r"\ball\b", sentence[clause[0]:number.start],
                                                                         re.IGNORECASE):
            metric = f"region_{metric}:{region}"
            certain = certain or not attributed
        if metric in ("deaths_total", "injured_total"):
            certain = False
        if metric.startswith("repatriation_") and metric.endswith(":"):
            total = re.search(r"\b(?:a total of|in total|altogether|overall)\b", low)
            metric, certain = "repatriations_total", bool(total) and certain
        if span:
            out.append(Reading(number, sentence, "other", metric, month, reason="a figure over a span of months",
                               certain=False))
            continue
        out.append(Reading(number, sentence, "figure", metric, month, certain=certain))
    return out


def read_text(sentences: list[str], report_month: str) -> list[Reading]:
    """Every number of a text's sentences; a sentence that names nothing takes the figure the one before it
    spoke of ('Of these, only 4 occurred in other cantons')."""
    out, metric = [], ""
    for sentence in sentences:
        readings = read_sentence(sentence, report_month, metric)
        figures = [r.metric for r in readings if r.kind == "figure" and r.measure == "count"
                   and r.metric in ("attacks", "raids")]
        metric = figures[-1] if figures else ("" if readings else metric)
        out += readings
    return out


def _percent(number: Number, sentence: str, clause_text: str, before: list[str], mentions: list[_Mention],
             clause: tuple[int, int], report_month: str, context: _Context) -> Reading:
    """A percentage: a change between two months when words of change stand by it, else a share."""
    window = " ".join(_words(sentence[max(clause[0], number.start - 60):number.end + 60]))
    if not any(re.search(rf"\b{w}\b", window) for w in lexicon.CHANGE):
        return Reading(number, sentence, "other", reason="a share, not a change")
    metric = context.metric
    for keys, name in ((("attack",), "attacks"), (("raid",), "raids"), (("arrest",), "arrests")):
        if not metric and _has(sentence[clause[0]:number.end + 60].lower(), keys):
            metric = name
    metric = metric or ("attacks" if "attack" in sentence.lower() else "")
    if not metric:
        return Reading(number, sentence, "other", reason="a change of something the data do not count")
    later = [m for m in mentions if m.start >= number.end]
    frm = re.search(r"\bfrom\s+(?:\S+\s+){0,3}?(?P<m>" + "|".join(MONTH_NAMES) + r"|last month|the previous month|"
                    r"the month prior)", sentence[number.end:], re.IGNORECASE)
    base = previous_month(report_month)
    if frm:
        base = next((m.month for m in later if m.start >= number.end + frm.start("m")), base)
    to = re.search(r"\bto\s+(?:\S+\s+){0,3}?(?:in\s+)?(?P<m>" + "|".join(MONTH_NAMES) + r")", sentence[number.end:],
                   re.IGNORECASE)
    month = report_month
    if to:
        month = next((m.month for m in later if m.start >= number.end + to.start("m")), month)
    return Reading(number, sentence, "figure", metric, month, "percent_change", base,
                   certain=not _has(clause_text.lower(), lexicon.ATTRIBUTED))
