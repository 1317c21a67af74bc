"""The figure of each number: what it counts (the words after it, "4 SDF personnel killed"; the verb before it,
"killing 4"; a list's closing verb, "4 fighters and 7 civilians injured") and whose (military, civilians, ISIS
members …), turned into the corpus' metric names; a percentage as a change between two months."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon
from .text_numbers import MONTH_NAMES, SMALL_WORDS, Number
from .text_words import has, list_like, lookup, words_of


@dataclass
class Context:
    """What the sentence has said so far: the last figure's metric and the last group of people."""

    metric: str = ""
    group: str = ""
    head: str = ""


BRING = ("brought", "bring", "brings", "took", "takes", "taking", "flew", "returned")
LINK = (
    "to",
    "at",
    "reached",
    "totalled",
    "totaled",
    "totaling",
    "totalling",
    "of",
    "numbered",
    "were",
    "was",
    "stood",
    "hit",
    "came",
)


def scan_after(words: list[str]) -> tuple[str, str, str]:
    """(head, group, stop) from the words after a number, up to a comma: what it counts, whose, and why the
    scan stopped ('unit:tunnels', 'part', 'word:…')."""
    group = ""
    for i, word in enumerate(words[:8]):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in ("of", "out") and (
            following in ("these", "those", "them", "whom", "which", "the", "this", "its", "all", "of")
            or following in MONTH_NAMES
            or re.fullmatch(r"[\w-]+['’]s", following)
        ):
            return "", group, "part"
        if word in ("with", "involving") and i == 0:
            return "", group, "part"  # '7 raids, 4 with Coalition involvement'
        if word == "and" and i == 0:
            return "", group, "word:and"  # '5 and civilian deaths to 8': the next item of a list
        if word in ("of", "and") and group and (lookup(following, lexicon.HEADS) or following in ("the", "its")):
            return "", group, "word:" + word
        if word == "of" and group:
            return "", group, "word:of"
        if word in BRING:
            if following in ("home", "back"):
                return "repatriated", group, ""
            return "", group, "word:" + word
        head = lookup(word, lexicon.HEADS)
        if (
            head == "raids"
            and word.startswith("operation")
            and (group and not (group == "military" and word == "operations") or i > 0 and words[i - 1] == "security")
        ):
            head = ""
        if head == "killed" and word.startswith("death") and following == "of" and not group:
            group = lookup(" ".join(words[i + 2 : i + 4]), lexicon.GROUPS)  # '5 deaths of ISIS members'
            group = group if group in ("isis", "military", "civilian") else ""
        if head:
            if (
                head == "repatriated"
                and word.startswith("repatriation")
                and (has(following, lexicon.UNITS) or following.startswith(("operation", "round", "mission")))
            ):
                return "", group, "unit:" + following
            if head == "population" and word in ("held", "holds", "remain", "remained") and i > 2:
                return "", group, "far"
            return head, group, ""
        g = lookup(
            " ".join(words[i : i + 2]),
            {
                "isis": (
                    "isis members$",
                    "cell members$",
                    "isis suspects$",
                    "isis fighters$",
                    "isis militants$",
                    "isis operatives$",
                )
            },
        )
        if g:
            return scan_after_group(words, i + 2, "isis")
        if (
            word in ("members", "member")
            and following == "of"
            and lookup(
                " ".join(words[i + 2 : i + 5]),
                {"military": ("the security forces$", "security forces$", "the sdf$", "the asayish$", "the sdf and$")},
            )
        ):
            group = "military"  # '18 members of the security forces'
            continue
        g = lookup(word, lexicon.GROUPS)
        if g:
            if group == "military" and g == "isis":  # 'SDF members'
                continue
            if group in ("military", "civilian") and g == "people":  # 'one military person'
                continue
            if {group, g} == {"military", "civilian"}:  # '128 civilian and SDF deaths': both together
                group = "people"
                continue
            group = "officials" if "officials" in (group, g) and "isis" in (group, g) else g
            continue
        if word in MONTH_NAMES or word in ("month", "last", "previous", "prior"):
            return "", group, "month"
        if has(word, lexicon.UNITS):
            return "", group, "unit:" + word
        if word in ("unclaimed",):
            return "", group, "unit:" + word
        if has(word, lexicon.NEUTRAL) or word in lexicon.COUNTRIES:
            continue
        return "", group, "word:" + word
    return "", group, "end"


def scan_after_group(words: list[str], index: int, group: str) -> tuple[str, str, str]:
    head, later, stop = scan_after(words[index:])
    return head, group if later in ("", "isis", "military") else later, stop


VERBS = ("killed", "injured", "arrests", "repatriated")


def listed_run(found: list[Number], index: int, sentence: str) -> list[int]:
    """The indexes of the numbers listed with number `index` ('19 and 10', '8, 3 and 2')."""
    start = index
    while start > 0 and re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?", sentence[found[start - 1].end : found[start].start]):
        start -= 1
    end = index
    while end + 1 < len(found) and re.fullmatch(
        r"\s*(?:,\s*)?(?:and\s+)?", sentence[found[end].end : found[end + 1].start]
    ):
        end += 1
    return list(range(start, end + 1))


def verb_before(words: list[str], immediate: bool = False, reach: int = 4) -> tuple[str, str]:
    """The verb (and group) just before a number: 'killing 4', 'arrested 85', 'repatriates 27', 'raids to 11';
    with `immediate`, only the word right before it (or a noun then 'to', 'of', 'reached' …)."""
    if immediate:
        if not words:
            return "", ""
        last = words[-1]
        head = lookup(last, lexicon.HEADS)
        if head in VERBS and last not in ("arrests", "deaths", "raids", "attacks", "injuries"):
            return head, ""
        if last in LINK and len(words) >= 2:
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


def country_of(sentence: str, start: int, end: int, clause: tuple[int, int]) -> str:
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
    after = [
        f
        for f in found
        if end <= f[0] < clause[1]
        and re.search(r"\b(?:to|for)\s+(?:the\s+)?$", low[: f[0]])
        and (len(words_of(sentence[end : f[0]])) <= 3 or list_like(re.sub(r"\bto\s*$", "", sentence[end : f[0]])))
    ]
    if after:
        return after[0][2]
    before = [f for f in found if clause[0] <= f[0] < start]
    if before:
        return before[-1][2]
    direct = [f for f in found if end <= f[0] < clause[1] and len(words_of(sentence[end : f[0]])) <= 2]
    return (direct or found)[0][2]


def attack_metric(low: str, before: str, after: str, report_month: str) -> str:
    if (
        re.search(
            r"unverified|(?:could not|unable to|not able to) (?:be )?(?:independently )?(?:confirm|verif)|"
            r"not (?:been )?confirmed|unconfirmed|not independently|"
            r"without (?:independent )?(?:confirmation|verification)",
            low,
        )
        and "confirmed attacks" not in low
    ):
        return "attacks_unverified"
    if (
        re.search(r"\bclaimed\s+(?:only\s+|just\s+|another\s+)?$|\bclaimed\b.*\bof\s*$", before + " ")
        or re.match(
            r"\s*(?:[a-z-]+\s+){0,3}?(?:of them |of these )?(?:were |was )?(?:re)?"
            r"(?:claimed|confirmed (?:as|to have been) (?:isis|carried)|(?:can be |could be )?attributed to isis)",
            after,
        )
        or (report_month < "2022-05" and re.match(r"\s*confirmed isis", after))
    ):
        return "attacks_claimed"
    return "attacks"


def metric_of(head: str, group: str, ctx: dict) -> str:
    """The figure a head and a group name, in the scope of the number (`ctx`)."""
    camp, low = ctx["camp"], ctx["low"]
    if head == "attacks":
        metric = attack_metric(ctx["whole"], ctx["before_text"], ctx["after_text"], ctx["month"])
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
    if head == "repatriated" or (
        group in ("women", "children", "families", "people", "iraqi")
        and re.search(
            r"repatriat|handed over|took custody|\breturn|\b(?:brought|bring|brings|went|gone|flown|flew|"
            r"taken|took|takes|sent|send|came)\b[^.;]{0,40}?\b(?:home|back)\b|\b(?:left|leaving|leave)\s+(?:the\s+)?"
            r"(?:al-)?(?:hol|roj)\b",
            ctx["whole"],
        )
    ):
        field = {"women": "women", "children": "children", "families": "families"}.get(group, "people")
        country = ctx["country"]() or ("Iraq" if group == "iraqi" else "")
        return f"repatriation_{field}:{country}"
    whole_camp = camp or has(ctx["whole"], ("al-hol", "hol camp", "roj camp", "the camp"))
    if head == "population" or (group in ("iraqi", "syrian", "third_country") and whole_camp):
        which = {"iraqi": "iraqi", "syrian": "syrian", "third_country": "third_country"}.get(group, "total")
        if group in ("people", "iraqi", "syrian", "third_country", "women", "children", "") and whole_camp:
            return f"camp_{which}:{'Roj' if 'roj' in low else 'al-Hol'}"
    return ""


CASUALTY = ("killed", "injured")


def closing_verb(text: str) -> str:
    """The verb closing a list that begins at a number ('4 military personnel and 7 civilians injured'):
    only groups, numbers and 'and' may stand between, and no punctuation."""
    text = re.split(r"[,;:()–—/]", text)[0]
    previous = ""
    for word in words_of(text)[:14]:
        head = lookup(word, lexicon.HEADS)
        if head in ("killed", "injured", "arrests") and not word.startswith(("death", "fatalit")):
            return head if previous != "and" else ""  # 'and injured 16': a verb of its own
        previous = word
        if head or not (
            word.isdigit()
            or word in SMALL_WORDS
            or word.replace(",", "").isdigit()
            or lookup(word, lexicon.GROUPS)
            or word in ("and", "were", "was", "isis", "also", "other", "of", "suspected", "lost", "their")
        ):
            return ""
    return ""


_OF_PHRASE = re.compile(
    r"\s*(?:out\s+)?of\s+(?:(?:the|these|those|them|which|all|this|its)\b\s*|(?:[a-z]+(?:\s+\d{4})?)['’]s\s+)?"
    r"(?:(?:\d[\d,]*|" + "|".join(SMALL_WORDS) + r")\b\s*)?",
    re.IGNORECASE,
)


def of_phrase(after: str) -> tuple[str, str, int]:
    """The whole a number is a part of ('12 of the 20 attacks', '5 of them', '29 out of 42', '23 of May's
    attacks'): what the whole counts and whose ('' when the phrase names nothing, 'of them'), and where the
    phrase's own number ends in `after` (0 when the number opens no such phrase)."""
    m = _OF_PHRASE.match(after)
    if not m:
        return "", "", 0
    head, group, _ = scan_after(words_of(re.split(r"[,;:()–—]", after[m.end() :])[0])[:6])
    return head, group, m.end()


def subject_metric(before: str, ctx: dict) -> str:
    """The figure a sentence was speaking of before a number that names nothing itself ('Arrests came to 29',
    'Killings in the camp dropped to one', 'compared to March (27)'): the last word before it that names what
    the data count, with its group; '' when none does."""
    words = words_of(before)[-14:]
    for i in range(len(words) - 1, -1, -1):
        head = lookup(words[i], lexicon.HEADS)
        if not head or head == "population" or (head == "raids" and words[i].startswith("operation")):
            continue
        group = lookup(words[i - 1], lexicon.GROUPS) if i else ""
        if head == "killed" and not group and words[i].startswith(("death", "fatalit", "killing", "murder")):
            group = "people"
        return metric_of(head, group, ctx)
    return ""


def bracketed_verb(sentence: str, number: Number, head: str, group: str) -> tuple[str, str]:
    """The verb closing a list that brackets interrupt: 'four civilians) died' for a number inside them, 'Eight
    people (four … and four …) died' for the total before them (all of its people)."""
    after = sentence[number.end :]
    inside = re.match(r"(?P<inside>[^()]*)\)(?P<after>[^()]*)", after)
    if inside and re.search(r"\([^()]*$", sentence[: number.start]):
        return closing_verb(inside["inside"] + " " + inside["after"]) or head, group
    total = re.match(r"(?P<pre>[^()]*?)\([^()]*\)(?P<after>[^()]*)", after)
    if total and len(words_of(total["pre"])) <= 2:
        head = closing_verb(total["pre"] + " " + total["after"]) or head
        return head, ("people" if head in CASUALTY and group in ("", "people") else group)
    return head, group
