"""The words report text uses for what it counts: one place for the reader of drafts and published reports.

Each entry is a word stem (a key ending in '$' must be the whole word). The reader looks a number's words up
here to tell what it counts (a head: attacks, raids, killed …), whose they are (a group: military,
civilians, ISIS members …) and what makes a clause one incident's story, a part of a figure, a span of time
or someone else's claim. Nothing here is a sentence of any report.
"""

from __future__ import annotations

# What a number counts, by the word that follows it (or the verb around it).
HEADS = {
    "attacks": ("attack$", "attacks$", "attacked$"),
    "raids": ("raid$", "raids$", "operations$", "operation$", "security operations$"),
    "arrests": ("arrest$", "arrests$", "arrested$", "detained$", "detentions$", "apprehended$", "captured$",
                "detaining$", "arresting$", "detainees$", "custody$", "apprehensions$", "captures$"),
    "killed": ("killed$", "killing$", "killings$", "kill$", "kills$", "dead$", "died$", "deaths$", "death$", "murdered$", "murders$", "killings$",
               "fatalities$", "lives$", "slain$", "martyred$", "left dead$", "assassinated$", "assassinations$"),
    "injured": ("injured$", "injuring$", "injuries$", "injury$", "wounded$", "wounding$", "wounds$", "hurt$",
                "wound$", "injure$", "injures$", "wounding$"),
    "repatriated": ("repatriated$", "repatriates$", "repatriate$", "repatriating$", "repatriation$",
                    "repatriations$", "returned$", "returns$", "return$", "retrieved$", "retrieves$",
                    "repatriating$"),
    "population": ("residents$", "resident$", "inhabitants$", "population$", "housed$", "live$", "living$",
                   "lived$", "held$", "holds$", "hosts$", "hosted$", "remain$", "remained$"),
}
# Whose they are.
GROUPS = {
    "military": ("military$", "personnel$", "sdf$", "asayish$", "soldier$", "soldiers$", "fighter$", "fighters$",
                 "security$", "forces$", "force$", "isf$", "guard$", "guards$", "members of the sdf$",
                 "servicemen$", "troops$", "ypg$", "ypj$", "mdf$", "hat$", "yat$", "police$", "policemen$",
                 "commanders of the sdf$", "officer$", "officers$", "members of the security forces$"),
    "civilian": ("civilian$", "civilians$"),
    "isis": ("isis members$", "members$", "affiliates$", "affiliate$", "member$", "militants$", "militant$", "operatives$", "operative$",
             "suspects$", "suspect$", "terrorists$", "jihadists$", "isis suspects$", "cell members$"),
    "officials": ("officials$", "official$", "leaders$", "leader$", "emirs$", "emir$", "commanders$",
                  "commander$", "figures$", "figure$", "high-ranking$", "senior$"),
    "people": ("people$", "persons$", "person$", "individuals$", "individual$", "nationals$", "citizens$",
               "others$"),
    "women": ("women$", "woman$", "wives$", "mothers$"),
    "children": ("children$", "child$", "minors$", "orphans$", "kids$", "boys$", "girls$"),
    "families": ("families$", "family$", "households$"),
    "iraqi": ("iraqis$", "iraqi$"),
    "syrian": ("syrians$", "syrian$"),
    "third_country": ("foreigners$", "foreign$", "third-country$", "non-syrians$"),
}
# Words between a number and what it counts that do not change the figure ("11 confirmed ISIS attacks").
NEUTRAL = ("confirmed$", "recorded$", "documented$", "independently$", "verified$", "isis$", "isis-linked$",
           "sleeper$", "cell$", "cells$", "sleeper-cell$", "total$", "suspected$", "alleged$", "joint$",
           "anti-isis$", "coalition$", "us-led$", "u.s.-led$", "and$", "separate$", "reported$", "more$", "further$",
           "new$", "such$", "distinct$", "were$", "was$", "been$", "have$", "had$", "are$", "being$", "in$", "so$",
           "also$", "all$", "of$", "the$", "recorded$", "carried$", "out$", "conducted$", "by$", "other$", "who$",
           "people$", "including$", "a$", "an$", "its$", "their$", "respectively$", "either$", "or$", "both$",
           "killed$", "injured$", "sdf/asayish$", "sdf-led$", "successful$", "counter-isis$", "counter-terror$",
           "security$", "various$", "different$", "overall$", "altogether$", "later$", "targeted$", "tallied$",
           "repatriated$", "returned$", "members$", "ranking$", "isis-affiliated$", "affiliated$", "with$",
           "suspected$", "senior$", "high-ranking$", "high$", "level$", "high-level$", "camp$", "hol$", "al-hol$",
           "iraqi$", "syrian$", "foreign$", "isis-related$", "ongoing$", "military$", "personnel$", "civilians$",
           "civilian$", "women$", "children$", "families$")
# Nouns that make a number a count of something the data never hold ("3 repatriation missions", "5 tunnels").
UNITS = ("missions$", "mission$", "flights$", "flight$", "convoys$", "convoy$", "batches$", "batch$", "trips$",
         "trip$", "tunnels$", "vehicles$", "vehicle$", "cars$", "car$", "weapons$", "villages$", "village$",
         "towns$", "town$", "posts$", "post$", "checkpoints$", "checkpoint$", "gunmen$", "gunman$", "groups$",
         "times$", "occasions$", "occasion$", "tankers$", "trucks$", "truck$", "buses$", "bus$", "sites$",
         "locations$", "points$", "prisons$", "prisoners$", "cases$", "courts$", "trials$", "reports$", "countries$",
         "phases$", "waves$", "rounds$", "kilometres$", "kilometers$", "km$", "dollars$", "million$", "billion$",
         "tonnes$", "attempts$", "explosions$", "ieds$", "bombs$", "mines$", "drones$", "strikes$", "airstrikes$",
         "shells$", "rockets$", "cells$", "networks$", "locals$", "tribes$", "oil-related$", "oil$", "car-bomb$",
         "ied$", "suicide$", "hit-and-run$", "assassinations$", "assassination$", "arson$", "kidnappings$",
         "kidnapping$", "casualties$", "causalities$", "bodies$", "graves$", "children's$", "percent$", "per$",
         "sectors$", "sections$", "yazidi$", "yazidis$", "women's$", "hostages$", "detention$", "facilities$",
         "orphans$", "trucks$")
# A clause that tells one incident (its numbers are that attack's, not the month's).
INCIDENT = ("checkpoint", "village", "town$", "vehicle", "car$", "cars$", "ambush", "patrol", "motorcycle",
            "bomb", "ied$", "ieds$", "explosive", "explosion", "landmine", "mine$", "gunmen", "gunman",
            "assassinat", "an attack", "one attack", "the attack$", "a single attack", "the incident", "the same day",
            "the next day", "the following day", "shot dead", "were shot", "was shot", "near ", "outskirts", "home of", "house",
            "market", "station", "convoy", "grenade", "suicide", "targeting a", "targeted a",
            "targeted an", "targeted the", "when their", "when a", "as they", "while on", "on their way", "shop",
            "mosque", "school", "hospital", "roadside", "kidnap", "abduct", "beheaded", "executed a", "executed an", "was executed", "were executed", "gunfire",
            "opened fire", "sniper", "worker", "shepherd", "knife", "gunshot", "stabbed")
# ... unless the clause speaks of the month's attacks as a whole.
MONTH_LEVEL = ("these attacks", "in isis attacks", "in sleeper cell attacks", "in sleeper-cell attacks",
               "this month", "across nes", "across north and east syria", "in total", "a total", "the total",
               "overall", "altogether", "month's attacks", "in attacks", "in the attacks", "of these attacks",
               "sleeper cell attacks in", "confirmed attacks")
# A clause with these words counts a part of a figure, not the figure.
PART = ("plus", "of these", "of those", "of which", "of whom", "of them", "within", "in addition", "another",
        "among them", "among these", "including", "included", "alone", "the remaining", "the rest",
        "bringing", "besides", "apart from", "aside from", "as part of", "more days", "in the course of",
        "oil-related", "oil", "tankers", "car bomb", "ied", "suicide", "the other", "phase", "a further", "further",
        "the region")
# Someone else's figure ("the SDF said they arrested 85"): reported, not RIC's count.
ATTRIBUTED = ("said", "says", "stated", "states", "announced", "announces", "according to", "reported that",
              "claimed that", "told", "claims", "statement", "quoted", "declared", "estimated that", "alleged")
# Numbers over a span of months, or of a whole year, not the month's figure.
SPAN = ("months to", "months until", "since", "per year", "cumulative", "so far", "this year", "to date",
        "in total since", "last year", "the year", "annual", "in 20", "over the past", "during the past",
        "in recent months", "throughout", "as a whole")
# The al-Hol camp operation and the camp itself: raids and arrests there are counted apart (hol_*).
CAMP_OPERATION = ("al-hol", "hol camp", "the camp$", "humanity and security", "humanitarian and security",
                  "enduring security", "camp operation", "the operation", "this operation", "the security operation",
                  "operation in", "roj camp")
CAMPS = {"al-Hol": ("al-hol", "hol camp", "hol", "al hol"), "Roj": ("roj",)}
# Relations that name a month by its place ("last month", "the month prior").
PREVIOUS_MONTH = ("last month", "prev. month", "previous month's", "the month prior", "the previous month", "the month before", "the preceding month",
                  "the prior month", "previous month", "prior month", "month prior", "a month earlier",
                  "a month before", "one month earlier")
THIS_MONTH = ("this month", "the current month", "the month under review")
# Words of change: a percentage beside them compares two months.
CHANGE = ("up", "down", "rose", "rise", "risen", "rising", "fell", "fall", "fallen", "falling", "increase",
          "increased", "increasing", "decrease", "decreased", "decreasing", "drop", "dropped", "jump", "jumped",
          "higher", "lower", "grew", "growth", "declined", "decline", "declining", "surge", "surged", "spike",
          "doubled", "halved", "climbed", "from", "compared", "change")
# A number followed by these names the gap between two months ("2 less than March", "1 down from October").
DIFFERENCE_AFTER = ("less than", "fewer than", "more than", "lower than", "higher than", "down from", "up from",
                    "down on", "up on", "above", "below")
COMPARING = ("from", "than", "compared to", "compared with", "versus", "vs", "against", "on", "after", "to")
# Countries as repatriation sentences name them (the adjective first, the country it names second).
COUNTRIES = {
    "iraq": "Iraq", "iraqi": "Iraq", "russia": "Russia", "russian": "Russia", "kyrgyzstan": "Kyrgyzstan",
    "kyrgyz": "Kyrgyzstan", "tajikistan": "Tajikistan", "tajik": "Tajikistan", "kazakhstan": "Kazakhstan",
    "kazakh": "Kazakhstan", "uzbekistan": "Uzbekistan", "uzbek": "Uzbekistan", "france": "France",
    "french": "France", "germany": "Germany", "german": "Germany", "netherlands": "Netherlands",
    "dutch": "Netherlands", "belgium": "Belgium", "belgian": "Belgium", "denmark": "Denmark", "danish": "Denmark",
    "sweden": "Sweden", "swedish": "Sweden", "norway": "Norway", "norwegian": "Norway", "finland": "Finland",
    "finnish": "Finland", "austria": "Austria", "austrian": "Austria", "switzerland": "Switzerland",
    "swiss": "Switzerland", "italy": "Italy", "italian": "Italy", "spain": "Spain", "spanish": "Spain",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "british": "United Kingdom", "britain":
    "United Kingdom", "united states": "United States", "us": "United States", "american": "United States",
    "canada": "Canada", "canadian": "Canada", "australia": "Australia", "australian": "Australia",
    "albania": "Albania", "albanian": "Albania", "kosovo": "Kosovo", "north macedonia": "North Macedonia",
    "bosnia": "Bosnia and Herzegovina", "ukraine": "Ukraine", "ukrainian": "Ukraine", "sudan": "Sudan",
    "sudanese": "Sudan", "somalia": "Somalia", "morocco": "Morocco", "moroccan": "Morocco", "tunisia": "Tunisia",
    "tunisian": "Tunisia", "turkey": "Turkey", "turkiye": "Turkey", "turkish": "Turkey", "indonesia": "Indonesia",
    "malaysia": "Malaysia", "trinidad": "Trinidad and Tobago", "azerbaijan": "Azerbaijan", "georgia": "Georgia",
    "lebanon": "Lebanon", "lebanese": "Lebanon", "egypt": "Egypt", "kuwait": "Kuwait", "pakistan": "Pakistan",
    "india": "India", "belarus": "Belarus", "armenia": "Armenia", "chechnya": "Russia", "ireland": "Ireland",
    "irish": "Ireland", "portugal": "Portugal", "slovakia": "Slovakia", "estonia": "Estonia", "latvia": "Latvia",
    "lithuania": "Lithuania", "poland": "Poland", "czech": "Czech Republic", "greece": "Greece",
    "new zealand": "New Zealand", "syria": "Syria", "syrian": "Syria",
}
# Regions as reports name them, each to one key (compared with a breakdown's own names after `region_key`).
REGIONS = {
    "deir ez-zor": "deir ez-zor", "deir ezzor": "deir ez-zor", "deir-ez-zor": "deir ez-zor", "deir al-zour":
    "deir ez-zor", "deir ez zor": "deir ez-zor", "der ez-zor": "deir ez-zor", "deir-ezzor": "deir ez-zor",
    "heseke": "heseke", "hasakah": "heseke", "hasaka": "heseke", "al-hasakah": "heseke", "hassakeh": "heseke",
    "al-hasakeh": "heseke", "jazira": "jazira", "cizire": "jazira", "raqqa": "raqqa", "al-raqqa": "raqqa",
    "tabqa": "tabqa", "manbij": "manbij", "menbij": "manbij", "kobane": "kobane", "kobani": "kobane",
    "euphrates": "euphrates", "qamishli": "qamishli", "qamishlo": "qamishli", "shaddadi": "shaddadi", "al-shaddadi": "shaddadi",
    "other cantons": "other cantons", "the other cantons": "other cantons", "other regions": "other cantons",
    "other areas": "other cantons", "the rest of nes": "other cantons", "rest of nes": "other cantons",
    "elsewhere": "other cantons", "dez": "deir ez-zor", "elsewhere in nes": "other cantons",
    "other parts of nes": "other cantons",
}
