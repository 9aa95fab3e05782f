#!/usr/bin/env python3
"""Measure copied-passage on a synthetic corpus: recall, false positives, and the fingerprint scheme.

    .venv/bin/python benchmarks/copied_recall.py [--out DIR] [--seeds N ...] [--families 16] [--grid] [--cli]

Builds, under OUT (default /tmp/disclint-copied; emptied first):

    cases/<id>.yaml            invented families: children, mother, her partner, a grandparent; the
                               social worker, health visitor, IRO and school DSL (professionals are
                               shared between cases, as in a real team)
    earlier/<id>/...           each family's earlier minutes (core groups, strategy meeting, CIN review)
                               as .docx (python-docx, attendance table, header and footer), .pdf
                               (reportlab, running header and page footer) or .txt
    new/<id>/...               each family's new plans, outcome letters and reports, in the same formats.
                               Most carry 1-3 passages of 30-120 words copied from *other* families'
                               earlier minutes (consecutive text: a passage that runs into the next
                               section takes its heading along): verbatim, names swapped to this
                               family's (pronouns too), a few words edited, or both; the rest are
                               clean. Every document also holds template text (the confidentiality
                               statement, plan headings, letter paragraphs), many reuse passages of the
                               family's own earlier minutes, and social workers repeat their own stock
                               sentences in all their cases.
    truth.json                 per new document: its case, and every planted passage (source case and
                               document, form, words, text as planted)

Then indexes the earlier documents and checks the new ones with the copied-passage rule, in process,
and prints recall (a planted passage is found when findings naming its source case cover at least half
of its word trigrams that are not template text, i.e. not in more than three families' minutes), by
form, length, share of template text and format; the false positives (findings that cover no planted
passage, and clean documents that fail), with their cause (a social worker's stock sentence, used in
their other cases, or other); fingerprints and index bytes per page of 500 words.

``--grid`` repeats the measurement for several schemes (winnowing and fixed sampling with various
k-gram lengths and windows, masking of capitalised words on or off, thresholds, among them
``MIN_UNIQUE``: the words of a passage that must stand in its source case alone) to show how the
defaults were chosen. ``--cli`` also runs ``disclint index add`` and ``disclint check --index`` on the
corpus and compares the counts. Everything is invented; phone numbers are not used at all.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

import yaml

# fmt: off
BOYS = ["Kayden", "Riley", "Harley", "Alfie", "Archie", "Freddie", "Reuben", "Deacon", "Tobias", "Ellis",
        "Jenson", "Brody", "Corey", "Lennon", "Rory", "Finlay", "Ezra", "Caleb", "Jasper", "Otis"]
GIRLS = ["Maisie", "Lacey", "Poppy", "Evie", "Willow", "Skye", "Darcie", "Kiera", "Paige", "Esme",
         "Nova", "Isla", "Phoebe", "Lyra", "Imogen", "Thea", "Ottilie", "Marnie", "Delilah", "Aria"]
WOMEN = ["Leanne", "Kerry", "Stacey", "Gemma", "Danielle", "Jodie", "Natasha", "Kayleigh", "Chelsea",
         "Shannon", "Tanya", "Nicola", "Hayley", "Charlene", "Tracey", "Donna", "Carly", "Jade"]
MEN = ["Darren", "Wayne", "Dean", "Craig", "Ricky", "Shane", "Kyle", "Jason", "Carl", "Stuart", "Gavin",
       "Nathan", "Ross", "Jordan", "Lewis", "Aaron", "Dale", "Clint"]
GRANS = ["Pauline", "Brenda", "Janet", "Maureen", "Sandra", "Valerie", "Glenys", "Rosalind"]
SURNAMES = ["Haskins", "Colbeck", "Pengelly", "Tremlett", "Ashworth", "Gulliver", "Whitlock", "Coombes",
            "Chedzoy", "Sellick", "Yeandle", "Cridland", "Vowles", "Greenslade", "Bidgood", "Tapscott",
            "Hillier", "Moxey", "Leaman", "Pugsley", "Clatworthy", "Durston", "Escott", "Stoodley",
            "Rendell", "Lovell", "Burge", "Snook", "Bowden", "Venn", "Withers", "Chubb"]
OTHER_NAMES = ["Brandon Kellow", "Shelley Amory", "Trudy Fennimore", "Lyle Penwarden", "Rosie Trethewey",
               "Duncan Scoble", "Bex Polkinghorne", "Mitch Rowse"]
WORKERS = ["Sarah Okonjo", "Michael Thorne", "Priya Raman", "Gareth Llewellyn", "Naomi Fairbairn"]
HVS = ["Lucy Penhaligon", "Joanne Treloar", "Amira Haddad"]
IROS = ["Ruth Abernethy", "Colin Ashdown", "Deborah Kwarteng"]
SCHOOLS = [("Castle Hill Academy", "Simon Hext"), ("St Peter's Primary School", "Claire Boddington"),
           ("Blackdown Primary School", "Tom Vickery"), ("Hamwood Junior School", "Fiona Latch"),
           ("Mendip Vale School", "Paul Sealy")]
TOWNS = ["Yeovil", "Taunton", "Bridgwater", "Chard", "Wellington", "Minehead", "Frome", "Wells", "Crewkerne"]
ROOMS = ["kitchen", "living room", "bedroom", "bathroom", "hallway", "back garden", "front room", "landing"]
CLUTTER = ["dirty laundry", "takeaway boxes", "unwashed dishes", "dog mess", "empty cans", "bin bags",
           "broken toys", "cigarette ends"]
SMELLS = ["cannabis", "damp", "cigarette smoke", "urine", "rotting food", "alcohol"]
PETS = ["a Staffordshire terrier", "two cats", "a large lurcher", "a rabbit in a hutch", "a German shepherd",
        "a ferret", "a pair of guinea pigs", "an elderly spaniel"]
PLACES = ["the shed", "the park behind the flats", "the garage", "a friend's caravan", "the bus station",
          "the skate park", "the allotment", "the play area by the river"]
EVENTS = ["the death of her father", "the loss of her job at the care home", "the birth of the baby",
          "her eviction from the previous flat", "a fall that damaged her back", "the end of her tenancy",
          "her partner's release from prison", "a court hearing about contact"]
ACTIVITIES = ["football practice", "swimming lessons", "the breakfast club", "cubs", "dance classes",
              "the homework club", "gymnastics", "the after-school art club"]
INJURIES = ["a bruise", "a graze", "a red mark", "a small burn", "a swelling", "a cut", "fingertip bruising",
            "a scratch"]
BODY = ["upper arm", "cheek", "neck", "back", "wrist", "forehead", "thigh", "ear"]
SUBSTANCES = ["cannabis", "cocaine", "alcohol", "prescribed painkillers", "spice", "ketamine"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October",
          "November"]
TIMES = ["9.30am", "10.15am", "half past nine", "eleven o'clock", "after lunch", "mid-morning"]
FOODS = ["crisps and biscuits", "dry cereal", "cold toast", "a bag of sweets", "instant noodles",
         "bread and butter"]
AGENCIES = ["the front door", "the police", "the GP", "early help", "the school nurse", "the housing team"]
WORRIES = ["the shouting", "the police coming", "his dad", "her mum being sad", "the dog", "the neighbours",
           "going to bed", "being taken away"]
HOBBIES = ["drawing", "Minecraft", "his bike", "her scooter", "football", "dancing", "Lego", "singing"]
# fmt: on

CONFIDENTIALITY = (
    "The chair reminded everyone that the information shared in this meeting is confidential and must not "
    "be shared outside the meeting without the agreement of the chair, except where this is necessary to "
    "protect a child from harm. Parents were told that the minutes will be shared with them and with the "
    "agencies present, and that they may ask for any inaccuracies to be corrected."
)
PURPOSE = {
    "Core Group Meeting": (
        "The purpose of the core group is to develop and review the child protection plan, to check that "
        "actions have been completed and to consider whether the plan is making a difference for the child."
    ),
    "Strategy Meeting": (
        "The purpose of the strategy meeting is to share information between agencies, to decide whether "
        "the threshold for a section 47 enquiry is met and to agree how the child will be kept safe."
    ),
    "Child in Need Review": (
        "The purpose of the review is to consider the progress of the child in need plan, to hear the views "
        "of the family and professionals and to decide whether the plan should continue."
    ),
}
CONTINGENCY = (
    "If the actions in this plan are not completed, or if the worries about the children increase, the local "
    "authority will hold a legal planning meeting to consider whether the threshold for care proceedings "
    "is met and whether the children can remain safely at home."
)
LETTER_OPEN = (
    "I am writing to confirm the outcome of the meeting held on {date}, which you attended with your "
    "advocate. A copy of the full minutes will be sent to you separately once they have been agreed by "
    "the chair."
)
LETTER_CLOSE = (
    "If you do not agree with the decision of the meeting, you can make a complaint through the council's "
    "complaints procedure. Please contact me if you would like to discuss this letter or if you need it in "
    "another language or format."
)
PLAN_HEADINGS = [
    "What are we worried about?",
    "What is working well?",
    "What needs to happen?",
    "Outcome 1: the children will live in a home that is clean, warm and safe.",
    "Outcome 2: the children will attend school every day and arrive on time.",
    "Outcome 3: the children will be protected from harmful adult behaviour.",
]
STOCK = {  # each social worker's own habits, repeated in all their cases
    "Sarah Okonjo": [
        "I have explained to the family that the plan is there to help them make the changes needed, and "
        "that I will visit at least every ten working days.",
        "The family have been given my direct number and the out of hours number and know who to call if "
        "they are worried at any time.",
    ],
    "Michael Thorne": [
        "The children were seen alone in their rooms, which were warm and adequately furnished, and they "
        "were able to talk freely about their week.",
        "I reminded the parents that the children's safety is the priority and that the council will act "
        "if the plan is not followed.",
    ],
    "Priya Raman": [
        "We talked through the three houses tool together and the children drew their house of worries, "
        "their house of good things and their house of dreams.",
    ],
    "Gareth Llewellyn": [
        "The parents were reminded that they can bring a friend or advocate to every meeting and that they "
        "will receive a copy of all minutes and plans.",
    ],
    "Naomi Fairbairn": [
        "I will continue to undertake unannounced visits alongside the planned ones, and I will share what "
        "I see with the core group after each visit.",
    ],
}

# Narrative frames by section. Slots: {C} child (full name or forename), {c} child forename, {he} {his}
# {him} the child's pronouns, {M} mother, {m} mother's forename, {P} partner, {p} partner's forename,
# {G} grandmother, {school}, {dsl}, {hv}, {sw}, and random fillers.
FRAMES: dict[str, list[str]] = {
    "school": [
        "{dsl} reported that {c}'s attendance this term is {pct} per cent and that {he} has been late on "
        "{n} occasions, usually arriving at school after {time}.",
        "{c} told {his} class teacher on {weekday} that {he} had not had any breakfast and that there was "
        "only {food} in the {room} at home.",
        "Staff at {school} noticed {injury} on {c}'s {body} during PE; when asked about it {he} said "
        "that {he} "
        "had fallen over at {place}.",
        "{dsl} said that {c} is often hungry in the morning and goes to the breakfast club, where {he} "
        "usually "
        "eats two or three bowls of cereal before lessons begin.",
        "{c} has been missing {activity}, which {he} used to enjoy, and {his} teacher feels that {he} has "
        "become quieter and more withdrawn since {month}.",
        "The school has made {n} referrals to {agency} this year, most recently after {c} arrived in "
        "the same "
        "clothes for a whole week and smelled strongly of {smell}.",
        "{c} is working below the expected level in reading and writing, and the school has put in place a "
        "support plan with daily reading and a weekly session with the learning mentor.",
        "{c}'s teacher described {him} as a bright and kind child who is popular with {his} classmates but "
        "who becomes upset and tearful at the end of the school day.",
    ],
    "health": [
        "The health visitor {hv} visited the home on {weekday} and found the {room} cluttered with {clutter} "
        "and a strong smell of {smell} in the {room2}.",
        "{hv} said that {c} has missed two dental appointments and the eye test booked in {month}, and that "
        "{his} immunisations are not up to date.",
        "{c} was seen by the GP in {month} with a chest infection; {M} did not collect the prescribed "
        "antibiotics until three days later.",
        "{hv} reported that {M} has been prescribed medication for anxiety and depression and that {m} has "
        "not attended the last {n} appointments with the mental health team.",
        "The home has {pet}, and {hv} observed that the animal was not under control and jumped up at "
        "{c} several times during the visit.",
        "{c}'s weight has dropped from the fiftieth to the twenty-fifth centile, and the GP has asked for "
        "{him} to be weighed every two weeks at the surgery.",
        "{M} told {hv} that {m} sometimes forgets to give {c} {his} inhaler and that {c} had been coughing "
        "at night for several weeks before anyone noticed.",
    ],
    "police": [
        "Police were called to the address on {weekday} night after neighbours reported shouting and a woman "
        "screaming; officers found {M} with {injury} on {her_m} {body}.",
        "{P} was arrested on suspicion of assault and released under investigation with bail conditions not "
        "to contact {M} or attend the family home.",
        "The police domestic abuse risk assessment was graded as high risk and the case was referred to the "
        "multi-agency risk assessment conference.",
        "Officers noted that {c} was awake and standing at the top of the stairs during the incident "
        "and that "
        "{he} was crying and holding {pet_short}.",
        "A search of the property found a quantity of {substance} in the {room}, within reach of the "
        "children, "
        "and {P} was cautioned for possession.",
        "{P} has previous convictions for violence against a former partner and for driving while "
        "disqualified, "
        "and was on licence until {month}.",
        "Police shared that there have been {n} callouts to the address in the last twelve months, three of "
        "them involving allegations that {P} had damaged property.",
    ],
    "home": [
        "{sw} visited unannounced on {weekday} at {time} and found the children alone in the flat; {M} "
        "returned twenty minutes later saying that {m} had gone to the shop.",
        "The {room} had no working light bulb, the fridge held only {food}, and there were {clutter} on "
        "the floor of the {room2}.",
        "{c} shares a bed with {his} mother because {his} own mattress was thrown out after it became damp, "
        "and no replacement has been bought.",
        "{M} says that {P} no longer lives at the address, but his work boots and jacket were seen in the "
        "{room} during the last two visits.",
        "The family is in rent arrears of more than two thousand pounds and {M} has received a notice "
        "seeking possession from the housing association.",
        "{G} has been providing meals for the children most evenings and has said that she is exhausted and "
        "cannot continue to do so for much longer.",
        "{M} told the social worker that {m} had been using {substance} again since {event} but that {m} "
        "never uses when the children are at home.",
        "The back door lock is broken and {c} said that people {he} does not know sometimes come to the "
        "house late at night and talk to {p} in the {room}.",
    ],
    "parents": [
        "{M} said that {m} loves the children and accepts that the house has not been good enough, but feels "
        "that professionals only ever notice the bad days.",
        "{m} said that {m} had been struggling since {event} and that some days {m} cannot face getting out "
        "of bed to take {c} to school.",
        "{P} did not attend; {M} said he was working away in {town} until the end of the month and would not "
        "be able to join by phone.",
        "{M} disagreed with the school's account and said that {c} had the mark on {his} {body} because {he} "
        "fell off {his} scooter at {place}.",
        "{m} asked for help with a referral to the food bank and with getting a new bed for {c}, and said "
        "that {m} would accept a family support worker.",
        "{G} said that she is worried about {P}'s temper and that she has seen him shout at {c} for spilling "
        "a drink at the table.",
    ],
    "child": [
        "{c} told the social worker that {he} feels safe with {his} nan but gets scared at home when "
        "there is {worry}, and that {he} hides in {place} until it stops.",
        "{c} said that {his} favourite thing is {hobby} and that {he} wants to go back to {activity} because "
        "{his} best friend goes there too.",
        "When asked about {p}, {c} went quiet and then said that {p} is nice sometimes but shouts when "
        "he has "
        "been drinking.",
        "{c} drew a picture of {his} house and put {his} mum, {his} nan and {pet_short} inside it, but said "
        "{he} did not want to draw anyone else.",
        "{c} said that {he} would like {his} mum to stop being sad and for there to be more food in the "
        "house "
        "so {he} does not have to ask {his} friends for snacks.",
    ],
    "analysis": [
        "The core group agreed that there has been little progress since the last meeting: the home "
        "conditions "
        "remain poor and {c}'s attendance has not improved.",
        "Professionals are worried that {M} is not able to prioritise the children's needs while {m} is "
        "using "
        "{substance}, and that {m} minimises the impact on {c}.",
        "There is a pattern of {M} engaging well for a few weeks after each meeting and then disengaging, "
        "missing appointments and not answering the door to professionals.",
        "The relationship between {M} and {P} remains a significant worry, as {c} has now witnessed at least "
        "{n} incidents of domestic abuse in the home.",
        "Some progress was noted: {M} has attended every appointment with the drug service and the "
        "{room} was "
        "clean and tidy at the last two visits.",
        "It was agreed that {G}'s support is a strength, but it cannot be relied on as the only safety "
        "measure while she is caring for her own husband.",
    ],
}
SECTIONS = [
    ("School", "school"),
    ("Health", "health"),
    ("Police", "police"),
    ("Home conditions", "home"),
    ("Parents' views", "parents"),
    ("Child's views", "child"),
    ("Analysis", "analysis"),
]
# Each sentence is written afresh with its own choice of words, as different people write differently:
# two families' sentences from one frame rarely share five words in a row.
# fmt: off
SYNONYMS: dict[str, list[str]] = {
    "told": ["told", "said to", "explained to", "shared with"],
    "said": ["said", "stated", "explained", "reported", "told us"],
    "reported": ["reported", "said", "shared", "advised", "informed the meeting"],
    "noticed": ["noticed", "saw", "observed", "spotted"],
    "observed": ["observed", "noticed", "saw", "noted"],
    "worried": ["worried", "concerned", "anxious"],
    "worry": ["worry", "concern", "cause for concern"],
    "home": ["home", "house", "family home", "property"],
    "house": ["house", "home", "property"],
    "children": ["children", "kids", "young people", "siblings"],
    "school": ["school", "the academy", "class"],
    "often": ["often", "frequently", "regularly", "many times"],
    "usually": ["usually", "normally", "typically", "generally"],
    "sometimes": ["sometimes", "at times", "occasionally", "now and again"],
    "several": ["several", "a number of", "many", "a few"],
    "little": ["little", "limited", "minimal", "not much"],
    "significant": ["significant", "serious", "major", "considerable"],
    "attended": ["attended", "gone to", "been at", "kept"],
    "attend": ["attend", "come to", "join", "be present at"],
    "missed": ["missed", "not attended", "failed to attend", "did not go to"],
    "missing": ["missing", "not going to", "absent from", "skipping"],
    "visited": ["visited", "called at", "went to", "saw the family at"],
    "visit": ["visit", "home visit", "call"],
    "found": ["found", "saw", "discovered", "noted"],
    "strong": ["strong", "overpowering", "noticeable", "clear"],
    "smell": ["smell", "odour", "stench"],
    "quiet": ["quiet", "silent", "subdued"],
    "upset": ["upset", "distressed", "unsettled"],
    "scared": ["scared", "frightened", "afraid", "worried"],
    "safe": ["safe", "secure", "protected"],
    "help": ["help", "support", "assistance"],
    "support": ["support", "help", "input"],
    "struggling": ["struggling", "finding things hard", "not coping", "having a hard time"],
    "exhausted": ["exhausted", "worn out", "very tired"],
    "agreed": ["agreed", "decided", "felt", "concluded"],
    "progress": ["progress", "change", "improvement"],
    "poor": ["poor", "unacceptable", "not good enough", "concerning"],
    "improved": ["improved", "got better", "changed", "picked up"],
    "professionals": ["professionals", "agencies", "the core group", "workers"],
    "pattern": ["pattern", "history", "cycle"],
    "engaging": ["engaging", "working", "cooperating"],
    "appointments": ["appointments", "sessions", "meetings"],
    "appointment": ["appointment", "session"],
    "police": ["police", "officers", "the police"],
    "called": ["called", "contacted", "phoned"],
    "neighbours": ["neighbours", "a neighbour", "people next door"],
    "shouting": ["shouting", "screaming", "raised voices", "arguing"],
    "incident": ["incident", "episode", "event"],
    "incidents": ["incidents", "episodes", "occasions"],
    "arrested": ["arrested", "detained", "taken into custody"],
    "released": ["released", "let go", "freed"],
    "previous": ["previous", "past", "earlier", "historic"],
    "quantity": ["quantity", "amount", "large amount", "supply"],
    "within reach": ["within reach", "accessible", "easily reached"],
    "stairs": ["stairs", "staircase", "landing"],
    "crying": ["crying", "in tears", "sobbing"],
    "holding": ["holding", "hugging", "clutching"],
    "dropped": ["dropped", "fallen", "gone down"],
    "weight": ["weight", "growth", "weight gain"],
    "forgets": ["forgets", "does not remember", "fails"],
    "noticed that": ["noticed that", "saw that", "realised that"],
    "bright": ["bright", "clever", "able"],
    "kind": ["kind", "caring", "thoughtful", "gentle"],
    "popular": ["popular", "well liked", "liked"],
    "tearful": ["tearful", "emotional", "weepy"],
    "hungry": ["hungry", "starving", "without food"],
    "late": ["late", "not on time", "after the bell"],
    "enjoy": ["enjoy", "love", "like"],
    "withdrawn": ["withdrawn", "closed", "isolated"],
    "referrals": ["referrals", "contacts", "reports"],
    "recently": ["recently", "lately", "most lately"],
    "clothes": ["clothes", "uniform", "outfit"],
    "whole": ["whole", "full", "entire"],
    "expected": ["expected", "age-related", "national"],
    "described": ["described", "spoke of", "talked about"],
    "cluttered": ["cluttered", "filled", "strewn"],
    "up to date": ["up to date", "current", "complete"],
    "prescribed": ["prescribed", "given", "put on"],
    "medication": ["medication", "tablets", "medicine"],
    "control": ["control", "supervision", "restraint"],
    "fridge": ["fridge", "cupboards", "kitchen"],
    "floor": ["floor", "carpet", "ground"],
    "thrown out": ["thrown out", "taken away", "got rid of"],
    "bought": ["bought", "provided", "found"],
    "lives": ["lives", "stays", "is living"],
    "seen": ["seen", "noticed", "observed", "spotted"],
    "providing": ["providing", "making", "cooking"],
    "continue": ["continue", "carry on", "keep going"],
    "broken": ["broken", "damaged", "not working"],
    "late at night": ["late at night", "in the early hours", "after midnight"],
    "loves": ["loves", "cares about", "adores"],
    "accepts": ["accepts", "acknowledges", "agrees"],
    "asked": ["asked", "requested", "wanted"],
    "disagreed": ["disagreed", "did not accept", "disputed"],
    "temper": ["temper", "anger", "moods"],
    "favourite": ["favourite", "best", "most loved"],
    "picture": ["picture", "drawing", "sketch"],
    "stop": ["stop", "not be", "no longer be"],
    "remains": ["remains", "is still", "continues to be"],
    "remain": ["remain", "are still", "continue to be"],
    "strength": ["strength", "positive", "protective factor"],
    "relied on": ["relied on", "depended on", "counted on"],
    "caring for": ["caring for", "looking after", "nursing"],
    "completed": ["completed", "done", "finished"],
    "after": ["after", "following", "once"],
    "last": ["last", "previous", "most recent"],
    "during": ["during", "in the course of", "throughout"],
    "when": ["when", "whenever", "at times when"],
    "since": ["since", "ever since", "from"],
    "until": ["until", "till", "up to"],
    "teacher": ["teacher", "class teacher", "form tutor", "teaching assistant"],
    "feels": ["feels", "thinks", "believes", "is of the view"],
    "days": ["days", "school days", "mornings"],
    "weeks": ["weeks", "visits", "meetings"],
    "address": ["address", "flat", "family home", "property"],
    "while": ["while", "whilst", "as long as"],
    "because": ["because", "as", "since", "due to the fact that"],
    "cannot": ["cannot", "can't", "is unable to", "is not able to"],
    "attendance": ["attendance", "school attendance", "attendance figure"],
    "breakfast": ["breakfast", "anything to eat", "food that morning"],
    "goes": ["goes", "is sent", "attends"],
    "before": ["before", "ahead of", "prior to"],
    "night": ["night", "evening", "late evening"],
    "anyone": ["anyone", "an adult", "the family"],
    "noted": ["noted", "recorded", "commented"],
    "getting": ["getting", "obtaining", "applying for"],
    "able to": ["able to", "in a position to", "managing to"],
    "nan": ["nan", "nanna", "grandmother", "gran"],
    "mum": ["mum", "mother", "mummy"],
    "term": ["term", "half term", "academic year"],
    "occasions": ["occasions", "days", "mornings"],
    "arriving": ["arriving", "turning up", "coming in"],
    "fallen over": ["fallen over", "tripped", "had a fall", "slipped"],
    "morning": ["morning", "mornings", "start of the day"],
    "eats": ["eats", "has", "gets through"],
    "lessons begin": ["lessons begin", "the register", "class starts"],
    "become": ["become", "grown", "seemed"],
    "quieter": ["quieter", "more subdued", "less chatty"],
    "made": ["made", "submitted", "sent"],
    "arrived": ["arrived", "came in", "turned up"],
    "smelled strongly": ["smelled strongly", "smelt badly", "had a strong smell"],
    "writing": ["writing", "spelling", "maths"],
    "daily": ["daily", "everyday", "regular"],
    "weekly": ["weekly", "fortnightly", "regular"],
    "classmates": ["classmates", "peers", "friends in class"],
    "becomes": ["becomes", "gets", "can be"],
    "booked": ["booked", "arranged", "scheduled"],
    "collect": ["collect", "pick up", "get"],
    "anxiety and depression": ["anxiety and depression", "low mood", "depression", "anxiety"],
    "jumped up at": ["jumped up at", "knocked into", "barked at", "went for"],
    "weighed": ["weighed", "measured", "checked"],
    "coughing": ["coughing", "wheezing", "unwell"],
    "officers": ["officers", "the attending officers", "police"],
    "graded": ["graded", "assessed", "scored"],
    "referred": ["referred", "passed", "escalated"],
    "awake": ["awake", "up", "out of bed"],
    "standing": ["standing", "sitting", "waiting"],
    "search": ["search", "check", "sweep"],
    "convictions": ["convictions", "offences", "cautions"],
    "damaged": ["damaged", "smashed", "broken"],
    "returned": ["returned", "came back", "got home"],
    "saying": ["saying", "explaining", "telling the worker"],
    "held": ["held", "contained", "had"],
    "shares": ["shares", "sleeps in", "has to share"],
    "became": ["became", "got", "went"],
    "rent arrears": ["rent arrears", "arrears", "debt with the landlord"],
    "received": ["received", "been sent", "been served"],
    "meals": ["meals", "tea", "hot food", "dinner"],
    "evenings": ["evenings", "nights", "days after school"],
    "again": ["again", "once more", "once again"],
    "never": ["never", "does not", "would never"],
    "talk": ["talk", "speak", "chat"],
    "good enough": ["good enough", "acceptable", "as it should be"],
    "bad": ["bad", "difficult", "hard"],
    "face": ["face", "manage", "bring herself"],
    "take": ["take", "walk", "drive"],
    "fell off": ["fell off", "came off", "tripped over"],
    "drink": ["drink", "cup of juice", "glass of milk"],
    "hides": ["hides", "goes", "runs"],
    "wants": ["wants", "would like", "hopes"],
    "best friend": ["best friend", "closest friend", "friend"],
    "went": ["went", "became", "fell"],
    "nice": ["nice", "kind", "alright", "fun"],
    "drew": ["drew", "made", "did"],
    "sad": ["sad", "unhappy", "poorly", "upset"],
    "snacks": ["snacks", "food", "something to eat"],
    "core group": ["core group", "meeting", "group", "professionals"],
    "decided": ["decided", "agreed", "confirmed"],
    "plan": ["plan", "child protection plan", "safety plan"],
    "meeting": ["meeting", "review", "core group"],
}
# fmt: on
_SYNONYM = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, SYNONYMS), key=len, reverse=True)) + r")\b(?![^{]*\})"
)


def reword(text: str, rng: Random, chance: float = 1.0) -> str:
    """Each word of the synonym table replaced (with probability ``chance``) by a word of its row."""

    def choose(match: re.Match[str]) -> str:
        word = match.group()
        return rng.choice(SYNONYMS[word]) if rng.random() < chance else word

    return _SYNONYM.sub(choose, text)


EDIT_WORDS = ["also", "very", "then", "again", "still", "recently", "clearly", "often", "now", "later"]
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass
class Family:
    case: str
    surname: str
    child: str
    sex: str  # "m" or "f"
    mother: str
    partner: str
    gran: str
    school: str
    dsl: str
    worker: str
    hv: str
    iro: str
    town: str
    pet: str
    sibling: str | None = None
    details: list[str] = field(default_factory=list)
    frames: list[str] = field(default_factory=list)  # this family's own anecdotes

    def manifest(self) -> dict[str, object]:
        subjects: list[dict[str, object]] = [
            {"name": self.child, "role": "child"},
            {"name": self.mother, "role": "mother"},
            {"name": self.partner, "role": "mother's partner"},
            {"name": self.gran, "role": "maternal grandmother"},
        ]
        if self.sibling:
            subjects.insert(1, {"name": self.sibling, "role": "child"})
        return {
            "case": self.case,
            "title": f"{self.surname} family",
            "references": [f"LA-2025-{self.case}"],
            "subjects": subjects,
            "professionals": [
                {"name": self.worker, "role": "Social Worker"},
                {"name": self.hv, "role": "Health Visitor"},
                {"name": self.iro, "role": "Independent Reviewing Officer"},
                {"name": self.dsl, "role": "Designated Safeguarding Lead"},
            ],
            "allow": [self.school, self.town],
        }

    def slots(self, rng: Random) -> dict[str, str]:
        first = self.child.split()[0]
        he, his, him = ("he", "his", "him") if self.sex == "m" else ("she", "her", "her")
        return {
            "C": self.child,
            "c": first,
            "he": he,
            "his": his,
            "him": him,
            "M": self.mother,
            "m": self.mother.split()[0],
            "her_m": "her",
            "P": self.partner,
            "p": self.partner.split()[0],
            "G": self.gran,
            "school": self.school,
            "dsl": self.dsl,
            "hv": self.hv,
            "sw": self.worker,
            "town": rng.choice([t for t in TOWNS if t != self.town]),
            "pet": self.pet,
            "pet_short": "the " + self.pet.split()[-1],
            "pct": str(rng.choice([71, 74, 78, 81, 83, 86, 88])),
            "n": rng.choice(["two", "three", "four", "five", "six", "seven"]),
            "time": rng.choice(TIMES),
            "weekday": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS),
            "room": rng.choice(ROOMS),
            "room2": rng.choice(ROOMS),
            "clutter": rng.choice(CLUTTER),
            "smell": rng.choice(SMELLS),
            "food": rng.choice(FOODS),
            "place": rng.choice(PLACES),
            "event": rng.choice(EVENTS),
            "activity": rng.choice(ACTIVITIES),
            "injury": rng.choice(INJURIES),
            "body": rng.choice(BODY),
            "substance": rng.choice(SUBSTANCES),
            "agency": rng.choice(AGENCIES),
            "worry": rng.choice(WORRIES),
            "hobby": rng.choice(HOBBIES),
        }


DETAIL_PARTS = (
    [
        "nan's flat",
        "the caravan",
        "uncle's house",
        "the allotment shed",
        "the youth club",
        "the family car",
        "the garage",
        "the back bedroom",
        "the trampoline",
        "the stairwell",
        "the pub",
        "the bookies",
        "the chip shop",
        "the corner shop",
        "the bus stop",
        "the skate ramp",
        "the canal path",
        "the quarry",
    ],
    ["on", "near", "behind", "at the end of", "opposite", "off", "beyond", "beside"],
    [
        "Priory Road",
        "Brean Sands",
        "the Lufton estate",
        "Hendford Hill",
        "Mill Stream Close",
        "the Mendip view flats",
        "Coldharbour Lane",
        "Sedgemoor Way",
        "the old railway line",
        "Orchard Rise",
        "the retail park",
        "Larkspur Walk",
        "Kingfisher Drive",
        "Quantock Road",
        "the Ashton estate",
    ],
)
DETAIL_CLAUSES = [
    "which is where {he} spends most weekends",
    "something that was also mentioned at {d1}",
    "and this was linked to the time at {d1}",
    "although {m} later said it happened at {d2}",
    "as {he} has told staff before about {d1}",
    "which the family say is connected to {d2}",
    "and the worker has since seen {d1} for herself",
    "with {d2} again described as the place where things go wrong",
]


def details(rng: Random) -> list[str]:
    things, links, places = DETAIL_PARTS
    return [f"{rng.choice(things)} {rng.choice(links)} {rng.choice(places)}" for _ in range(6)]


def capital(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def fill(frame: str, family: Family, rng: Random) -> str:
    slots = family.slots(rng)
    if rng.random() < 0.5:  # the child's full name now and then
        slots["c"] = slots["C"] if rng.random() < 0.3 else slots["c"]
    # A family's worker words a frame her own way each time, with small changes from one meeting to
    # the next; another family's worker words it differently.
    voice = reword(frame, Random(f"{family.case}:{frame}"))
    text = reword(voice, rng, chance=0.2).format(**slots)
    if rng.random() < 0.35:  # this family's own places and people
        clause = rng.choice(DETAIL_CLAUSES).format(
            d1=rng.choice(family.details), d2=rng.choice(family.details), **slots
        )
        text = text.rstrip(".") + ", " + clause + "."
    return capital(text)


# What a family's own story is made of: sentences put together from many small parts with large
# vocabularies, so that two families' accounts share common phrases but not whole sentences.
# fmt: off
WHEN = ["On {weekday}", "Last {weekday}", "During the half term holiday", "Over the weekend",
        "At the last visit",
        "Since the last meeting", "On the morning of the review", "Two weeks ago", "Late one evening",
        "Shortly after the conference", "While the worker was present", "Just before the school trip",
        "After the contact session", "On the way home from school", "Around bonfire night", "At the weekend",
        "Earlier this month", "During the home visit", "Straight after the core group", "One night last week"]
WHO = ["{c}", "{m}", "{M}", "{G}", "{his} class teacher", "{dsl}", "{hv}", "a neighbour",
       "the support worker",
       "{p}", "the school nurse", "the housing officer", "{his} older cousin", "the childminder",
       "the dinner lady", "the lollipop lady", "the taxi driver", "an aunt", "the youth worker",
       "the landlord"]
SAID = ["said", "told the worker", "reported", "disclosed", "explained", "mentioned", "admitted", "claimed",
        "let slip", "confirmed", "insisted", "wrote in a text message", "told the teacher", "shouted",
        "whispered", "complained", "told {G}", "posted online", "told the police", "agreed"]
VERB = ["had thrown", "had hidden", "had sold", "had broken", "had borrowed", "had found", "had bought",
        "had taken", "had lost", "had burnt", "had dropped", "had kicked", "had given away", "had stolen",
        "had fixed", "had painted", "had swapped", "had buried", "had washed", "had locked", "had opened",
        "had emptied", "had wrapped", "had pawned", "had returned", "had cracked", "had filled", "had moved",
        "had left", "had carried", "had chased", "had slashed", "had posted", "had repaired", "had covered",
        "had tied", "had chewed", "had ordered", "had won", "had charged"]
OBJ = ["a mobile phone", "the television remote", "a kitchen knife", "a new bike", "the front door key",
       "a games console", "a bottle of vodka", "the bathroom mirror", "a pushchair", "a bag of coins",
       "the car keys", "a lighter", "the school bag", "the bedroom door", "a football shirt", "the dog lead",
       "a box of tablets", "the gas card", "a photo album", "a tablet computer", "the washing machine",
       "a scooter", "a pair of trainers", "the fridge magnet", "a birthday cake", "the garden gate",
       "a fishing rod", "a packet of cigarettes", "the baby monitor", "a toy car", "the cooker knob",
       "a sleeping bag", "the fire alarm", "a bus pass", "a gold chain", "the hamster cage", "a duvet",
       "a carrier bag of clothes", "the bird feeder", "a jar of coffee"]
PREP = ["in", "behind", "near", "outside", "under", "next to", "at the back of", "on the way to", "opposite",
        "inside", "by", "on top of", "round the corner from", "beneath", "beside"]
PLACE = ["the retail park", "Brean Sands", "the leisure centre", "the canal path", "the bus station",
         "the chip shop", "the recreation ground", "the food bank", "the cinema", "the quarry",
         "the drop-in centre", "the hospital car park", "the youth club", "the garages", "the launderette",
         "the allotments", "the church hall", "the skate park", "the petrol station", "the community centre",
         "the bottle bank", "the bowling alley", "the library", "the doctor's surgery", "the post office",
         "the big Tesco", "the football ground", "the scout hut", "the old railway bridge", "the bingo hall",
         "the garden centre", "the pet shop", "the vape shop", "the caravan park", "the pub car park",
         "the school field", "the recycling centre", "the taxi rank", "the park and ride", "the ice rink"]
TAIL = ["", "", "", " because of an argument about money", " after a row about the dog",
        " for the third time this term", " and nobody noticed until the next day", " which {m} denies",
        " according to {G}", " while {p} was out", " and the police were not called",
        " in front of the younger children", " without asking anyone", " to pay off a debt",
        " as a joke that went wrong", " on the advice of a friend", " to stop {p} finding it",
        " before anyone was awake", " during a power cut", " to get back at {m}", " in the pouring rain"]
# fmt: on

GENERIC = {  # common professional phrasing: every family's documents hold some of it
    "school": [
        "The school will continue to monitor attendance and share any concerns with the social worker.",
        "{dsl} will update the core group on attendance and punctuality at the next meeting.",
    ],
    "health": [
        "The health visitor will continue to offer support and will update the core group.",
        "Health professionals will share any missed appointments with the social worker.",
    ],
    "police": [
        "The police will share any further callouts to the address with children's services.",
        "There have been no further police callouts since the last meeting.",
    ],
    "home": [
        "The social worker will continue to visit the home, announced and unannounced.",
        "Home conditions will be reviewed at every visit and discussed at the next core group.",
    ],
    "parents": [
        "{M} said that she wants to work with professionals and will try to follow the plan.",
        "{M} was thanked for attending and for sharing her views openly.",
    ],
    "child": [
        "{c} was seen alone and was able to share {his} wishes and feelings.",
        "The social worker will continue direct work with {c} using age-appropriate tools.",
    ],
    "analysis": [
        "The core group agreed that the plan should continue and that progress will be reviewed.",
        "Professionals agreed that the worries remain and that the plan is still needed.",
    ],
}


WHEN += [
    "Some time after {event}",
    "On the day of the {activity} trip",
    "When the worker called round",
    "At about {time} on {weekday}",
    "After the review in {month}",
    "During the Easter holidays",
    "In the week before the hearing",
    "On {his} birthday",
    "At the parents' evening",
    "On the first day back at school",
    "During a phone call with the worker",
    "At the child's medical",
]
WHO += [
    "the next-door neighbour",
    "{his} swimming coach",
    "a teaching assistant",
    "the GP receptionist",
    "the play worker",
    "{his} step-grandfather",
    "the bus driver",
    "a parent at the school gate",
    "the health care assistant",
    "the family's pastor",
    "the mentor from the football club",
    "{m}'s best friend",
    "the after-school club leader",
    "a police community support officer",
]
SAID += [
    "told staff",
    "said at the meeting",
    "wrote in the home-school diary",
    "told the health visitor",
    "said on the phone",
    "told the head teacher",
    "said in a voicemail",
    "said during the visit",
]
STATES = [
    "asleep upstairs",
    "out at work",
    "in the bath",
    "at {G}'s",
    "on the phone",
    "already in bed",
    "out shopping",
    "at the hospital",
    "playing outside",
    "watching television",
    "at the pub",
]
PAST = [
    "threw",
    "hid",
    "sold",
    "broke",
    "borrowed",
    "found",
    "bought",
    "took",
    "lost",
    "burnt",
    "dropped",
    "kicked",
    "gave away",
    "stole",
    "fixed",
    "painted",
    "swapped",
    "buried",
    "washed",
    "locked",
]


def story(family: Family, rng: Random) -> str:
    """One sentence of this family's own story, in one of several shapes."""
    shape = rng.randrange(4)
    if shape == 0:
        sentence = (
            f"{rng.choice(WHEN)}, {rng.choice(WHO)} {rng.choice(SAID)} that {rng.choice(WHO)} "
            f"{rng.choice(VERB)} {rng.choice(OBJ)} {rng.choice(PREP)} {rng.choice(PLACE)}{rng.choice(TAIL)}"
        )
    elif shape == 1:
        when = rng.choice(WHEN)
        sentence = (
            f"{rng.choice(WHO)} {rng.choice(PAST)} {rng.choice(OBJ)} {rng.choice(PREP)} {rng.choice(PLACE)} "
            f"{when[0].lower()}{when[1:]}{rng.choice(TAIL)}"
        )
    elif shape == 2:
        sentence = (
            f"According to {rng.choice(WHO)}, {rng.choice(WHO)} {rng.choice(VERB)} {rng.choice(OBJ)} "
            f"{rng.choice(PREP)} {rng.choice(PLACE)}{rng.choice(TAIL)}"
        )
    else:
        sentence = (
            f"{rng.choice(WHO)} was {rng.choice(STATES)} when {rng.choice(WHO)} {rng.choice(PAST)} "
            f"{rng.choice(OBJ)} {rng.choice(PREP)} {rng.choice(PLACE)}{rng.choice(TAIL)}"
        )
    if rng.random() < 0.4:
        sentence += f", and that {rng.choice(WHO)} {rng.choice(VERB)} {rng.choice(OBJ)}"
    return capital(sentence.format(**family.slots(rng))) + "."


def section_text(family: Family, section: str, count: int, rng: Random) -> list[str]:
    """A section's sentences: common phrasing, this family's own story, now and then its own anecdotes."""
    sentences = [story(family, rng) for _ in range(count - 1)]
    if rng.random() < 0.4:
        sentences.append(rng.choice(GENERIC[section]).format(**family.slots(rng)))
    own = [f for f in family.frames if f in FRAMES[section]]
    if own and rng.random() < 0.6:
        sentences.append(fill(rng.choice(own), family, rng))
    rng.shuffle(sentences)
    return sentences


def make_families(count: int, rng: Random) -> list[Family]:
    surnames = rng.sample(SURNAMES, count)
    families = []
    for n, surname in enumerate(surnames):
        sex = rng.choice("mf")
        child = f"{rng.choice(BOYS if sex == 'm' else GIRLS)} {surname}"
        sibling = f"{rng.choice(GIRLS + BOYS)} {surname}" if rng.random() < 0.4 else None
        school, dsl = rng.choice(SCHOOLS)
        families.append(
            Family(
                case=str(3001 + n),
                surname=surname,
                child=child,
                sex=sex,
                mother=f"{rng.choice(WOMEN)} {surname}",
                partner=f"{rng.choice(MEN)} {rng.choice([s for s in SURNAMES if s not in surnames])}",
                gran=f"{rng.choice(GRANS)} {rng.choice([s for s in SURNAMES if s not in surnames])}",
                school=school,
                dsl=dsl,
                worker=WORKERS[n % len(WORKERS)],
                hv=rng.choice(HVS),
                iro=rng.choice(IROS),
                town=rng.choice(TOWNS),
                pet=rng.choice(PETS),
                sibling=sibling,
                details=details(rng),
            )
        )
    frames = [f for section in FRAMES.values() for f in section]
    rng.shuffle(frames)
    for n, frame in enumerate(frames):  # every anecdote belongs to one family
        families[n % len(families)].frames.append(frame)
    return families


# ----------------------------------------------------------------------------------------- documents


@dataclass
class Paragraph:
    text: str
    heading: bool = False
    narrative: bool = False  # family-specific prose: what gets copied


@dataclass
class Doc:
    case: str
    name: str
    kind: str
    fmt: str
    paragraphs: list[Paragraph]
    table: list[list[str]] = field(default_factory=list)
    planted: list[dict[str, Any]] = field(default_factory=list)
    own_reuse: int = 0


def minutes(family: Family, meeting: str, number: int, rng: Random) -> list[Paragraph]:
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2025"
    paras = [
        Paragraph(f"{meeting} Minutes", heading=True),
        Paragraph(f"Child: {family.child}. Date: {date}. Venue: Microsoft Teams. Chair: {family.iro}."),
        Paragraph("Confidentiality", heading=True),
        Paragraph(CONFIDENTIALITY),
        Paragraph("Purpose of the meeting", heading=True),
        Paragraph(PURPOSE[meeting]),
    ]
    for title, section in SECTIONS:
        paras.append(Paragraph(title, heading=True))
        sentences = section_text(family, section, rng.randint(3, 5), rng)
        if section == "analysis" and rng.random() < 0.7:
            sentences.append(rng.choice(STOCK[family.worker]))
        # two paragraphs per section, sometimes one
        cut = rng.randint(1, len(sentences)) if len(sentences) > 2 else len(sentences)
        for chunk in (sentences[:cut], sentences[cut:]):
            if chunk:
                paras.append(Paragraph(" ".join(chunk), narrative=True))
    paras.append(Paragraph("Decision", heading=True))
    paras.append(
        Paragraph(
            "The core group agreed that the child protection plan should continue under the category of "
            f"{rng.choice(['neglect', 'emotional abuse', 'physical abuse'])}."
        )
    )
    paras.append(Paragraph(f"Date of next meeting: {rng.randint(1, 28)} {rng.choice(MONTHS)} 2025 at 10am."))
    return paras


def new_document(family: Family, kind: str, rng: Random) -> list[Paragraph]:
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2025"
    paras: list[Paragraph] = []
    sections = rng.sample(SECTIONS, k=4)
    if kind == "plan":
        paras.append(Paragraph(f"Child Protection Plan for {family.child}", heading=True))
        paras.append(
            Paragraph(f"Plan agreed at the review conference on {date}. Social worker: {family.worker}.")
        )
        headings = list(PLAN_HEADINGS)
    elif kind == "letter":
        paras.append(Paragraph(f"Dear {family.mother},"))
        paras.append(Paragraph(LETTER_OPEN.format(date=date)))
        headings = ["What the meeting heard", "What the meeting decided", "What happens next"]
    else:
        paras.append(Paragraph(f"Social work report: {family.child}", heading=True))
        paras.append(Paragraph(f"Prepared by {family.worker} for the review on {date}."))
        headings = ["Background", "Current concerns", "Views of the family", "Analysis"]
    for heading, (_, section) in zip(headings, sections + sections, strict=False):
        paras.append(Paragraph(heading, heading=True))
        text = " ".join(section_text(family, section, rng.randint(2, 4), rng))
        if rng.random() < 0.3:
            text += " " + rng.choice(STOCK[family.worker])
        paras.append(Paragraph(text, narrative=True))
    if kind == "plan":
        paras.append(Paragraph("Contingency plan", heading=True))
        paras.append(Paragraph(CONTINGENCY))
    if kind == "letter":
        paras.append(Paragraph(LETTER_CLOSE))
        paras.append(Paragraph(f"Yours sincerely, {family.worker}, Social Worker"))
    return paras


# ------------------------------------------------------------------------------------ copying forms


def words_of(text: str) -> list[str]:
    return text.split()


def passage_from(doc: Doc, length: int, rng: Random) -> tuple[str, int]:
    """Consecutive narrative sentences of ``doc`` (across paragraphs), cut at ``length`` words.

    A passage that runs from one section into the next takes the heading between them along, as a
    copy of the text from the document would: left out, it would be an edit of a verbatim copy.
    """
    sentences: list[tuple[int, str]] = []
    heading: tuple[int, str] | None = None
    for n, para in enumerate(doc.paragraphs):
        if para.narrative:
            if heading is not None and sentences:
                sentences.append(heading)
            heading = None
            sentences += [(n, s) for s in re.split(r"(?<=[.!?])\s+", para.text) if s]
        elif para.heading:
            heading = (n, para.text)
    counts = [len(words_of(s)) for _, s in sentences]
    headings = {n for n, (at, _) in enumerate(sentences) if doc.paragraphs[at].heading}
    starts = [n for n in range(len(sentences)) if n not in headings and sum(counts[n:]) >= length] or [0]
    start = rng.choice(starts)
    picked: list[str] = []
    for _, sentence in sentences[start:]:
        picked += words_of(sentence)
        if len(picked) >= length:
            break
    return " ".join(picked[:length]), sentences[start][0]


def swap_names(text: str, source: Family, target: Family, rng: Random) -> str:
    pairs = [
        (source.child, target.child),
        (source.mother, target.mother),
        (source.partner, target.partner),
        (source.gran, target.gran),
        (source.child.split()[0], target.child.split()[0]),
        (source.mother.split()[0], target.mother.split()[0]),
        (source.partner.split()[0], target.partner.split()[0]),
        (source.school, target.school),
        (source.dsl, target.dsl),
        (source.hv, target.hv),
        (source.worker, target.worker),
    ]
    for old, new in pairs:
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    if source.sex != target.sex:
        swap = {"he": "she", "his": "her", "him": "her"} if target.sex == "f" else {"she": "he", "her": "his"}
        text = re.sub(
            r"\b(he|his|him|she|her)\b",
            lambda m: swap.get(m.group(), m.group()),
            text,
        )
    return text


def swap_to_strangers(text: str, source: Family, rng: Random) -> str:
    """Names replaced by names that no manifest holds."""
    strangers = rng.sample(OTHER_NAMES, 3)
    for old, new in zip([source.child, source.mother, source.partner], strangers, strict=True):
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
        text = re.sub(rf"\b{re.escape(old.split()[0])}\b", new.split()[0], text)
    return text


def edit(text: str, edits: int, rng: Random) -> str:
    tokens = words_of(text)
    for _ in range(edits):
        at = rng.randrange(1, max(2, len(tokens) - 1))
        action = rng.choice(["replace", "insert", "delete"])
        if action == "replace":
            tokens[at] = rng.choice(EDIT_WORDS)
        elif action == "insert":
            tokens.insert(at, rng.choice(EDIT_WORDS))
        elif len(tokens) > 5:
            del tokens[at]
    return " ".join(tokens)


FORMS = ["verbatim", "swapped", "edited", "swapped+edited"]
EXTRA_FORMS = ["heavily edited", "strangers' names", "short (20-29 words)"]


def plant(
    target: Doc,
    family: Family,
    sources: list[tuple[Family, Doc]],
    rng: Random,
    form: str,
) -> None:
    source_family, source_doc = rng.choice(sources)
    length = rng.randint(20, 29) if form.startswith("short") else rng.randint(30, 120)
    text, _ = passage_from(source_doc, length, rng)
    if "swapped" in form:
        text = swap_names(text, source_family, family, rng)
    if form == "strangers' names":
        text = swap_to_strangers(text, source_family, rng)
    if form.endswith("edited") and form != "heavily edited":
        text = edit(text, 2 + len(words_of(text)) // 40, rng)
    if form == "heavily edited":
        text = edit(text, max(3, len(words_of(text)) // 8), rng)
    narrative = [n for n, p in enumerate(target.paragraphs) if p.narrative]
    at = rng.choice(narrative)
    para = target.paragraphs[at]
    if rng.random() < 0.5:  # pasted as a paragraph of its own
        target.paragraphs.insert(at + 1, Paragraph(text, narrative=True))
    else:  # pasted into the middle of one of this family's paragraphs
        cut = re.split(r"(?<=[.!?])\s+", para.text)
        middle = max(1, len(cut) // 2)
        para.text = " ".join([*cut[:middle], text, *cut[middle:]])
    target.planted.append(
        {
            "source_case": source_family.case,
            "source_doc": source_doc.name,
            "source_format": source_doc.fmt,
            "form": form,
            "words": len(words_of(text)),
            "text": text,
        }
    )


def reuse_own(target: Doc, own: list[Doc], rng: Random) -> None:
    text, _ = passage_from(rng.choice(own), rng.randint(30, 90), rng)
    target.paragraphs.append(Paragraph(text, narrative=True))
    target.own_reuse += 1


# ------------------------------------------------------------------------------------------ writing


def write(doc: Doc, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc.name}.{doc.fmt}"
    if doc.fmt == "txt":
        path.write_text("\n\n".join(p.text for p in doc.paragraphs) + "\n", encoding="utf-8")
    elif doc.fmt == "docx":
        import docx

        document = docx.Document()
        for para in doc.paragraphs:
            if para.heading:
                document.add_heading(para.text, level=2)
            else:
                document.add_paragraph(para.text)
            if para.text == "Confidentiality" and doc.table:
                table = document.add_table(rows=len(doc.table), cols=3)
                for row, values in zip(table.rows, doc.table, strict=True):
                    for cell, value in zip(row.cells, values, strict=True):
                        cell.text = value
        document.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
        document.sections[0].footer.paragraphs[0].text = f"{COUNCIL_NAME} children's services"
        document.save(str(path))
    else:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        lines: list[str] = []
        for para in doc.paragraphs:
            lines += [*textwrap.wrap(para.text, 92), ""]
        c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
        per_page = 44
        pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
        for number, page in enumerate(pages, start=1):
            c.setFont("Helvetica", 8)
            c.drawString(60, 810, "OFFICIAL-SENSITIVE")
            c.drawString(60, 30, f"Page {number} of {len(pages)}")
            c.setFont("Helvetica", 9)
            y = 780
            for line in page:
                c.drawString(60, y, line)
                y -= 16
            c.showPage()
        c.save()
    return path


COUNCIL_NAME = "South Wessex Council"


def build_corpus(out: Path, families_count: int, seed: int) -> dict[str, Any]:
    rng = Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "cases").mkdir(parents=True)
    families = make_families(families_count, rng)
    for family in families:
        (out / "cases" / f"{family.case}.yaml").write_text(
            yaml.safe_dump(family.manifest(), sort_keys=False), encoding="utf-8"
        )
    earlier: dict[str, list[Doc]] = {}
    meetings = ["Core Group Meeting", "Core Group Meeting", "Strategy Meeting", "Child in Need Review"]
    for family in families:
        docs = []
        for n, meeting in enumerate(meetings, start=1):
            fmt = rng.choices(["docx", "pdf", "txt"], weights=[6, 3, 1])[0]
            doc = Doc(
                family.case,
                f"minutes-{n}-{meeting.split()[0].lower()}",
                "minutes",
                fmt,
                minutes(family, meeting, n, rng),
            )
            doc.table = [
                ["Name", "Role", "Agency"],
                [family.worker, "Social Worker", COUNCIL_NAME],
                [family.hv, "Health Visitor", "NHS"],
                [family.mother, "Mother", ""],
            ]
            write(doc, out / "earlier" / family.case)
            docs.append(doc)
        earlier[family.case] = docs
    truth: dict[str, Any] = {"seed": seed, "documents": []}
    by_case = {f.case: f for f in families}
    for family in families:
        others = [(by_case[c], d) for c, docs in earlier.items() if c != family.case for d in docs]
        kinds = ["plan", "letter", "report"] * 4
        for n, kind in enumerate(kinds, start=1):
            fmt = rng.choice(["docx", "pdf", "txt"])
            doc = Doc(family.case, f"{kind}-{n}", kind, fmt, new_document(family, kind, rng))
            if rng.random() < 0.5:
                reuse_own(doc, earlier[family.case], rng)
            if n <= 6:  # leaky
                for _ in range(rng.choice([1, 1, 2, 3])):
                    plant(doc, family, others, rng, rng.choice(FORMS))
            elif n <= 8:
                plant(doc, family, others, rng, EXTRA_FORMS[(int(family.case) + n) % len(EXTRA_FORMS)])
            path = write(doc, out / "new" / family.case)
            truth["documents"].append(
                {
                    "path": str(path.relative_to(out)),
                    "case": family.case,
                    "kind": kind,
                    "format": fmt,
                    "planted": doc.planted,
                    "own_reuse": doc.own_reuse,
                }
            )
    (out / "truth.json").write_text(json.dumps(truth, indent=1), encoding="utf-8")
    return truth


# -------------------------------------------------------------------------------------- measurement


def grams(text: str) -> set[tuple[str, ...]]:
    from disclint.matching.normalise import fold

    tokens = [fold(m.group()) for m in _WORD.finditer(text)]
    return {tuple(tokens[i : i + 3]) for i in range(len(tokens) - 2)}


@dataclass
class Setting:
    label: str
    k: int = 5
    window: int = 6
    method: str = "winnow"
    capitalised: bool = True
    template_cases: int = 3
    tune: dict[str, float] = field(default_factory=dict)  # constants of disclint.index, e.g. MIN_SHARE


@dataclass
class Outcome:
    setting: Setting
    found: Counter[str] = field(default_factory=Counter)
    planted: Counter[str] = field(default_factory=Counter)
    right_document: int = 0
    false_findings: list[str] = field(default_factory=list)
    clean_failed: int = 0
    clean: int = 0
    prints_per_page: float = 0.0
    bytes_per_page: float = 0.0
    query_ms: list[float] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    template_share: list[float] = field(default_factory=list)
    only_template: int = 0
    false_causes: Counter[str] = field(default_factory=Counter)

    def recall(self, forms: list[str]) -> tuple[int, int]:
        return sum(self.found[f] for f in forms), sum(self.planted[f] for f in forms)


class Corpus:
    """The corpus read once: documents of the earlier and new folders, manifests, register."""

    def __init__(self, out: Path) -> None:
        from disclint.manifest import load_cases
        from disclint.readers import read
        from disclint.register import Register

        self.out = out
        self.truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
        self.cases = load_cases(out / "cases")
        self.register = Register(self.cases)
        self.earlier = {
            path: (path.parent.name, read(path)) for path in sorted((out / "earlier").rglob("*.*"))
        }
        self.new = {d["path"]: read(out / d["path"]) for d in self.truth["documents"]}
        families: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for case, document in self.earlier.values():
            for block in document.blocks:
                for gram in grams(block.text):
                    families[gram].add(case)
        # Trigrams of more than three families' minutes: template text, which is never a leak. A planted
        # passage counts as found when findings cover half of the rest (its own words).
        self.common = {gram for gram, cases in families.items() if len(cases) > 3}


def measure(corpora: list[Corpus], setting: Setting, verbose: bool = False) -> Outcome:
    import disclint.index as index_module
    from disclint.fingerprint import Scheme
    from disclint.index import PassageIndex
    from disclint.rules import RuleContext
    from disclint.rules.copied_passage import rule

    outcome = Outcome(setting)
    scheme = Scheme(
        k=setting.k,
        window=setting.window,
        method=setting.method,  # type: ignore[arg-type]
        capitalised=setting.capitalised,
    )
    saved = {name: getattr(index_module, name) for name in setting.tune}
    words = prints = size = 0
    try:
        for name, value in setting.tune.items():
            setattr(index_module, name, type(saved[name])(value))
        for corpus in corpora:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "index.sqlite"
                writer = PassageIndex.create(path, scheme, salt=SALT)
                masker = writer.masker(corpus.cases.values())
                for file, (case, document) in corpus.earlier.items():
                    writer.add(case, str(file), document, masker)
                writer.compact()
                stats = writer.stats()
                writer.close()
                words += stats.words
                prints += stats.fingerprints
                size += path.stat().st_size
                index = PassageIndex.open(path, setting.template_cases)
                for entry in corpus.truth["documents"]:
                    document = corpus.new[entry["path"]]
                    manifest = corpus.cases[entry["case"]]
                    context = RuleContext(manifest, corpus.register, corpus.register.view(manifest), index)
                    started = time.perf_counter()
                    findings = list(rule.check(document, context))
                    outcome.query_ms.append((time.perf_counter() - started) * 1000)
                    judge(
                        outcome,
                        {**entry, "path": f"{corpus.out.name}/{entry['path']}"},
                        findings,
                        corpus.common,
                    )
                index.close()
    finally:
        for name, value in saved.items():
            setattr(index_module, name, value)
    outcome.prints_per_page = prints / (words / 500)
    outcome.bytes_per_page = size / (words / 500)
    return outcome


def judge(outcome: Outcome, entry: dict[str, Any], findings: list[Any], common: set[tuple[str, ...]]) -> None:
    planted = entry["planted"]
    if not planted:
        outcome.clean += 1
        if findings:
            outcome.clean_failed += 1
    covered: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for f in findings:
        covered[str(f.details["case"])] |= grams(f.match)
    for item in planted:
        form = item["form"]
        outcome.planted[form] += 1
        every = grams(item["text"])
        wanted = every - common
        share = 1 - len(wanted) / len(every) if every else 0.0
        outcome.template_share.append(share)
        bucket = f"tpl:{min(int(share * 5), 4) * 20}-{min(int(share * 5), 4) * 20 + 20}%"
        outcome.planted[bucket] += 1
        got = wanted & covered.get(item["source_case"], set())
        substantial = len(wanted) >= 18 and form in FORMS  # about 20 words besides template text
        outcome.planted["substantial"] += substantial
        if not wanted:
            outcome.only_template += 1
        elif len(got) >= 0.5 * len(wanted):
            outcome.found["substantial"] += substantial
            outcome.found[form] += 1
            outcome.found[f"len:{_bucket(item['words'])}"] += 1
            outcome.found[bucket] += 1
            outcome.found[f"fmt:{item['source_format']}->{entry['format']}"] += 1
            if form in FORMS:
                outcome.found[_crossing(item["source_format"], entry["format"])] += 1
            docs = {
                Path(str(f.details["document"])).stem
                for f in findings
                if f.details["case"] == item["source_case"]
            }
            outcome.right_document += item["source_doc"] in docs
        else:
            outcome.missed.append(
                f"{entry['path']}: {form}, {item['words']} words from case {item['source_case']} "
                f"({len(got)}/{len(wanted)} own trigrams, {share:.0%} template): {item['text'][:90]}…"
            )
        outcome.planted[f"len:{_bucket(item['words'])}"] += 1
        outcome.planted[f"fmt:{item['source_format']}->{entry['format']}"] += 1
        if form in FORMS:
            outcome.planted[_crossing(item["source_format"], entry["format"])] += 1
    all_planted = set().union(*(grams(p["text"]) for p in planted)) if planted else set()
    for f in findings:
        mine = grams(f.match)
        if not mine or len(mine & all_planted) < 0.3 * len(mine):
            stock = any(len(mine & grams(t)) >= 0.5 * len(mine) for ts in STOCK.values() for t in ts)
            outcome.false_causes["a social worker's stock sentence" if stock else "other"] += 1
            outcome.false_findings.append(
                f"{entry['path']} (case {entry['case']}) ← case {f.details['case']} "
                f"{Path(str(f.details['document'])).name}, {f.details['words']} words, "
                f"{f.details['score']:.0f}%: {' '.join(f.match.split())[:140]}"
            )


def _crossing(source: str, target: str) -> str:
    """Whether a passage was copied into a document of another format (Word minutes into a PDF)."""
    return "30-120 words, same format" if source == target else "30-120 words, across formats"


def _bucket(words: int) -> str:
    if words < 30:
        return "20-29"
    if words < 60:
        return "30-59"
    if words < 90:
        return "60-89"
    return "90-120"


def report(outcome: Outcome, detail: bool = True) -> None:
    found, total = outcome.recall(FORMS)
    print(f"\n== {outcome.setting.label}")
    print(
        f"recall {found}/{total} = {found / total:.3f}   false-positive findings "
        f"{len(outcome.false_findings)}   clean documents failed {outcome.clean_failed}/{outcome.clean}   "
        f"({dict(outcome.false_causes)})   "
        f"fingerprints/page {outcome.prints_per_page:.0f}   index bytes/page {outcome.bytes_per_page:.0f}   "
        f"rule ms/doc median {statistics.median(outcome.query_ms):.1f}"
    )
    if not detail:
        return
    print(
        f"recall on the passages with about 20 words or more besides template text: "
        f"{outcome.found['substantial']}/{outcome.planted['substantial']} = "
        f"{outcome.found['substantial'] / max(1, outcome.planted['substantial']):.3f}"
    )
    found_all = sum(outcome.found[f] for f in FORMS + EXTRA_FORMS)
    print(f"of the passages found, the source document named correctly: {outcome.right_document}/{found_all}")
    print(
        f"planted passages: {statistics.mean(outcome.template_share):.0%} of their trigrams on average are "
        f"template text (in more than 3 families' minutes); {outcome.only_template} are nothing else"
    )
    for label, keys in (
        ("form", FORMS + EXTRA_FORMS),
        ("length", ["len:20-29", "len:30-59", "len:60-89", "len:90-120"]),
        ("share of template trigrams", sorted(k for k in outcome.planted if k.startswith("tpl:"))),
        (
            "format",
            [
                "30-120 words, same format",
                "30-120 words, across formats",
                *sorted(k for k in outcome.planted if k.startswith("fmt:")),
            ],
        ),
    ):
        print(f"by {label}:")
        for key in keys:
            if outcome.planted[key]:
                print(
                    f"    {key:<28} {outcome.found[key]:>4}/{outcome.planted[key]:<4} "
                    f"{outcome.found[key] / outcome.planted[key]:.3f}"
                )
    if outcome.missed:
        print("missed:")
        for line in outcome.missed[:40]:
            print("    " + line)
    if outcome.false_findings:
        print("false positives:")
        for line in outcome.false_findings[:40]:
            print("    " + line)


SALT = b"copied-recall-01"  # winnowing keeps different k-grams under another salt: fixed, to compare
GRID = [
    Setting("every 5-gram stored (window 1)", k=5, window=1),
    Setting("winnow k=4 w=6", k=4, window=6),
    Setting("winnow k=5 w=4", k=5, window=4),
    Setting("winnow k=5 w=5", k=5, window=5),
    Setting("winnow k=5 w=6 (default)", k=5, window=6),
    Setting("winnow k=5 w=7", k=5, window=7),
    Setting("winnow k=5 w=8 (the first index's)", k=5, window=8),
    Setting("winnow k=5 w=10", k=5, window=10),
    Setting("winnow k=6 w=6", k=6, window=6),
    Setting("winnow k=7 w=6", k=7, window=6),
    Setting("sample k=5 1-in-3 (MinHash-style fixed sampling)", k=5, window=3, method="sample"),
    Setting("sample k=5 1-in-6", k=5, window=6, method="sample"),
    Setting("k=5 w=6, mask manifest names only", capitalised=False),
    Setting("k=5 w=6, MIN_WORDS 15", tune={"MIN_WORDS": 15}),
    Setting("k=5 w=6, MIN_WORDS 25", tune={"MIN_WORDS": 25}),
    Setting("k=5 w=6, MIN_KNOWN 10", tune={"MIN_KNOWN": 10}),
    Setting("k=5 w=6, MIN_SHARE 0.7", tune={"MIN_SHARE": 0.7}),
    Setting("k=5 w=6, MIN_MATCHED 2", tune={"MIN_MATCHED": 2}),
    Setting("k=5 w=6, MIN_UNIQUE 0 (stock sentences of 2-3 cases count)", tune={"MIN_UNIQUE": 0}),
    Setting("k=5 w=6, MIN_UNIQUE 8", tune={"MIN_UNIQUE": 8}),
    Setting("k=5 w=6, MIN_UNIQUE 12", tune={"MIN_UNIQUE": 12}),
    Setting("k=5 w=6, MAX_DRIFT 1000 (no alignment)", tune={"MAX_DRIFT": 1000}),
    Setting("k=5 w=6, template_cases 2", template_cases=2),
    Setting("k=5 w=6, template_cases 5", template_cases=5),
]


def run_cli(out: Path, truth: dict[str, Any]) -> None:
    """``disclint index add`` per case, then ``disclint check --index`` per case; count findings."""
    exe = [sys.executable, "-m", "disclint"]
    index = out / "index.sqlite"
    index.unlink(missing_ok=True)
    started = time.perf_counter()
    for case_dir in sorted((out / "earlier").iterdir()):
        subprocess.run(
            [
                *exe,
                "index",
                "add",
                str(case_dir),
                "--case",
                case_dir.name,
                "--index",
                str(index),
                "--cases",
                str(out / "cases"),
            ],
            check=True,
            capture_output=True,
        )
    print(
        f"\ncli: index add of {len(list((out / 'earlier').rglob('*.*')))} documents took "
        f"{time.perf_counter() - started:.1f}s"
    )
    stats = subprocess.run([*exe, "index", "stats", "--index", str(index)], capture_output=True, text=True)
    print(textwrap.indent(stats.stdout, "    "))
    findings = 0
    failing = set()
    started = time.perf_counter()
    for case_dir in sorted((out / "new").iterdir()):
        result = subprocess.run(
            [
                *exe,
                "check",
                str(case_dir),
                "--case",
                case_dir.name,
                "--cases",
                str(out / "cases"),
                "--index",
                str(index),
                "--select",
                "copied-passage",
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
        )
        for document in json.loads(result.stdout)["documents"]:
            findings += len(document["findings"])
            if document["status"] != "pass":
                failing.add(str(Path(document["path"]).relative_to(out)))
    leaky = {d["path"] for d in truth["documents"] if d["planted"]}
    print(
        f"cli: check of {len(truth['documents'])} documents took {time.perf_counter() - started:.1f}s; "
        f"{findings} findings; failing {len(failing & leaky)}/{len(leaky)} leaky documents and "
        f"{len(failing - leaky)} clean ones"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "disclint-copied")
    parser.add_argument("--seeds", type=int, nargs="+", default=[5, 6, 7], help="one corpus per seed")
    parser.add_argument("--families", type=int, default=16)
    parser.add_argument("--grid", action="store_true", help="compare fingerprint schemes and thresholds")
    parser.add_argument("--cli", action="store_true", help="also run the command line on the first corpus")
    args = parser.parse_args()
    corpora = []
    for seed in args.seeds:
        out = args.out / f"seed-{seed}"
        truth = build_corpus(out, args.families, seed)
        docs = truth["documents"]
        planted = [p for d in docs for p in d["planted"]]
        print(
            f"corpus {out}: {args.families} families, {len(list((out / 'earlier').rglob('*.*')))} earlier "
            f"documents indexed, {len(docs)} new documents ({sum(1 for d in docs if not d['planted'])} "
            f"clean, "
            f"{sum(1 for d in docs if d['own_reuse'])} reusing their own minutes), {len(planted)} planted "
            f"passages ({dict(Counter(p['form'] for p in planted))})"
        )
        corpora.append(Corpus(out))
    if args.grid:
        for setting in GRID:
            report(measure(corpora, setting), detail=False)
    report(measure(corpora, Setting("default: winnowing, k=5, window=6")), detail=True)
    if args.cli:
        run_cli(
            args.out / f"seed-{args.seeds[0]}",
            json.loads((args.out / f"seed-{args.seeds[0]}" / "truth.json").read_text(encoding="utf-8")),
        )


if __name__ == "__main__":
    main()
