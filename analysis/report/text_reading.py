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
from dataclasses import replace

from . import lexicon
from .text_changes import difference_reading, percent_reading
from .text_figures import (
    CASUALTY,
    Context,
    attack_metric,
    bracketed_verb,
    closing_verb,
    country_of,
    listed_run,
    metric_of,
    of_phrase,
    scan_after,
    subject_metric,
    verb_before,
)
from .text_months import Mention, month_mentions, month_of, number_month, title_month
from .text_numbers import SMALL_WORDS, numbers
from .text_scope import OTHER_VIOLENCE, OUTSIDE, REGION, finish, region_of, spans_months
from .text_words import Reading, clause_spans, has, last_key_end, list_like, lookup, pieces, words_of

__all__ = ["Mention", "Reading", "lookup", "month_mentions", "month_of", "read_sentence", "read_text"]


_OWNED = re.compile(r"(?:\d%?|\b(?:" + "|".join(SMALL_WORDS) + r"))\s+(?:of|out of)\s+(?:them|these|those|which)$")
# Words after a number that name nothing but link it to what its sentence counts ('the 10 registered last month').
_LINKING = (
    "registered",
    "logged",
    "counted",
    "noted",
    "seen",
    "this",
    "that",
    "these",
    "last",
    "previous",
    "prior",
    "before",
    "earlier",
    "at",
    "to",
    "from",
    "as",
    "against",
    "versus",
    "compared",
    "than",
    "down",
    "up",
    "level",
    "again",
    "apiece",
    "then",
    "now",
    "on",
)


def read_sentence(sentence: str, report_month: str, metric: str = "", outside_before: bool = False) -> list[Reading]:
    """Every number of `sentence` (of the report on `report_month`) with what it is; `metric` is what the
    sentence before it spoke of ('only 4 occurred in other cantons' after a sentence on attacks)."""
    found = numbers(sentence)
    mentions = month_mentions(sentence, report_month)
    clauses = clause_spans(sentence)
    low_sentence = sentence.lower()
    span = has(low_sentence, lexicon.SPAN) and not re.search(r"\bthis month\b", low_sentence)
    attributed = has(low_sentence, lexicon.ATTRIBUTED)
    other_violence = has(low_sentence, OTHER_VIOLENCE)
    has_day = any(
        n.exempt == "date" and re.search(r"\d", n.written) and not re.search(r"\[[^\]]*$", sentence[: n.start])
        for n in found
    )  # '[UPDATE 9/17/21]' dates the page, not an incident
    last = re.search(r"\s([a-z]{1,3})$", sentence)
    cut_off = (
        bool(last) and last.group(1) not in SMALL_WORDS and last.group(1) not in ("all", "day", "men", "war", "way")
    )
    first_day = min((n.start for n in found if n.exempt == "date" and re.search(r"\d", n.written)), default=0)
    respectively = "respectively" in low_sentence
    first = REGION.search(low_sentence)
    first_region = first.start() if first else len(sentence) + 1
    listed_groups: list[str] = []
    listed_metrics: list[str] = []
    verb_led: set[int] = set()
    incidents: dict[tuple[int, int], bool] = {}
    context, out = Context(), []
    carried = metric  # what the sentence before spoke of: only for a region named alone
    previous_reading: Reading | None = None
    for index, number in enumerate(found):
        if number.exempt:
            out.append(Reading(number, sentence, "exempt", reason=number.exempt))
            continue
        clause = next((c for c in clauses if c[0] <= number.start < c[1]), (0, len(sentence)))
        text = sentence[clause[0] : clause[1]]
        low = text.lower()
        previous_end = max(
            [n.end for n in found[:index] if n.end <= number.start and n.start >= clause[0]], default=clause[0]
        )
        next_start = min([n.start for n in found[index + 1 :] if n.start < clause[1]], default=clause[1])
        after_text = re.split(r"[,;:()–—]|\s/\s", sentence[number.end : next_start])[0]
        after = words_of(after_text)
        cut = max(previous_end, max((m.end() for m in re.finditer(r"[,;:()/]", sentence[: number.start])), default=0))
        before_text = sentence[cut : number.start].lower()
        before = words_of(before_text)
        clause_before = sentence[max(clause[0], number.start - 300) : number.start].lower()
        if not context.metric:
            context.metric = next(
                (
                    name
                    for keys, name in ((("attack",), "attacks"), (("raid",), "raids"), (("arrest",), "arrests"))
                    if has(low_sentence[: number.start], keys)
                ),
                "",
            )
        month, comparing = number_month(number, clause, mentions, sentence, report_month)
        whole_of = of_phrase(sentence[number.end :])[2]
        month = next(
            (m.month for m in mentions if m.possessive and number.end < m.start < number.end + whole_of), month
        )  # '13 of October's attacks'
        if clause not in incidents:
            story = re.sub(r"assassinat\w*", "", low) if has(low, lexicon.CAMP_OPERATION) else low  # the camp's murders
            incidents[clause] = (has_day and clause[1] > first_day or has(story, lexicon.INCIDENT)) and not has(
                low, lexicon.MONTH_LEVEL
            )  # a day names an incident from its clause on
        incident = incidents[clause]
        later = low_sentence[number.end :]
        cue = last_key_end(clause_before, lexicon.PART)  # '80% of them …, killed 10': the cue is the 80%'s
        part = (
            cue >= 0
            and not _OWNED.search(clause_before[:cue])
            or re.search(r"\bplus\b|bringing the total|in addition", later)
            or re.match(r"[^,;.]{0,25}\balso\b", later)
        ) and not re.search(
            r"(?:total(?: number)?(?: of [a-z ]+)? (?:of|to|at|reached)|in total|altogether|"
            r"overall)\s*$",
            clause_before,
        )
        camp = (
            (
                has(clause_before + " " + after_text.lower(), lexicon.CAMP_OPERATION)
                or re.match(r"\s*(?:in(?:side)?\s+)?(?:the\s+)?(?:al-)?hol(?:\s+camp)?\b", low_sentence)
            )
            and not OUTSIDE.search(low)
            or has(after_text.lower(), lexicon.CAMP_OPERATION)
            and not OUTSIDE.search(after_text)
        )  # '13 attacks in Hol'
        outside = bool(OUTSIDE.search(low_sentence)) or (
            outside_before and bool(re.match(r"\s*(?:during|in|from)\s+these\b", low_sentence))
        )  # 'Excluding the camp, … . During these raids, …'
        if number.percent:
            reading = percent_reading(number, sentence, text, mentions, clause, report_month, context)
            context.metric = reading.metric or context.metric
            out.append(reading)
            continue
        change = difference_reading(number, sentence, mentions, report_month, context, part or attributed)
        if change:
            out.append(change)
            continue
        verb, vgroup = verb_before(
            []
            if re.search(r"&\s*$", before_text)
            # '52 killed & 32 injured'
            else before[:-2]
            if before[-2:] in (["a", "further"], ["an", "additional"])
            else before,
            immediate=True,
        )  # 'injured a further two'
        head, group, stop = scan_after(after)
        if re.search(
            r"\b(?:leaving|left|still)\s+(?:(?:more|fewer|less) than\s+|over\s+|some\s+|about\s+|around\s+|"
            r"nearly\s+|almost\s+|at least\s+)?$",
            before_text + " ",
        ) and re.match(
            r"\s*(?:[\w-]+\s+){0,2}?(?:in|at)\s+(?:the\s+)?(?:al-)?(?:hol|roj|camp)\b", after_text, re.IGNORECASE
        ):
            head = "population"  # 'leaving more than 43,000 in the camp'
        if group == "people" and "others" in after[:2] and context.group in ("military", "civilian"):
            group = "" if respectively else context.group  # 'two others injured'; '8 and 3 others, respectively'
        bare = not after and not verb
        if verb:  # 'killing 13 SDF personnel and injuring 8': the verb before the number is its own
            head, stop, group = verb, "", group or vgroup
        own = bool(head or group)
        if verb:
            verb_led.add(index)
        gap = sentence[previous_reading.number.end : number.start] if previous_reading else ""
        in_list = (
            bool(previous_reading)
            and bool(re.search(r"\band\b|,|[–—]", gap))
            and list_like(gap)
            and not re.search(r"[;:]", gap)
        )
        if not head and group and not stop.startswith("unit"):
            head = closing_verb(sentence[number.end :])
        if not head and not stop.startswith("unit"):
            head, group = bracketed_verb(sentence, number, head, group)
        if not head and in_list and context.head in CASUALTY + ("arrests",):
            head = context.head  # 'killed 19 military personnel and 10 civilians'
        if not head and stop not in ("part",) and not stop.startswith("unit"):
            verb, vgroup = verb_before(before)
            if verb:
                head, group = verb, group or vgroup
        if not head and not group and not stop.startswith("unit") and not after:
            head = closing_verb(sentence[number.end :])
            group = "people" if head in CASUALTY else group  # 'eight (seven … and one …) were injured'
        popped = False
        if respectively and not own:
            closing = re.match(r"[\s\d,]*(?:and\s+\S+\s+)?(?:others\s+)?respectively\s+(\w+)", sentence[number.end :])
            if closing and lookup(closing.group(1).lower(), lexicon.HEADS) in CASUALTY:
                head, own = lookup(closing.group(1).lower(), lexicon.HEADS), True  # '8 and 3 respectively wounded'
        if (
            not head
            and not comparing
            and not stop.startswith("unit")
            and not re.search(r"\bto\s*$", before_text)
            and (previous_reading is not None or index == 0)
        ):
            start_at = previous_reading.number.end if previous_reading is not None else 0
            subject = verb_before(words_of(sentence[start_at : number.start]), immediate=False, reach=6)
            if (
                subject[0]
                and not re.search(r"\d", sentence[start_at : number.start])
                and (not group or subject[0] in CASUALTY + ("arrests",))
            ):
                head = subject[0]
                group = (
                    group
                    or subject[1]
                    or (
                        "people"
                        if re.search(r"\bdeaths?\b|\bdead\b|\btoll\b", sentence[start_at : number.start].lower())
                        else ""
                    )
                )
        of_total = re.match(r"\s*of\s+(?:the\s+)?$", sentence[number.end : next_start]) and index + 1 < len(found)
        claimed_part = of_total and "claim" in low_sentence and not head
        if claimed_part:
            head = "attacks"
        if head in CASUALTY and not group:
            if respectively and listed_groups and (listed_run(found, index, sentence)[0] in verb_led or own):
                group, popped = listed_groups.pop(0), True
            elif (
                after[:1]
                and has(after[0], ("deaths$", "fatalities$", "dead$"))
                or has(" ".join(before[-2:]), ("deaths$",))
            ):
                group = lookup(" ".join(before[-4:]), lexicon.GROUPS) or "people"  # 'SDF losses came to 12 dead'
            else:
                group = lookup(clause_before[-40:], lexicon.GROUPS) or (
                    context.group if context.head in CASUALTY else ""
                )
                if not group and re.search(r"\braids?\b", low) and head == "killed":
                    group = "isis"
        skip, whole = 0, False
        if stop == "part":
            part = True
            head = head or closing_verb(sentence[number.end :])
            whole_head, whole_group, skip = of_phrase(sentence[number.end :])
            if not head and skip:  # '12 of the 20 attacks', '15 of them': a part of what the whole counts
                head, group, whole = whole_head, group or whole_group, not whole_head
                part = not re.search(r"\ball\s*$", before_text)  # 'All 13 of October's attacks': the whole
        if re.search(r"\b(?:us|u\.s\.|american)\s+(?:positions|bases|forces|troops)", low_sentence) and (
            stop in ("unit:times", "unit:occasions", "unit:occasion") or head == "attacks"
        ):
            out.append(Reading(number, sentence, "figure", "us_position_attacks", report_month, certain=not part))
            continue
        if stop.startswith("unit") and not head:
            out.append(
                Reading(
                    number,
                    sentence,
                    "exempt" if incident else "other",
                    reason="one incident's detail" if incident else f"counts {stop[5:]}",
                )
            )
            continue
        bracketed = re.search(r"\(\s*$", sentence[: number.start]) and re.match(r"[^()]*\)", sentence[number.end :])
        # '(7) happened in Deir ez-Zor', 'in Raqqa (8)': a number in brackets reads the sentence around them
        region, plain_region = region_of(
            sentence, number.start, number.end + skip, (0, len(sentence)) if bracketed else clause
        )
        total = re.search(r"(?:\bout of|\bof)\s+(?:the\s+)?(?:(?:[\w-]+\s+)?[\w-]+['’]s\s+)?$", clause_before)
        ctx = {
            "camp": camp,
            "low": low,
            "whole": low_sentence,
            "before_text": clause_before[-30:],
            "after_text": re.sub(r"^[\s)\]]+", " ", low_sentence[number.end + skip : number.end + skip + 60]),
            "month": report_month,
            "country": lambda: country_of(sentence, number.start, number.end, clause),  # noqa: B023 (used in this pass)
        }
        from_list = False
        run = listed_run(found, index, sentence)
        if (
            not own
            and (respectively or comparing)
            and len(run) >= 2
            and len(listed_metrics) >= len(run)
            and run[0] not in verb_led
            and not popped
        ):
            metric, from_list = listed_metrics[len(listed_metrics) - len(run) + run.index(index)], True
        elif (
            not head
            and not group
            and (
                comparing
                or re.match(r"\s*(?:in|during|last|the month|the previous)", after_text, re.IGNORECASE)
                or re.search(r"\bto\s*$", before_text)
            )
            and context.metric
        ):
            metric = context.metric
        elif whole and (context.metric or carried):
            metric = context.metric or carried  # '15 of them': of what the sentence, or the one before, counts
            if metric == "attacks":  # '12 of which can be attributed to ISIS'
                metric = attack_metric(low_sentence, ctx["before_text"], ctx["after_text"], report_month)
        elif not head and not group and region and (context.metric or carried) in ("attacks", "raids"):
            metric = context.metric or carried
        else:
            metric = metric_of(head, group, ctx)
        if metric == "attacks_claimed" and re.search(r"\bof\s+(?:the\s+)?$", before_text) and not claimed_part:
            metric = "attacks"  # '20 of 27': the 27 is all the month's attacks
        if claimed_part and metric == "attacks":
            metric = "attacks_claimed"  # 'claimed 36 of the 40 attacks, up from 20 of 27'
        if metric == "" and region and has(low, ("attack", "raid")):
            metric = "raids" if "raid" in low and "attack" not in low else "attacks"
        guessed = False
        if (
            not metric
            and head in ("", "population")
            and not group
            and not incident
            and (stop in ("end", "month") or stop.removeprefix("word:") in _LINKING)
        ):
            metric = subject_metric(sentence[: number.start], ctx)  # 'Arrests came to 29': named before it
            if not metric and re.fullmatch(r"\s*at\s+", sentence[: number.start], re.IGNORECASE):
                metric = subject_metric(re.split(r"\b(?:were|was|stood|came)\b", sentence[number.end :])[0], ctx)
            guessed = bool(metric)
            if metric == "attacks_claimed" and re.search(r"\bof\s+(?:the\s+)?$", before_text):
                metric = "attacks"  # '(36 out of 40) were claimed': the 40 is all the month's attacks
        if not metric:
            out.append(
                Reading(
                    number,
                    sentence,
                    "exempt" if incident else "other",
                    reason="one incident's detail" if incident else "names nothing the data count",
                )
            )
            continue
        if head in CASUALTY and group and group != "people" and not popped:
            listed_groups.append(group)
        if not from_list:
            listed_metrics.append(metric)
        if head or group:
            context.head = head or context.head
            context.group = group or context.group
        context.metric = metric if not metric.startswith("region_") else context.metric
        reading = finish(
            number,
            sentence,
            metric,
            month,
            dict(
                incident=incident,
                part=part,
                attributed=attributed,
                span=span and spans_months(low_sentence),
                other_violence=other_violence,
                region=region if not total else "",
                plain_region=plain_region,
                outside=outside,
                camp=camp,
                clause_before=clause_before,
                low=low,
                after_text=after_text.lower(),
                stop=stop,
                region_before=first_region < number.start
                and not has(low, lexicon.MONTH_LEVEL)
                and not re.search(r"\ball\b", low_sentence[:first_region]),
            ),
        )  # 'all took place in Deir ez-Zor; …'
        alone = re.search(r"\(\s*$", sentence[: number.start]) and re.match(r"\s*\)", sentence[number.end :])
        single = re.search(r"\bwas\s+(?:also\s+)?(?:killed|injured|wounded|arrested)\b", low_sentence) and (
            number.value == 1
            or re.search(r"(?:^|\W)(?:1|one|a|an)\s+(?:[\w-]+\s+){0,3}was\s", low_sentence)
            and re.search(r"\bothers\b", low_sentence)
        )  # '1 SDF soldier was killed and 7 others wounded'
        if reading.kind == "figure" and (alone or single):
            reading = replace(reading, certain=False)  # '(8)' restates a part; 'One fighter was injured': one case
        if cut_off and reading.kind == "figure" and len(words_of(sentence[number.end :])) <= 3:
            reading = replace(reading, certain=False)  # 'with 14 others i': the page's text stops mid-word
        if guessed and reading.kind == "figure":
            reading = replace(reading, certain=False)  # the figure is the sentence's, not the number's own
        if bare and in_list and not respectively and reading.kind == "figure":
            reading = replace(reading, certain=False)  # a number the text leaves unnamed ('…, 1')
        previous_reading = reading
        out.append(reading)
    return out


def read_text(sentences: list[str], report_month: str) -> list[Reading]:
    """Every number of a text's sentences; a sentence that names nothing takes the figure the one before it
    spoke of ('Of these, only 4 occurred in other cantons'), and a report's title ('March Sleeper Cell Report')
    makes what follows it that month's."""
    out, metric, outside, month = [], "", False, report_month
    for sentence in (piece for whole in sentences for piece in pieces(whole)):
        month = title_month(sentence, report_month) or month  # a page of several reports' openings
        readings = read_sentence(sentence, month, metric, outside)
        outside = bool(OUTSIDE.search(sentence))
        figures = [
            r.metric
            for r in readings
            if r.kind == "figure" and r.measure == "count" and r.metric in ("attacks", "raids")
        ]
        metric = figures[-1] if figures else ("" if readings else metric)
        out += readings
    return out
