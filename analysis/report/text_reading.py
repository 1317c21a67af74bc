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

import functools
import re
from dataclasses import dataclass, replace

from ..months import previous_month
from . import lexicon
from .text_numbers import MONTH_NAMES, SMALL_WORDS, Number, numbers

# Where a sentence divides into clauses that may speak of different months or scopes.
_CLAUSE = re.compile(r";|\(|\)|\s/\s|\s[–—]\s|\s-\s|:\s|,\s*(?=(?:while|whereas|down|up|a decrease|an increase|a drop|a rise|"
                     r"compared|against|including|of which|of whom|bringing|plus|but|although|though|which|when|"
                     r"after|as|with|in addition|marking|in comparison|in contrast|roughly|similar|consistent|"
                     r"slightly|significantly|far|a slight|a sharp|an uptick|the same|nearly|almost|again|"
                     r"compared|and (?:a|an|the|in)\b)\b)|\.\s", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’./-]*", re.IGNORECASE)
_ABBREVIATIONS = {"Jan": "january", "Feb": "february", "Mar": "march", "Apr": "april", "Jun": "june", "Jul": "july",
                  "Aug": "august", "Sep": "september", "Sept": "september", "Oct": "october", "Nov": "november",
                  "Dec": "december"}
_MONTH_MENTION = re.compile(r"\b(?P<name>" + "|".join(MONTH_NAMES) + r"|(?-i:" + "|".join(_ABBREVIATIONS) + r")\.?)"
                            r"(?P<poss>['’]s)?(?:\s+(?P<year>(?:19|20)\d\d))?(?![\w-])", re.IGNORECASE)
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


@functools.lru_cache(maxsize=None)
def _keys_pattern(keys: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k[:-1]) + r"(?![\w-])" if k.endswith("$") else re.escape(k)
                                                for k in keys) + ")")


def _has(text: str, keys: tuple[str, ...]) -> bool:
    """Whether a key occurs in `text` at a word's start (a key ending in '$' must end a word)."""
    return _keys_pattern(tuple(keys)).search(text) is not None


def lookup(word: str, table: dict[str, tuple[str, ...]]) -> str:
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


def month_mentions(sentence: str, report_month: str) -> list[_Mention]:
    found = []
    for m in _MONTH_MENTION.finditer(sentence):
        if m.group("name").lower() == "may" and not m.group("name")[0].isupper():
            continue  # 'may' the verb
        name = _ABBREVIATIONS.get(m.group("name").rstrip("."), m.group("name"))
        found.append(_Mention(m.start(), m.end(), month_of(name, m.group("year") or "", report_month),
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


_BRING = ("brought", "bring", "brings", "took", "takes", "taking", "flew", "returned")
_LINK = ("to", "at", "reached", "totalled", "totaled", "totaling", "totalling", "of", "numbered", "were", "was",
         "stood", "hit", "came")
_GAP = re.compile(r"\d|\b(?:from|than|compared|compare|since|after|against|versus)\b", re.IGNORECASE)
_INTRO = re.compile(r"(?:compared (?:to|with)|from|than|since|after|against|versus|vs\.?)\s+(?:the\s+|that of\s+)?$",
                    re.IGNORECASE)


def _list_like(text: str) -> bool:
    """Whether `text` holds only a list's glue: numbers, what they count, groups, 'and', commas."""
    for word in _words(text):
        if not (word.replace(",", "").isdigit() or word in SMALL_WORDS or word in ("and", "or", "in") or
                lookup(word, lexicon.HEADS) or lookup(word, lexicon.GROUPS) or _has(word, lexicon.NEUTRAL)):
            return False
    return True


def _number_month(number: Number, clause: tuple[int, int], mentions: list[_Mention], sentence: str,
                  report_month: str) -> tuple[str, bool]:
    """The month a number is of, and whether it stands in a comparison ('down from 18')."""
    start, end = clause
    inside = [m for m in mentions if start <= m.start < end]
    near_after = [m for m in inside if m.start >= number.end and not m.possessive
                  and len(_words(sentence[number.end:m.start])) <= 3 and not _GAP.search(sentence[number.end:m.start])
                  and not any(w in ("attacks", "raids", "arrests") for w in _words(sentence[number.end:m.start]))]
    if near_after:
        return near_after[0].month, False
    before = sentence[start:number.start]
    if re.search(r"\bto\s*$", before) and re.search(r"\bfrom\b", before):  # 'from one the previous month to two'
        after_to = [m for m in inside if m.start >= number.end and len(_words(sentence[number.end:m.start])) <= 2
                    and not m.possessive]
        return (after_to[0].month if after_to else report_month), False
    possessive = [m for m in inside if m.end <= number.start and m.possessive
                  and (len(_words(sentence[m.end:number.start])) <= 2 or len(_words(sentence[m.end:number.start])) <= 6
                       and _list_like(sentence[m.end:number.start]))]
    if possessive:
        return possessive[-1].month, True
    comparing = not re.search(r"\b(?:more|less|fewer) than\s*$", before) and re.search(
        r"\b(?:from|than|compared (?:to|with)|versus|against|vs\.?|after)\s+(?:the\s+)?"
                          r"(?:[a-z-]+\s+)?$", before, re.IGNORECASE)
    following = [m for m in inside if m.start >= number.end and not m.possessive]
    if comparing:
        target = [m for m in following if not re.search(r"\bto\b", sentence[number.end:m.start])
                  and len(_words(sentence[number.end:m.start])) <= 4]
        return (target[0].month if target else previous_month(report_month)), True
    listed = [m for m in following if _list_like(sentence[number.end:m.start])
              and re.search(r"\b(?:in|during)\s+(?:the\s+)?$", sentence[:m.start], re.IGNORECASE)]
    if listed:  # '27 attacks and 15 raids in March'
        return listed[0].month, False
    preceding = [m for m in inside if m.end <= number.start and not _INTRO.search(sentence[:m.start])]
    if preceding:
        return preceding[-1].month, False
    opened = [m for m in mentions if m.end <= start and re.fullmatch(r"\s*\(", sentence[m.end:start])]
    if opened:  # 'the month of March (20 attacks …)'
        return opened[-1].month, False
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
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in ("of", "out") and (following in ("these", "those", "them", "whom", "which", "the", "this", "its",
                                                    "all", "of") or following in MONTH_NAMES
                                      or re.fullmatch(r"[\w-]+['’]s", following)):
            return "", group, "part"
        if word in ("with", "involving") and i == 0:
            return "", group, "part"  # '7 raids, 4 with Coalition involvement'
        if word == "and" and i == 0:
            return "", group, "word:and"  # '5 and civilian deaths to 8': the next item of a list
        if word in ("of", "and") and group and (lookup(following, lexicon.HEADS) or following in ("the", "its")):
            return "", group, "word:" + word
        if word == "of" and group:
            return "", group, "word:of"
        if word in _BRING:
            if following in ("home", "back"):
                return "repatriated", group, ""
            return "", group, "word:" + word
        head = lookup(word, lexicon.HEADS)
        if head == "raids" and word.startswith("operation") and (group or i > 0 and words[i - 1] == "security"):
            head = ""
        if head:
            if head == "repatriated" and word.startswith("repatriation") and (
                    _has(following, lexicon.UNITS) or following.startswith(("operation", "round", "mission"))):
                return "", group, "unit:" + following
            if head == "population" and word in ("held", "holds", "remain", "remained") and i > 2:
                return "", group, "far"
            return head, group, ""
        g = lookup(" ".join(words[i:i + 2]), {"isis": ("isis members$", "cell members$", "isis suspects$",
                                                        "isis fighters$", "isis militants$", "isis operatives$")})
        if g:
            return _scan_after_group(words, i + 2, "isis")
        g = lookup(word, lexicon.GROUPS)
        if g:
            if group == "military" and g == "isis":  # 'SDF members'
                continue
            group = "officials" if "officials" in (group, g) and "isis" in (group, g) else g
            continue
        if word in MONTH_NAMES or word in ("month", "last", "previous", "prior"):
            return "", group, "month"
        if _has(word, lexicon.UNITS):
            return "", group, "unit:" + word
        if word in ("unclaimed",):
            return "", group, "unit:" + word
        if _has(word, lexicon.NEUTRAL) or word in lexicon.COUNTRIES:
            continue
        return "", group, "word:" + word
    return "", group, "end"


def _scan_after_group(words: list[str], index: int, group: str) -> tuple[str, str, str]:
    head, later, stop = _scan_after(words[index:])
    return head, group if later in ("", "isis", "military") else later, stop


_VERBS = ("killed", "injured", "arrests", "repatriated")


def _run(found: list[Number], index: int, sentence: str) -> list[int]:
    """The indexes of the numbers listed with number `index` ('19 and 10', '8, 3 and 2')."""
    start = index
    while start > 0 and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", sentence[found[start - 1].end:found[start].start]):
        start -= 1
    end = index
    while end + 1 < len(found) and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", sentence[found[end].end:found[end + 1].start]):
        end += 1
    return list(range(start, end + 1))


def _verb_before(words: list[str], immediate: bool = False, reach: int = 4) -> tuple[str, str]:
    """The verb (and group) just before a number: 'killing 4', 'arrested 85', 'repatriates 27', 'raids to 11';
    with `immediate`, only the word right before it (or a noun then 'to', 'of', 'reached' …)."""
    if immediate:
        if not words:
            return "", ""
        last = words[-1]
        head = lookup(last, lexicon.HEADS)
        if head in _VERBS and last not in ("arrests", "deaths", "raids", "attacks", "injuries"):
            return head, ""
        if last in _LINK and len(words) >= 2:
            for back in (2, 3):
                if back == 3 and words[-2] not in ("count", "number", "total", "toll", "tally", "figure"):
                    break
                noun = lookup(words[-back], lexicon.HEADS) if len(words) >= back else ""
                if noun and noun != "population":
                    group = lookup(words[-back - 1], lexicon.GROUPS) if len(words) > back else ""
                    if noun == "killed" and words[-back].startswith(("death", "fatalit")):
                        group = group or "people"  # 'the death count reached 15'

                    return noun, group
        return "", ""
    group = ""
    for word in reversed(words[-reach:]):
        head = lookup(word, lexicon.HEADS)
        if head and not (head == "raids" and word.startswith("operation")):
            return head, group
        g = lookup(word, lexicon.GROUPS)
        if g:
            group = group or g
    return "", group


def _country(sentence: str, start: int, end: int, clause: tuple[int, int]) -> str:
    """The country of a repatriation number: one named right after its phrase ('20 children to Russia'), else
    the nearest named before it in its clause, else any in the sentence."""
    found = []
    low = sentence.lower()
    for key in sorted(lexicon.COUNTRIES, key=len, reverse=True):
        if key in ("syrian", "syria", "us"):
            continue
        for m in re.finditer(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])", low):
            if not any(a <= m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), lexicon.COUNTRIES[key]))
    if not found:
        return ""
    found.sort()
    after = [f for f in found if end <= f[0] < clause[1] and re.search(r"\b(?:to|for)\s+(?:the\s+)?$", low[:f[0]])
             and (len(_words(sentence[end:f[0]])) <= 3 or _list_like(re.sub(r"\bto\s*$", "", sentence[end:f[0]])))]
    if after:
        return after[0][2]
    before = [f for f in found if clause[0] <= f[0] < start]
    if before:
        return before[-1][2]
    direct = [f for f in found if end <= f[0] < clause[1] and len(_words(sentence[end:f[0]])) <= 2]
    return (direct or found)[0][2]


_REGION_NAMES = "|".join(re.escape(a) for a in sorted(lexicon.REGIONS, key=len, reverse=True))
_REGION = re.compile(r"(?<![\w-])(" + _REGION_NAMES + r")(?![\w-])")
_REGION_BEFORE = re.compile(r"(?<![\w-])(" + _REGION_NAMES + r")(?:\s+(?:region|canton))?\s+(?:saw|recorded|had|with)?\s*$")


def _region(sentence: str, start: int, end: int, clause: tuple[int, int]) -> tuple[str, bool]:
    """A region a number is a part of: named just after it ('12 in Deir ez-Zor', '43 struck the Deir-ez-Zor
    region') or just before it ('Raqqa 8'); and whether the tie is plain ('in …')."""
    after = sentence[end:clause[1]].lower()[:70]
    m = _REGION.search(after)
    if m and len(_words(after[:m.start()])) <= 6 and not re.search(r"\d", after[:m.start()]):
        return lexicon.REGIONS[m.group(1)], bool(re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:canton of\s+)?$",
                                                          after[:m.start()]))
    m = _REGION_BEFORE.search(sentence[clause[0]:start].lower()[-40:])
    return (lexicon.REGIONS[m.group(1)], False) if m else ("", False)


def _attack_metric(low: str, before: str, after: str, report_month: str) -> str:
    if re.search(r"unverified|(?:could not|unable to|not able to) (?:be )?(?:independently )?(?:confirm|verif)|"
                 r"not (?:been )?confirmed|unconfirmed|not independently", low) and "confirmed attacks" not in low:
        return "attacks_unverified"
    if re.search(r"\bclaimed\s+(?:only\s+|just\s+|another\s+)?$|\bclaimed\b.*\bof\s*$", before + " ") or re.match(
            r"\s*(?:[a-z-]+\s+){0,3}?(?:of them |of these )?(?:were |was )?(?:re)?(?:claimed|confirmed (?:as|to have been) "
            r"(?:isis|carried))", after) or (report_month < "2022-05" and re.match(r"\s*confirmed isis", after)):
        return "attacks_claimed"
    return "attacks"


def _metric(head: str, group: str, ctx: dict) -> str:
    """The figure a head and a group name, in the scope of the number (`ctx`)."""
    camp, low = ctx["camp"], ctx["low"]
    if head == "attacks":
        metric = _attack_metric(ctx["whole"], ctx["before_text"], ctx["after_text"], ctx["month"])
        return "hol_attacks" if camp and metric == "attacks" else metric
    if head == "raids":
        return "hol_raids" if camp else "raids"
    if head == "arrests":
        if group == "officials":
            return "isis_officials_captured"
        return "hol_arrests" if camp else "arrests"
    if head in ("killed", "injured"):
        if camp and group in ("people", "") and head == "killed":
            return "hol_deaths"
        mapping = {"military": "military", "civilian": "civilian"}
        if group in mapping:
            return f"{mapping[group]}_{head}"
        if group == "isis" and head == "killed":
            return "isis_killed"
        if group == "officials" and head == "killed":
            return "isis_officials_killed"
        if group in ("people", ""):
            return "deaths_total" if head == "killed" else "injured_total"
        return ""
    if head == "repatriated" or (group in ("women", "children", "families", "people", "iraqi") and
                                 re.search(r"repatriat|brought home|bring home|returned home|flew home|handed over|"
                                           r"took (?:home|back)|\breturn", ctx["whole"])):
        field = {"women": "women", "children": "children", "families": "families"}.get(group, "people")
        country = ctx["country"]() or ("Iraq" if group == "iraqi" else "")
        return f"repatriation_{field}:{country}"
    whole_camp = camp or _has(ctx["whole"], ("al-hol", "hol camp", "roj camp", "the camp"))
    if head == "population" or (group in ("iraqi", "syrian", "third_country") and whole_camp):
        which = {"iraqi": "iraqi", "syrian": "syrian", "third_country": "third_country"}.get(group, "total")
        if group in ("people", "iraqi", "syrian", "third_country", "women", "children", "") and whole_camp:
            return f"camp_{which}:{'Roj' if 'roj' in low else 'al-Hol'}"
    return ""


_OTHER_VIOLENCE = ("unrest", "clashes", "fighting", "tribal", "turkish", "violence", "airstrike", "drone strike",
                   "shelling", "militias", "iranian", "government forces")
_CASUALTY = ("killed", "injured")
_OUTSIDE = re.compile(r"excluding|not including|outside (?:of )?(?:al-)?(?:hol|the camp)|apart from|besides",
                      re.IGNORECASE)


def _closing_verb(text: str) -> str:
    """The verb closing a list that begins at a number ('4 military personnel and 7 civilians injured'):
    only groups, numbers and 'and' may stand between, and no punctuation."""
    text = re.split(r"[,;:()–—/]", text)[0]
    previous = ""
    for word in _words(text)[:14]:
        head = lookup(word, lexicon.HEADS)
        if head in ("killed", "injured", "arrests") and not word.startswith(("death", "fatalit")):
            return head if previous != "and" else ""  # 'and injured 16': a verb of its own
        previous = word
        if head or not (word.isdigit() or word in SMALL_WORDS or word.replace(",", "").isdigit()
                        or lookup(word, lexicon.GROUPS) or word in ("and", "were", "was", "isis", "also", "other",
                                                                     "of", "suspected")):
            return ""
    return ""


def read_sentence(sentence: str, report_month: str, metric: str = "", outside_before: bool = False) -> list[Reading]:
    """Every number of `sentence` (of the report on `report_month`) with what it is; `metric` is what the
    sentence before it spoke of ('only 4 occurred in other cantons' after a sentence on attacks)."""
    found = numbers(sentence)
    mentions = month_mentions(sentence, report_month)
    clauses = _clauses(sentence)
    low_sentence = sentence.lower()
    span = _has(low_sentence, lexicon.SPAN) and not re.search(r"\bthis month\b", low_sentence)
    attributed = _has(low_sentence, lexicon.ATTRIBUTED)
    other_violence = _has(low_sentence, _OTHER_VIOLENCE)
    has_day = any(n.exempt == "date" and re.search(r"\d", n.written) for n in found)
    respectively = "respectively" in low_sentence
    first = _REGION.search(low_sentence)
    first_region = first.start() if first else len(sentence) + 1
    listed_groups: list[str] = []
    listed_metrics: list[str] = []
    verb_led: set[int] = set()
    incidents: dict[tuple[int, int], bool] = {}
    context, out = _Context(), []
    carried = metric  # what the sentence before spoke of: only for a region named alone
    previous_reading: Reading | None = None
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
        after_text = re.split(r"[,;:()–—]|\s/\s", sentence[number.end:next_start])[0]
        after = _words(after_text)
        cut = max(previous_end, max((m.end() for m in re.finditer(r"[,;:()/]", sentence[:number.start])),
                                    default=0))
        before_text = sentence[cut:number.start].lower()
        before = _words(before_text)
        clause_before = sentence[max(clause[0], number.start - 300):number.start].lower()
        if not context.metric:
            context.metric = next((name for keys, name in ((("attack",), "attacks"), (("raid",), "raids"),
                                                           (("arrest",), "arrests"))
                                   if _has(low_sentence[:number.start], keys)), "")
        month, comparing = _number_month(number, clause, mentions, sentence, report_month)
        if clause not in incidents:
            incidents[clause] = (has_day or _has(low, lexicon.INCIDENT)) and not _has(low, lexicon.MONTH_LEVEL)
        incident = incidents[clause]
        later = low_sentence[number.end:]
        part = (_has(clause_before, lexicon.PART) or re.search(r"\bplus\b|bringing the total|in addition", later)
                or re.match(r"[^,;.]{0,25}\balso\b", later)) \
            and not re.search(r"(?:total(?: number)?(?: of [a-z ]+)? (?:of|to|at|reached)|in total|altogether|"
                              r"overall)\s*$", clause_before)
        own_phrase = (clause_before[-50:] + " " + after_text.lower())
        camp = (_has(clause_before + " " + after_text.lower(), lexicon.CAMP_OPERATION) or re.match(
            r"\s*(?:in(?:side)?\s+)?(?:the\s+)?(?:al-)?hol(?:\s+camp)?\b", low_sentence)) and not _OUTSIDE.search(low)
        outside = bool(_OUTSIDE.search(low_sentence)) or (outside_before and bool(re.match(
            r"\s*(?:during|in|from)\s+these\b", low_sentence)))  # 'Excluding the camp, … . During these raids, …' 
        if number.percent:
            reading = _percent(number, sentence, text, mentions, clause, report_month, context)
            context.metric = reading.metric or context.metric
            out.append(reading)
            continue
        difference = re.match(r"\s*(?:[a-z-]+\s+){0,2}?(?:(?:more|fewer|less)\s+(?:[a-z-]+\s+){0,3}than|"
                              + "|".join(lexicon.DIFFERENCE_AFTER) + r")\b\s*(?P<rest>.{0,40})",
                              sentence[number.end:], re.IGNORECASE)
        if difference and (re.search(r"(?:more|fewer|less)\s+(?:[a-z-]+\s+){0,3}than", difference.group(0))
                           and re.match(r"the\s+(?:\d|" + "|".join(SMALL_WORDS) + r")", difference.group("rest"),
                                        re.IGNORECASE) or not re.match(r"\s*\S*\d", difference.group("rest")) and re.match(
                r"(?:in\s+|the\s+|that of\s+)?(?:" + "|".join(MONTH_NAMES) + r"|last month|the previous|the month)",
                difference.group("rest"), re.IGNORECASE)):
            noun = lookup(" ".join(_words(difference.group(0))[:3]), lexicon.HEADS)
            metric = {"attacks": "attacks", "raids": "raids", "arrests": "arrests"}.get(noun, context.metric)
            if metric:
                base = next((m.month for m in mentions if m.start >= number.end), previous_month(report_month))
                context.metric = metric
                out.append(Reading(number, sentence, "figure", metric, report_month, "difference", base,
                                   certain=not (part or attributed)))
                continue
        verb, vgroup = _verb_before(before, immediate=True)
        head, group, stop = _scan_after(after)
        bare = not after and not verb
        if verb:  # 'killing 13 SDF personnel and injuring 8': the verb before the number is its own
            head, stop, group = verb, "", group or vgroup
        own = bool(head or group)
        if verb:
            verb_led.add(index)
        gap = sentence[previous_reading.number.end:number.start] if previous_reading else ""
        in_list = bool(previous_reading) and bool(re.search(r"\band\b|,|[–—]", gap)) and _list_like(gap) and \
            not re.search(r"[;:]", gap)
        if not head and group and not stop.startswith("unit"):
            head = _closing_verb(sentence[number.end:])
        if not head and in_list and context.head in _CASUALTY + ("arrests",):
            head = context.head  # 'killed 19 military personnel and 10 civilians' 
        if not head and stop not in ("part",) and not stop.startswith("unit"):
            verb, vgroup = _verb_before(before)
            if verb:
                head, group = verb, group or vgroup
        if not head and not group and not stop.startswith("unit") and not after:
            head = _closing_verb(sentence[number.end:])
            group = "people" if head in _CASUALTY else group  # 'eight (seven … and one …) were injured'
        popped = False
        if respectively and not own:
            closing = re.match(r"[\s\d,]*(?:and\s+\S+\s+)?(?:others\s+)?respectively\s+(\w+)", sentence[number.end:])
            if closing and lookup(closing.group(1).lower(), lexicon.HEADS) in _CASUALTY:
                head = lookup(closing.group(1).lower(), lexicon.HEADS)
        if not head and not comparing and not stop.startswith("unit") and not re.search(r"\bto\s*$", before_text) and (
                previous_reading is not None or index == 0):
            start_at = previous_reading.number.end if previous_reading is not None else 0
            subject = _verb_before(_words(sentence[start_at:number.start]), immediate=False, reach=6)
            if subject[0] and not re.search(r"\d", sentence[start_at:number.start]) and (
                    not group or subject[0] in _CASUALTY + ("arrests",)):
                head = subject[0]
                group = group or subject[1] or ("people" if re.search(r"\bdeaths?\b|\bdead\b|\btoll\b",
                                                                       sentence[start_at:number.start].lower())
                                                else "")
        of_total = re.match(r"\s*of\s+(?:the\s+)?$", sentence[number.end:next_start]) and index + 1 < len(found)
        claimed_part = of_total and "claim" in low_sentence and not head
        if claimed_part:
            head = "attacks"
        if head in _CASUALTY and not group:
            if respectively and listed_groups and (_run(found, index, sentence)[0] in verb_led or own):
                group, popped = listed_groups.pop(0), True
            elif after[:1] and _has(after[0], ("deaths$", "fatalities$", "dead$")) or _has(" ".join(before[-2:]), (
                    "deaths$",)):
                group = lookup(" ".join(before[-3:]), lexicon.GROUPS) or "people"
            else:
                group = lookup(clause_before[-40:], lexicon.GROUPS) or (
                    context.group if context.head in _CASUALTY else "")
                if not group and re.search(r"\braids?\b", low) and head == "killed":
                    group = "isis"
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
        region, plain_region = _region(sentence, number.start, number.end, clause)
        total = re.search(r"(?:\bout of|\bof)\s+(?:the\s+)?(?:(?:[\w-]+\s+)?[\w-]+['’]s\s+)?$", clause_before)
        ctx = {"camp": camp, "low": low, "whole": low_sentence, "before_text": clause_before[-30:],
               "after_text": low_sentence[number.end:number.end + 60], "month": report_month,
               "country": lambda: _country(sentence, number.start, number.end, clause)}
        from_list = False
        run = _run(found, index, sentence)
        if not own and (respectively or comparing) and len(run) >= 2 and len(listed_metrics) >= len(run) and \
                run[0] not in verb_led and not popped:
            metric, from_list = listed_metrics[len(listed_metrics) - len(run) + run.index(index)], True
        elif not head and not group and (comparing or re.match(r"\s*(?:in|during|last|the month|the previous)",
                                                            after_text, re.IGNORECASE)
                                       or re.search(r"\bto\s*$", before_text)) and context.metric:
            metric = context.metric
        elif not head and not group and region and (context.metric or carried) in ("attacks", "raids"):
            metric = context.metric or carried
        else:
            metric = _metric(head, group, ctx)
        if metric == "attacks_claimed" and re.search(r"\bof\s+(?:the\s+)?$", before_text) and not claimed_part:
            metric = "attacks"  # '20 of 27': the 27 is all the month's attacks
        if claimed_part and metric == "attacks":
            metric = "attacks_claimed"  # 'claimed 36 of the 40 attacks, up from 20 of 27'
        if metric == "" and region and _has(low, ("attack", "raid")):
            metric = "raids" if "raid" in low and "attack" not in low else "attacks"
        if not metric:
            out.append(Reading(number, sentence, "exempt" if incident else "other",
                               reason="one incident's detail" if incident else "names nothing the data count"))
            continue
        if head in _CASUALTY and group and group != "people" and not popped:
            listed_groups.append(group)
        if not from_list:
            listed_metrics.append(metric)
        if head or group:
            context.head = head or context.head
            context.group = group or context.group
        context.metric = metric if not metric.startswith("region_") else context.metric
        reading = _finish(number, sentence, metric, month, dict(
            incident=incident, part=part, attributed=attributed, span=span, other_violence=other_violence,
            region=region if not total else "", plain_region=plain_region, outside=outside, camp=camp,
            clause_before=clause_before, low=low, after_text=after_text.lower(), stop=stop,
            region_before=first_region < number.start))
        alone = re.search(r"\(\s*$", sentence[:number.start]) and re.match(r"\s*\)", sentence[number.end:])
        single = number.value == 1 and re.search(r"\bwas\s+(?:also\s+)?(?:killed|injured|wounded|arrested)\b",
                                                  low_sentence)
        if reading.kind == "figure" and (alone or single):
            reading = replace(reading, certain=False)  # '(8)' restates a part; 'One fighter was injured': one case
        if bare and in_list and not respectively and reading.kind == "figure":
            reading = replace(reading, certain=False)  # a number the text leaves unnamed ('…, 1')
        previous_reading = reading
        out.append(reading)
    return out


def _finish(number: Number, sentence: str, metric: str, month: str, cues: dict) -> Reading:
    """The reading of a number whose figure is known, narrowed by the cues of its clause."""
    if cues["incident"] and not metric.startswith(("repatriation", "camp_")):
        return Reading(number, sentence, "exempt", reason="one incident's detail")
    if cues["other_violence"] and metric in ("deaths_total", "injured_total", "military_killed", "civilian_killed",
                                             "military_injured", "civilian_injured"):
        return Reading(number, sentence, "other", reason="casualties of other violence")
    certain = not (cues["part"] or cues["attributed"] or cues["span"] or cues["outside"])
    if re.search(r"\b(?:across|in|throughout) the region\b", cues["low"]):
        certain = False  # 'the region' of the sentence before
    if cues["region"] and metric in ("attacks", "raids") and not re.search(r"\ball\b", cues["clause_before"]):
        metric, certain = f"region_{metric}:{cues['region']}", certain and cues["plain_region"]
    elif cues["region_before"] and metric in ("arrests", "isis_killed", "military_killed", "civilian_killed"):
        certain = False  # a region's share of a breakdown
    if metric.startswith(("hol_", "camp_")) or metric in ("deaths_total", "injured_total") or cues["camp"]:
        certain = False
    if metric == "attacks" and re.match(r"\s*(?:[a-z-]+\s+){0,4}(?:targeted|targeting|against|on|hit|struck|"
                                        r"aimed)\b", cues["after_text"]):
        certain = False  # '4 attacks targeted the SDF': a part by target
    if metric.startswith("repatriation_people") and re.search(r"\btotal\b[\w\s]{0,12}$", cues["clause_before"]):
        metric = "repatriation_people:"
    if metric.startswith("repatriation_") and metric.endswith(":"):
        total = re.search(r"\b(?:a total of|in total|altogether|overall|in all)\b", cues["low"])
        metric, certain = "repatriations_total", bool(total) and certain
    if cues["span"]:
        return Reading(number, sentence, "other", metric, month, reason="a figure over a span of months",
                       certain=False)
    return Reading(number, sentence, "figure", metric, month, certain=certain)


MAX_SENTENCE = 2_000  # characters: a longer 'sentence' (a list, a table pasted as text) is read in pieces


def _pieces(sentence: str) -> list[str]:
    """A sentence cut at commas or semicolons into pieces of at most MAX_SENTENCE characters, so that the reader's
    work grows with the text's length, never with its square."""
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    out, start = [], 0
    while len(sentence) - start > MAX_SENTENCE:
        cut = max(sentence.rfind(", ", start, start + MAX_SENTENCE), sentence.rfind("; ", start, start + MAX_SENTENCE))
        cut = cut + 2 if cut > start else start + MAX_SENTENCE
        while cut < len(sentence) and sentence[cut - 1].isalnum() and sentence[cut].isalnum():
            cut += 1  # never inside a word or a number
        out.append(sentence[start:cut])
        start = cut
    return out + [sentence[start:]]


def read_text(sentences: list[str], report_month: str) -> list[Reading]:
    """Every number of a text's sentences; a sentence that names nothing takes the figure the one before it
    spoke of ('Of these, only 4 occurred in other cantons')."""
    out, metric, outside = [], "", False
    for sentence in (piece for whole in sentences for piece in _pieces(whole)):
        readings = read_sentence(sentence, report_month, metric, outside)
        outside = bool(_OUTSIDE.search(sentence))
        figures = [r.metric for r in readings if r.kind == "figure" and r.measure == "count"
                   and r.metric in ("attacks", "raids")]
        metric = figures[-1] if figures else ("" if readings else metric)
        out += readings
    return out


def _percent(number: Number, sentence: str, clause_text: str, mentions: list[_Mention],
             clause: tuple[int, int], report_month: str, context: _Context) -> Reading:
    """A percentage: a change between two months when words of change stand by it, else a share."""
    window = " ".join(_words(sentence[max(clause[0], number.start - 60):number.end + 60]))
    if not any(re.search(rf"\b{w}\b", window) for w in lexicon.CHANGE) or re.match(r"\s*of\b", sentence[number.end:]):
        return Reading(number, sentence, "other", reason="a share, not a change")
    near = sentence[max(clause[0], number.start - 50):number.end + 30].lower()
    metric = ""
    for keys, name in ((("death", "killed", "dead"), "deaths_total"), (("arrest",), "arrests"), (("raid",), "raids"),
                       (("attack",), "attacks")):
        if _has(near, keys):
            metric = name
            break
    metric = metric or context.metric or ("attacks" if "attack" in sentence.lower() else "")
    if not metric:
        return Reading(number, sentence, "other", reason="a change of something the data do not count")
    later = [m for m in mentions if m.start >= number.end]
    frm = re.search(r"\b(?:from|than|compared (?:to|with)|over|on)\s+(?:\S+\s+){0,4}?(?P<m>" + "|".join(MONTH_NAMES)
                    + r"|last month|the previous month|the month prior)", sentence[number.end:], re.IGNORECASE)
    base = previous_month(report_month)
    if frm:
        base = next((m.month for m in later if m.start >= number.end + frm.start("m")), base)
    to = re.search(r"(?<!compared )\bto\s+(?:\S+\s+){0,3}?(?:in\s+)?(?P<m>" + "|".join(MONTH_NAMES) + r")",
                   sentence[number.end:], re.IGNORECASE)
    month = report_month
    if to:
        month = next((m.month for m in later if m.start >= number.end + to.start("m")), month)
    return Reading(number, sentence, "figure", metric, month, "percent_change", base,
                   certain=not _has(clause_text.lower(), lexicon.ATTRIBUTED) and metric != "deaths_total")
