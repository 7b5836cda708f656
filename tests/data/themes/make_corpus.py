#!/usr/bin/python3
"""Writes the synthetic corpus of tests/themes_test.cpp and tests/shifts_test.cpp.

Eight readouts, four dated 2019 and four dated 2023, with planted themes:
  fisheries  (fishing quotas, fish stocks)      3 statements per readout, both periods, the same
             words around it: no shift
  space      (space station, lunar probe)       3 per 2019 readout, none in 2023: faded
  rail       (railway corridor, freight trains) none in 2019, 3 per 2023 readout: emerged
  water      (river water, water treaty)        3 per readout in both, but 2019 speaks of joint
             monitoring and hydrological data, 2023 of an upstream dam and international
             arbitration: reframed (those terms gained and lost)
  solar      (solar panels, solar farms)        1 statement in 2019, 4 per 2023 readout: grew
  border     (border agreement, border crossings) 3 per readout in both; 2019 supports the
             agreement, 2023 opposes it: a stance change (support lost, oppose gained)
and 8 filler sentences per readout about nothing in particular. Each sentence is put together
from independent random choices (fixed seed) around its theme's words, as real reports vary
their wording, so no other phrase repeats enough to look like a theme.
Deterministic. Usage: tests/data/themes/make_corpus.py (writes next to itself).
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
PLACES = ["Oslo", "Lisbon", "Tallinn", "Valletta"]
SUBJECTS = ["The ministers", "Both delegations", "The envoys", "Senior officials", "The experts",
            "The negotiators", "Their deputies", "The advisers", "The committee", "The working group",
            "Government lawyers", "The secretariat"]
VERBS = ["discussed", "reviewed", "examined", "raised", "considered", "looked at", "went over",
         "returned to", "took up", "assessed"]
TAILS = ["at length", "in the morning session", "over lunch", "before the press conference",
         "in a closed session", "for an hour", "late in the evening", "on the second day",
         "with some urgency", "in detail", "once more", "in a friendly tone"]
CORES = {
    "fisheries": ["the fishing quotas and the state of fish stocks",
                  "fish stocks and next season's fishing quotas",
                  "how fishing quotas follow the fish stocks"],
    "space": ["the space station and the lunar probe", "the lunar probe designed for the space station",
              "crews for the space station and the lunar probe"],
    "rail": ["the railway corridor and its freight trains", "freight trains on the railway corridor",
             "timetables of freight trains along the railway corridor"],
    "water2019": ["joint monitoring of river water under the water treaty",
                  "hydrological data on river water shared under the water treaty",
                  "joint monitoring and hydrological data for the water treaty on river water"],
    "water2023": ["an upstream dam that takes river water in breach of the water treaty",
                  "international arbitration over river water under the water treaty",
                  "an upstream dam on the river water and international arbitration under the water treaty"],
    "border2019": ["why they support the border agreement on border crossings",
                   "how they support the border agreement and its border crossings",
                   "whether to support the border agreement at the border crossings"],
    "border2023": ["why they oppose the border agreement on border crossings",
                   "how they oppose the border agreement and its border crossings",
                   "whether to oppose the border agreement at the border crossings"],
    "solar": ["solar panels for new solar farms", "solar farms fitted with imported solar panels",
              "the price of solar panels for solar farms"],
}
FILLER = ["The meeting in {place} took place in a cordial atmosphere.",
          "The delegation thanked the hosts in {place} for their hospitality.",
          "The next round will be held in {place} after the holidays.",
          "Photographs were taken in front of the old town hall.",
          "The talks ended with a dinner offered by the mayor.",
          "Journalists waited outside the building for several hours.",
          "A brief statement was read to the press at noon.",
          "The guests visited a museum of local history in the afternoon.",
          "Traffic in the centre was closed during the visit.",
          "A concert of folk music closed the first evening.",
          "The weather stayed mild for the whole visit.",
          "Both parties praised the careful preparation of the programme."]


def sentence(rng, core):
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {core} {rng.choice(TAILS)}."


def readout(rng, year, index):
    place = PLACES[index]
    plan = ["fisheries"] * 3
    if year == 2019:
        plan += ["space"] * 3 + ["water2019"] * 3 + (["solar"] if index == 0 else [])
        plan += ["border2019"] * 3
    else:
        plan += ["rail"] * 3 + ["water2023"] * 3 + ["solar"] * 4
        plan += ["border2023"] * 3
    blocks = [f"Foreign ministers meet in {place}"]
    for theme in plan:
        blocks.append(sentence(rng, CORES[theme][len(blocks) % 3]))
    for f in rng.sample(FILLER, 8):
        blocks.append(f.format(place=place))
    return "\n\n".join(blocks) + "\n"


def main():
    rng = random.Random(20240725)
    manifest = ["file,date,title"]
    for year, months in ((2019, (3, 6, 9, 11)), (2023, (2, 5, 8, 10))):
        for index, month in enumerate(months):
            name = f"{year}-{month:02d}-readout.txt"
            with open(os.path.join(HERE, name), "w") as f:
                f.write(readout(rng, year, index))
            manifest.append(f"{name},{year}-{month:02d}-15,Readout {PLACES[index]} {year}")
    with open(os.path.join(HERE, "manifest.csv"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
