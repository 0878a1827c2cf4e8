"""Seeded synthetic corpora for the benchmarks: council minutes in the layout families of the
development corpus (`../shared/corpus/FORMATS.md`, the families that come as text or HTML) and
OParl systems. The same seed and size give the same bytes.

    python benchmarks/generate.py minutes N DIR [--seed S] [--families F02,F08]
    python benchmarks/generate.py oparl N DIR [--seed S]        # N meetings

Documents are invented from templates written for this generator after the layouts of the dev
corpus: names, places, dates, amounts, vote counts, factions, paper references and the number
and length of items vary; families take turns (document i is family i mod 14), and document i
depends only on the seed and i, so a corpus of 10 k documents starts with the corpus of 1 k.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: The families written here, in the order documents take them.
FAMILIES = ("F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F09", "F10", "F11", "F12", "F13", "F14")

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
WEEKDAYS_SHORT = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
          "Oktober", "November", "Dezember")

# -- names ---------------------------------------------------------------------------------------

_PLACE_HEADS = ("Linden", "Eichen", "Wald", "Ober", "Nieder", "Hohen", "Buchen", "Birken", "Falken",
                "Rosen", "Stein", "Kirch", "Mühl", "Wiesen", "Sonnen", "Tann", "Erlen", "Brunn",
                "Hasel", "Weiden", "Lauter", "Ahorn", "Kranich", "Fichten", "Rabens", "Schwan")
_PLACE_TAILS = ("bach", "horst", "feld", "berg", "rode", "heim", "brück", "hausen", "dorf", "wiek",
                "tal", "au", "furt", "stedt", "hagen", "burg", "ingen", "winkel", "born", "moor")
_GIVEN_F = ("Anna", "Birgit", "Claudia", "Doris", "Elke", "Franziska", "Gabriele", "Heike", "Ines",
            "Jana", "Karin", "Lea", "Marlies", "Nadine", "Petra", "Renate", "Sabine", "Tanja",
            "Ursula", "Vera", "Miriam", "Aylin", "Katharina", "Svenja", "Meike", "Anja")
_GIVEN_M = ("Andreas", "Bernd", "Carsten", "Dieter", "Frank", "Georg", "Hans-Peter", "Jens", "Klaus",
            "Lukas", "Markus", "Norbert", "Olaf", "Peter", "Ralf", "Stefan", "Thomas", "Uwe",
            "Volker", "Wolfgang", "Jürgen", "Felix", "Matthias", "Sven", "Torsten", "Karl-Heinz")
_FAMILY = ("Albers", "Brandt", "Carstensen", "Dierks", "Eckhoff", "Feldhaus", "Gerlach", "Hartwig",
           "Iversen", "Janssen", "Kortmann", "Lüdecke", "Meyerhoff", "Nissen", "Obermeier", "Pieper",
           "Quast", "Rasch", "Schubert", "Tiedemann", "Ullrich", "Vogelsang", "Wöltje", "Zimmermann",
           "Brüggemann", "Hoffmeister", "Kuhlmann", "Lorenzen", "Petersen", "Reinholz", "Sommer",
           "Thiele", "Weiland", "Yilmaz", "Krämer", "Bachmann", "Engel", "Friedrichs", "Hansen",
           "Müller-Hagedorn", "Esser-Kleine", "van der Meulen", "vom Brocke", "Wiesmann", "Pohlmann",
           "Kessler", "Lange", "Neumann", "Otte", "Stöver", "Ahrens", "Behrens", "Claußen", "Dettmer")
_STREETS = ("Lindenallee", "Am Mühlenbach", "Hagener Feld", "Kirchstraße", "Am Wasserturm", "Norderweg",
            "Schulstraße", "Bahnhofstraße", "Im Brühl", "Am Kirchfeld", "Westlich Dorfstraße",
            "Gewerbegebiet Ost", "Auf der Heide", "Zur Alten Ziegelei", "Sonnenhang", "Mühlenkamp")
_CLUBS = ("Turnverein {p} 1886 e.V.", "Kulturverein „Alte Mühle“ {p} e.V.", "Heimatverein {p} e.V.",
          "DLRG-Ortsgruppe {p} e.V.", "Musikzug der Freiwilligen Feuerwehr {p}",
          "Förderverein Freibad {p} e.V.", "Sportfreunde {p} e.V.", "Kreissportbund {p} e.V.")
_COMPANIES = ("Planwerk {p} Architekten GmbH", "Rohrbau {p} GmbH", "Ingenieurbüro Weigand & Söhne",
              "Deichblick Planungsgesellschaft mbH", "Elektro {f} GmbH & Co. KG", "Tiefbau {f} GmbH")

# Factions: (how the text names the group, short party name used in breakdowns)
_FACTIONS = (("CDU-Fraktion", "CDU"), ("SPD-Fraktion", "SPD"), ("Fraktion BÜNDNIS 90/DIE GRÜNEN", "GRÜNE"),
             ("FDP-Fraktion", "FDP"), ("AfD-Fraktion", "AfD"), ("Fraktion DIE LINKE", "DIE LINKE"),
             ("Fraktion Freie Wähler", "Freie Wähler"), ("UWG-Fraktion", "UWG"), ("FWG-Fraktion", "FWG"),
             ("Gruppe SPD/GRÜNE", "SPD/GRÜNE"))

_COMMITTEES = ("Haupt- und Finanzausschuss", "Ausschuss für Stadtentwicklung und Umwelt",
               "Bau- und Umweltausschuss", "Ausschuss für Schule, Sport und Kultur", "Sozialausschuss",
               "Jugendhilfeausschuss", "Ausschuss für Feuerwehr, Ordnung und Sicherheit",
               "Ausschuss für Finanzen und Beteiligungen", "Technischer Ausschuss", "Verwaltungsausschuss",
               "Ausschuss für Bildung, Kultur und Sport", "Bau-, Planungs- und Verkehrsausschuss",
               "Ausschuss für Klimaschutz und Mobilität", "Werksausschuss")


@dataclass
class Person:
    given: str
    family: str
    female: bool
    faction: tuple[str, str] | None = None
    doctor: bool = False

    @property
    def full(self) -> str:
        return f"{'Dr. ' if self.doctor else ''}{self.given} {self.family}"

    @property
    def listed(self) -> str:  # "Nachname, Vorname" as attendance lists write it
        return f"{self.family}, {'Dr. ' if self.doctor else ''}{self.given}"

    @property
    def salutation(self) -> str:
        return "Frau" if self.female else "Herr"


# What a Körperschaft is called and how its council and its members are called.
@dataclass(frozen=True)
class Kind:
    prefix: str            # "Stadt"
    council: str           # "Rat der Stadt {p}" / "Kreistag"
    council_short: str     # "Rat" / "Kreistag"
    council_genitive: str  # "des Rates der Stadt {p}"
    member: tuple[str, str]  # role word (m, f)
    head: tuple[str, str]    # head of the administration (m, f)
    chair: tuple[str, str]   # who chairs the council when it is not the head
    committees: tuple[str, ...]


KINDS = (
    Kind("Stadt", "Rat der Stadt {p}", "Rat", "des Rates der Stadt {p}", ("Ratsmitglied", "Ratsmitglied"),
         ("Bürgermeister", "Bürgermeisterin"), ("Bürgermeister", "Bürgermeisterin"), _COMMITTEES[:8]),
    Kind("Stadt", "Stadtrat", "Stadtrat", "des Stadtrates", ("Stadtrat", "Stadträtin"),
         ("Oberbürgermeister", "Oberbürgermeisterin"), ("Oberbürgermeister", "Oberbürgermeisterin"),
         ("Technischer Ausschuss", "Haupt- und Finanzausschuss", "Ausschuss für Bildung, Kultur und Sport",
          "Sozialausschuss", "Werksausschuss")),
    Kind("Stadt", "Stadtverordnetenversammlung", "Stadtverordnetenversammlung",
         "der Stadtverordnetenversammlung", ("Stadtverordneter", "Stadtverordnete"),
         ("Bürgermeister", "Bürgermeisterin"), ("Stadtverordnetenvorsteher", "Stadtverordnetenvorsteherin"),
         ("Haupt- und Finanzausschuss", "Bau-, Planungs- und Verkehrsausschuss", "Sozialausschuss",
          "Ausschuss für Klimaschutz und Mobilität")),
    Kind("Gemeinde", "Gemeinderat", "Gemeinderat", "des Gemeinderates", ("Gemeinderat", "Gemeinderätin"),
         ("Bürgermeister", "Bürgermeisterin"), ("Bürgermeister", "Bürgermeisterin"),
         ("Technischer Ausschuss", "Verwaltungsausschuss", "Bau- und Umweltausschuss")),
    Kind("Gemeinde", "Gemeindevertretung", "Gemeindevertretung", "der Gemeindevertretung",
         ("Gemeindevertreter", "Gemeindevertreterin"), ("Bürgermeister", "Bürgermeisterin"),
         ("Bürgervorsteher", "Bürgervorsteherin"), ("Bau- und Umweltausschuss", "Haupt- und Finanzausschuss")),
    Kind("Landkreis", "Kreistag", "Kreistag", "des Kreistages",
         ("Kreistagsabgeordneter", "Kreistagsabgeordnete"), ("Landrat", "Landrätin"),
         ("Kreistagsvorsitzender", "Kreistagsvorsitzende"),
         ("Kreisausschuss", "Ausschuss für Schule und Kultur", "Jugendhilfeausschuss",
          "Ausschuss für Finanzen und Beteiligungen", "Sozialausschuss", "Ausschuss für Bildung, Kultur und Sport")),
)

# Topics: (agenda item title, what the resolution decides, typical amount in euro)
_TOPICS = (
    ("Sanierung der Grundschule {p}", "die Sanierung der Grundschule {p} mit Gesamtkosten von {a}", 2_500_000),
    ("Neubau einer Kindertagesstätte {s}", "den Neubau einer viergruppigen Kindertagesstätte {s} "
     "mit Gesamtkosten von {a}", 3_800_000),
    ("Bebauungsplan Nr. {n} „{s}“ – Aufstellungsbeschluss", "die Aufstellung des Bebauungsplanes Nr. {n} "
     "„{s}“; die Planungskosten von {a} trägt der Vorhabenträger", 45_000),
    ("Ersatzbeschaffung eines Löschgruppenfahrzeugs LF 10 für die Ortsfeuerwehr {p}",
     "die Ersatzbeschaffung eines Löschgruppenfahrzeugs LF 10 zu Kosten von bis zu {a}", 480_000),
    ("Zuschuss an den {c}", "dem {c} einen Zuschuss in Höhe von {a}", 12_000),
    ("Erneuerung der Straßenbeleuchtung auf LED-Technik", "die Umrüstung der Straßenbeleuchtung auf "
     "LED-Technik; die Kosten von {a} werden zu 40 % gefördert", 620_000),
    ("Radverkehrskonzept {y}; Einrichtung einer Fahrradstraße {s}", "das Radverkehrskonzept und die "
     "Einrichtung einer Fahrradstraße {s} mit Kosten von {a}", 385_000),
    ("Kommunale Wärmeplanung; Auftragsvergabe", "die Vergabe der kommunalen Wärmeplanung zu einem Honorar "
     "von {a} und die Beantragung von Fördermitteln", 210_000),
    ("Neufassung der Richtlinien zur Förderung des Sports", "die Neufassung der Sportförderrichtlinien; das "
     "Fördervolumen steigt auf {a} im Jahr", 148_500),
    ("Generalsanierung der Sporthalle {p}; Vergabe der Objektplanung", "die Vergabe der Objektplanung für "
     "die Sporthalle {p} zu einem Honorar von {a}", 412_300),
    ("Medienentwicklungsplan für die Schulen", "den Medienentwicklungsplan mit einem Gesamtvolumen von {a}",
     1_236_000),
    ("Kanalsanierung im Ortsteil {p}, Bauabschnitt II; Auftragsvergabe", "die Vergabe der Kanalsanierung "
     "an die {k} zum Angebotspreis von {a}", 287_340),
    ("Fortschreibung des Feuerwehrbedarfsplanes", "die Fortschreibung des Feuerwehrbedarfsplanes mit "
     "Investitionen von insgesamt {a}", 3_600_000),
    ("Erweiterung des Gewerbegebiets {s}", "den Erwerb weiterer Flächen für das Gewerbegebiet {s} zu einem "
     "Kaufpreis von {a}", 950_000),
    ("Jahresabschluss {y0} der Stadtwerke {p}", "den Jahresabschluss {y0}; der Jahresgewinn von {a} wird "
     "auf neue Rechnung vorgetragen", 740_000),
    ("Kapitalerhöhung bei der Breitband {p} GmbH", "die Kapitalerhöhung bei der Breitband {p} GmbH um {a}",
     2_500_000),
    ("Schulentwicklungsplanung {y} bis {y5}", "die Schulentwicklungsplanung; die Investitionen von {a} "
     "werden in die Finanzplanung aufgenommen", 14_600_000),
    ("Einführung eines Sozialtickets im ÖPNV", "die Einführung eines Sozialtickets als Pilotprojekt mit "
     "einem Budget von {a}", 250_000),
    ("Ausbau der {s}; Ausführungsbeschluss", "den Ausbau der {s} mit Gesamtkosten von {a}", 1_150_000),
    ("Neufassung der Friedhofsgebührensatzung", "die Neufassung der Friedhofsgebührensatzung; die "
     "Mehrerträge von {a} im Jahr decken die Kosten", 38_500),
)

_OUTCOMES = (("adopted", 58), ("rejected", 10), ("deferred", 7), ("referred", 8), ("noted", 11), ("withdrawn", 6))


@dataclass
class Decision:
    outcome: str
    unanimous: bool | None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None


@dataclass
class Item:
    number: str
    title: str
    resolution: str
    amount: int
    decision: Decision
    paper: str | None
    speakers: list[Person] = field(default_factory=list)


class World:
    """One invented Körperschaft: its council and committees, its members and factions, its papers."""

    def __init__(self, rng: random.Random, kind: Kind | None = None) -> None:
        self.rng = rng
        self.kind = kind or rng.choice(KINDS)
        self.place = rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)
        self.name = f"{self.kind.prefix} {self.place}"
        self.council = self.kind.council.format(p=self.place)
        # The same Körperschaft has the same Gremien, factions and people in every document, as
        # the documents of one council do (a merged graph then holds each person once).
        cast = random.Random(f"{self.name}:{self.kind.council}")
        self.committees = cast.sample(self.kind.committees, k=min(len(self.kind.committees), cast.randint(2, 4)))
        self.factions = cast.sample(_FACTIONS[:9], k=cast.randint(3, 6))
        families = iter(cast.sample(_FAMILY, k=28))
        self.members = [self.person(cast, next(families), cast.choice(self.factions)) for _ in range(cast.randint(12, 24))]
        self.head = self.person(cast, next(families))
        self.staff = [self.person(cast, next(families)) for _ in range(3)]
        self.paper_style = cast.randrange(6)
        self.seats = cast.randint(15, 52)
        self.year = rng.randint(2019, 2024)
        self.paper_serial = rng.randint(10, 400)

    # people
    def person(self, rng: random.Random, family: str, faction: tuple[str, str] | None = None) -> Person:
        female = rng.random() < 0.45
        return Person(rng.choice(_GIVEN_F if female else _GIVEN_M), family, female, faction, rng.random() < 0.08)

    def role(self, p: Person) -> str:
        return self.kind.member[p.female]

    def head_role(self) -> str:
        return self.kind.head[self.head.female]

    # dates and numbers
    def date(self, after: dt.date | None = None) -> dt.date:
        if after is not None:
            return after + dt.timedelta(days=self.rng.randint(6, 45))
        return dt.date(self.year, self.rng.randint(1, 11), self.rng.randint(1, 28))

    def paper(self) -> str:
        self.paper_serial += self.rng.randint(1, 9)
        n, y = self.paper_serial, self.year
        return (f"{y}/{n:04d}", f"BV/{n:04d}/{y}", f"VO/{y}/{n:04d}", f"{n}/{y}", f"KT/{n:04d}/{y}",
                f"{n:03d}/{y}")[self.paper_style]

    def amount(self, base: int) -> int:
        value = base * self.rng.uniform(0.4, 1.8)
        step = 1000 if value > 100_000 else 100 if value > 5_000 else 10
        return max(step, int(round(value / step)) * step)

    def euro(self, value: int | float) -> str:
        """A money amount in one of the ways minutes write it."""
        r = self.rng.random()
        if value >= 1_000_000 and r < 0.45:
            mio = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{mio} Mio. €" if r < 0.3 else f"{mio} Mio. Euro"
        text = f"{int(value):,}".replace(",", ".")
        if r < 0.6:
            return f"{text} €"
        if r < 0.8:
            return f"{text} Euro"
        if r < 0.92:
            return f"{text} EUR"
        return f"EUR {text},00"

    def vote(self, outcome: str | None = None) -> Decision:
        rng = self.rng
        outcome = outcome or rng.choices([o for o, _ in _OUTCOMES], [w for _, w in _OUTCOMES])[0]
        if outcome in ("noted", "withdrawn"):
            return Decision(outcome, None)
        if outcome == "deferred" or outcome == "referred":
            return Decision(outcome, rng.random() < 0.6)
        present = rng.randint(max(7, self.seats - 8), self.seats)
        if rng.random() < 0.4 and outcome == "adopted":
            abstain = rng.choice((0, 0, 1, 2))
            return Decision(outcome, True, present - abstain, 0, abstain)
        no = rng.randint(1, present // 2 - 1) if outcome == "adopted" else rng.randint(present // 2 + 1, present - 1)
        abstain = rng.randint(0, min(4, present - no - 1))
        return Decision(outcome, False, present - no - abstain, no, abstain)

    def item(self, number: str, outcome: str | None = None, paper: bool = True) -> Item:
        title, resolution, base = self.rng.choice(_TOPICS)
        a = self.amount(base)
        fill = {"p": self.rng.choice(_PLACE_HEADS) + self.rng.choice(_PLACE_TAILS),
                "s": self.rng.choice(_STREETS), "n": self.rng.randint(3, 140), "y": self.year,
                "y0": self.year - 1, "y5": self.year + 5,
                "c": self.rng.choice(_CLUBS).format(p=self.place),
                "k": self.rng.choice(_COMPANIES).format(p=self.place, f=self.rng.choice(_FAMILY))}
        return Item(number, title.format(**fill), resolution.format(a=self.euro(a), **fill), a,
                    self.vote(outcome), self.paper() if paper else None,
                    self.rng.sample(self.members, k=min(len(self.members), self.rng.randint(3, 7))))


def long_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def dot_date(d: dt.date) -> str:
    return d.strftime("%d.%m.%Y")


def weekday_date(d: dt.date) -> str:
    return f"{WEEKDAYS[d.weekday()]}, {dot_date(d)}"


# -- how results are written ----------------------------------------------------------------------

_WORD = {"adopted": "beschlossen", "rejected": "abgelehnt", "deferred": "vertagt", "referred": "überwiesen",
         "noted": "zur Kenntnis genommen", "withdrawn": "zurückgezogen"}
_STATUS = {"adopted": "ungeändert beschlossen", "rejected": "abgelehnt", "deferred": "vertagt",
           "referred": "überwiesen", "noted": "zur Kenntnis genommen", "withdrawn": "zurückgezogen"}


def result_lines(w: World, d: Decision, style: int, committee: str | None = None) -> list[str]:
    """The vote and result of one decision, in one of the notations of the corpus."""
    rng = w.rng
    word = _WORD[d.outcome]
    if d.outcome == "noted":
        return [rng.choice(("Abstimmungsergebnis: zur Kenntnis genommen",
                            f"{the(w.kind.council_short)} nimmt den Bericht zur Kenntnis.",
                            "Die Mitteilung wird zur Kenntnis genommen."))]
    if d.outcome == "withdrawn":
        f = rng.choice(w.factions)[0]
        return [f"Nach kurzer Aussprache erklärt {w.role(rng.choice(w.members))} {rng.choice(w.members).family} "
                f"für die {f}, dass der Antrag zurückgezogen wird."]
    if d.outcome == "deferred":
        how = "einstimmig " if d.unanimous else "mehrheitlich " if d.unanimous is False else ""
        return [rng.choice((f"Die Beratung wird {how}bis zur nächsten Sitzung vertagt.",
                            f"Abstimmungsergebnis: {how}vertagt",
                            f"Die Vorlage wird {how}zurückgestellt."))]
    if d.outcome == "referred":
        how = "einstimmig" if d.unanimous else "mehrheitlich"
        target = rng.choice(_COMMITTEES)
        return [f"Der Antrag wird {how} an den {target} überwiesen."]
    if d.unanimous and d.abstain == 0 and style % 3 == 0:
        return [f"Abstimmungsergebnis: einstimmig {word}"]
    if d.unanimous:
        if style % 2:
            return [f"Abstimmungsergebnis: einstimmig bei {d.abstain} Enthaltung{'en' if d.abstain != 1 else ''} {word}"
                    if d.abstain else f"Abstimmungsergebnis: einstimmig {word}"]
    style %= 5
    if style == 0:
        return ["Abstimmungsergebnis:", f"Ja: {d.yes}\tNein: {d.no}\tEnthaltungen: {d.abstain}"]
    if style == 1:
        return ["Abstimmungsergebnis:", f"{'einstimmig' if d.unanimous else 'mehrheitlich'} {word}",
                f"Ja-Stimmen:\t{d.yes}", f"Nein-Stimmen:\t{d.no}", f"Enthaltungen:\t{d.abstain}"]
    if style == 2:
        return [f"Abstimmungsergebnis: mit {d.yes} Ja-Stimmen bei {d.no} Gegenstimmen und {d.abstain} "
                f"Enthaltungen {word}"]
    if style == 3:
        return ["Abstimmungsergebnis:", f"Ja:\t{d.yes}", f"Nein:\t{d.no}", f"Enthaltungen:\t{d.abstain}"]
    return [f"Abstimmungsergebnis: {'einstimmig' if d.unanimous else 'mehrheitlich'} {word}",
            f"Ja: {d.yes}  Nein: {d.no}  Enthaltung: {d.abstain}"]


# -- discussion --------------------------------------------------------------------------------------

def discussion(w: World, it: Item, sentences: tuple[int, int] = (3, 7)) -> list[str]:
    """Paragraphs of discussion: who explains, asks and speaks for which faction, with amounts."""
    rng = w.rng
    staff = rng.choice(w.staff)
    paras = [f"{staff.salutation} {staff.family} von der Verwaltung erläutert die Vorlage. "
             f"Die Kosten werden auf {w.euro(it.amount)} geschätzt; "
             + rng.choice(("die Mittel sind im Haushalt veranschlagt.",
                           f"aus Landesmitteln ist ein Zuschuss von {w.euro(it.amount * 0.4)} in Aussicht gestellt.",
                           "eine Förderung wird beantragt.",
                           "der Eigenanteil ist durch die Rücklage gedeckt."))]
    lines = [
        "{role} {name} fragt, ob die Maßnahme noch in diesem Jahr begonnen werden kann. {staff} bejaht dies.",
        "{role} {name} erklärt für die {faction}, man werde der Vorlage zustimmen.",
        "{role} {name} kündigt an, dass die {faction} den Beschlussvorschlag ablehnen werde, weil die "
        "Folgekosten nicht dargestellt seien.",
        "{sal} {family} bittet darum, den Ausschuss über den Fortgang regelmäßig zu unterrichten.",
        "{role} {name} weist auf die gestiegenen Baupreise hin und regt an, Alternativen zu prüfen.",
        "Auf Nachfrage von {sal2} {family} teilt die Verwaltung mit, dass die Ausschreibung im Herbst erfolgt.",
        "{role} {name} begrüßt für die {faction} die Vorlage ausdrücklich.",
        "{role} {name} erinnert daran, dass die Angelegenheit bereits mehrfach beraten worden sei.",
    ]
    for p in it.speakers[:rng.randint(*sentences)]:
        faction = p.faction[0] if p.faction else rng.choice(w.factions)[0]
        paras.append(rng.choice(lines).format(
            role=w.role(p), name=p.family, faction=faction, sal=p.salutation, family=p.family,
            sal2="Herrn" if not p.female else "Frau", staff=f"{staff.salutation} {staff.family}"))
    if rng.random() < 0.5:
        paras.append(rng.choice((
            "Nach kurzer Aussprache wird die Vorlage zur Abstimmung gestellt.",
            "Weitere Wortmeldungen liegen nicht vor.",
            f"{w.head_role()} {w.head.family} lässt über den Beschlussvorschlag abstimmen.")))
    return paras


def the(body: str) -> str:
    """The body with its article in the nominative ("Der Kreistag", "Die Gemeindevertretung")."""
    feminine = body.split()[0].endswith(("ung", "versammlung")) or body.startswith("Bezirksverordneten")
    return f"{'Die' if feminine else 'Der'} {body}"


def dative(body: str) -> str:
    return f"{'der' if the(body).startswith('Die') else 'dem'} {body}"


def decides(body: str, it: Item) -> str:
    return f"{the(body)} beschließt {it.resolution}."


_BACKGROUND = (
    "Nach der Bevölkerungsprognose steigt die Zahl der Kinder im Einzugsbereich bis {y5} um rund {pct} %.",
    "Die Verwaltung hat {k} Angebote eingeholt; wirtschaftlichster Bieter ist die {company} mit einer "
    "Angebotssumme von {amount}.",
    "Der Zustand der Anlage aus dem Jahr {built} entspricht weder energetisch noch beim Brandschutz dem heutigen Stand.",
    "Im Haushaltsplan {y} sind unter dem Produkt {prod} Mittel in Höhe von {amount2} veranschlagt.",
    "Aus dem Förderprogramm des Landes kann eine Zuwendung von bis zu {pct} % der förderfähigen Kosten beantragt werden.",
    "Die Arbeiten sollen im {season} {y} beginnen und rund {months} Monate dauern.",
    "Die Folgekosten für Unterhaltung und Betrieb werden auf jährlich {amount3} geschätzt.",
    "Der Vorschlag wurde mit den Ortsvorstehern, den Schulen und den betroffenen Vereinen abgestimmt.",
    "Im Rahmen der Beteiligung der Öffentlichkeit sind {k} Stellungnahmen eingegangen, die in Anlage 2 "
    "tabellarisch abgewogen sind.",
    "Nach Abschluss der Maßnahme ist eine Evaluation vorgesehen, über deren Ergebnisse dem Ausschuss berichtet wird.",
    "Die Planung berücksichtigt die Ziele des Klimaschutzkonzeptes; die Dachflächen werden für eine "
    "Photovoltaikanlage statisch ausgelegt.",
    "Gegenüber der ersten Kostenschätzung ergeben sich Steigerungen von rund {pct} %, die im Wesentlichen auf "
    "die Baupreisentwicklung zurückzuführen sind.",
)


def background(w: World, it: Item, count: tuple[int, int] = (4, 8)) -> str:
    """A Sachverhalt paragraph: numbers, schedules and money around the item."""
    rng = w.rng
    fill = {"y": w.year, "y5": w.year + 5, "pct": rng.randint(5, 90), "k": rng.randint(3, 14),
            "company": rng.choice(_COMPANIES).format(p=w.place, f=rng.choice(_FAMILY)),
            "amount": w.euro(it.amount), "built": rng.randint(1958, 1999),
            "prod": f"{rng.randint(1, 12):02d}.{rng.randint(10, 70)}.{rng.randint(1, 9):02d}",
            "amount2": w.euro(w.amount(it.amount)), "season": rng.choice(("Frühjahr", "Sommer", "Herbst")),
            "months": rng.randint(4, 26), "amount3": w.euro(w.amount(max(2000, it.amount // 25)))}
    return " ".join(s.format(**fill) for s in rng.sample(_BACKGROUND, k=rng.randint(*count)))


# -- the families ------------------------------------------------------------------------------------

def f01_beratungsergebnis(w: World) -> str:
    rng = w.rng
    it = w.item("1", "adopted")
    steps = rng.sample(w.committees, k=min(len(w.committees), rng.randint(1, 3))) + [w.council]
    out = [w.name, "Bürgerinformationssystem", "", f"Beratungsergebnis zu Vorlage Nr. {it.paper}",
           f"Betreff: {it.title}", " ", ""]
    day = w.date()
    for i, body in enumerate(steps):
        day = w.date(after=day)
        d = w.vote("adopted" if i < len(steps) - 1 or rng.random() < 0.8 else None)
        if d.outcome in ("withdrawn",):
            d = w.vote("adopted")
        date_text = long_date(day) if rng.random() < 0.2 else dot_date(day)
        out += [f"{body} am {date_text}", "", f"Zu Punkt {rng.randint(3, 25)}:\t{it.title}",
                "--------------------\t---" if i == 0 else "--", ""]
        it.speakers = rng.sample(w.members, k=rng.randint(1, 4))
        out += [p + "\n" for p in discussion(w, it, (1, 4))] + ([background(w, it, (2, 5)), ""] if i == 0 else [])
        label = "Beschluss:" if body == w.council else "Beschlussvorschlag:"
        out += [label, "", f"{the(w.kind.council_short)} beschließt {it.resolution}.", ""]
        lines = result_lines(w, d, rng.randrange(10))
        if body != w.council and d.outcome == "adopted":
            lines = [line.replace("beschlossen", "empfohlen") for line in lines]
        out += lines + ["", ""]
    return "\n".join(out)


def f02_sessionnet_item(w: World) -> str:
    rng = w.rng
    body = rng.choice([w.council, *w.committees])
    it = w.item(str(rng.randint(2, 18)))
    day = w.date()
    number = rng.randint(3, 30)
    genitive = w.kind.council_genitive.format(p=w.place) if body == w.council else f"des {body}"
    out = [f"Ratsinformationssystem der {w.name}", "Startseite", "Sitzungskalender", "Gremien", "Recherche", " ",
           "Tagesordnungspunkt", "", f"TOP Ö {it.number}: {it.title}", "", "BezeichnungInhalt",
           f"Sitzung:\t{number}. Sitzung {genitive}", f"Gremium:\t{body}"]
    if rng.random() < 0.5:
        out.append(f"Datum:\t{WEEKDAYS_SHORT[day.weekday()]}, {dot_date(day)}\tStatus:\töffentlich")
    else:
        out.append(f"Datum:\t{weekday_date(day)}, {rng.randint(16, 19)}:00 Uhr")
    out += [f"Zeit:\t{rng.randint(16, 19)}:00 - {rng.randint(20, 22)}:{rng.choice(('00', '15', '35'))}",
            f"Raum:\t{rng.choice(('Ratssaal', 'Sitzungsraum 1.12', 'Bürgersaal'))}", f"Ort:\tRathaus {w.place}",
            f"Vorlage:\t{it.paper} {it.title}", "Vorlage-Art:\tBeschlussvorlage",
            f"Verfasser:\t{rng.choice(w.staff).family}, {rng.choice(w.staff).given}",
            f"Beschlussart:\t{_STATUS[it.decision.outcome]}", " ", "Sachverhalt:", "", background(w, it), "",
            "Wortprotokoll:", ""]
    out += [p + "\n" for p in discussion(w, it)]
    if it.decision.outcome not in ("noted", "withdrawn", "deferred", "referred"):
        out += [" ", "Beschluss:", "", decides(body, it), " "]
    out += result_lines(w, it.decision, rng.randrange(10))
    out += [" ", "Finanzielle Auswirkungen:", background(w, it, (1, 3)), " ", "Dokumente", f"Download\tVorlage {it.paper} (PDF, {rng.randint(80, 900)} KB)",
            f"Download\tAnlage 1 (PDF, {rng.randint(1, 5)},{rng.randint(1, 9)} MB)", " ",
            f"Sitzungsdienst: Tel. 0{rng.randint(2000, 9999)} {rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
            "Impressum | Datenschutz | Barrierefreiheit"]
    return "\n".join(out)


def f03_sessionnet_paper(w: World) -> str:
    rng = w.rng
    it = w.item("1")
    steps = rng.sample(w.committees, k=min(len(w.committees), rng.randint(1, 3))) + [w.council]
    day = w.date()
    out = [f"Ratsinformationssystem der {w.name}", " ", f"Vorlage - {it.paper}", " ",
           f"Betreff:\t{it.title}", "Status:\töffentlich", "Vorlage-Art:\tBeschlussvorlage",
           f"Federführend:\t{rng.randint(10, 70)} - Fachbereich", f"Bearbeiter/-in:\t{w.staff[0].family}, {w.staff[0].given}",
           f"Datum:\t{dot_date(day)}", " ", "Beratungsfolge:", "Datum\tGremium\tRolle\tStatus"]
    done = rng.randint(1, len(steps))
    for i, body in enumerate(steps):
        day = w.date(after=day)
        role = "Entscheidung" if body == w.council else "Vorberatung"
        status = rng.choice(("ungeändert beschlossen", "ungeändert beschlossen", "geändert beschlossen",
                             "vertagt", "abgelehnt")) if i < done else ""
        out.append(f"{dot_date(day)}\t{body}\t{role}\t{status}")
    out += [" ", " ", "Beschlussvorschlag:", "", decides(steps[-1], it), " ", "",
            "Sachverhalt:", ""]
    out += [p + "\n" for p in discussion(w, it, (0, 2))[:1]] + [background(w, it, (5, 9)), ""]
    ref = w.paper()
    out += [f"Die Verwaltung verweist auf die Vorlage {ref}. Nach einer Markterkundung ist mit Kosten von rund "
            f"{w.euro(it.amount)} zu rechnen; der Eigenanteil läge bei {w.euro(it.amount // 10)}.", "",
            "Finanzielle Auswirkungen:", "\tJa", f"Aufwand {w.year}:\t{w.euro(it.amount // 2)}",
            f"Aufwand {w.year + 1}:\t{w.euro(it.amount // 2)}", " ",
            f"Rückfragen: {w.staff[0].salutation} {w.staff[0].family}, Tel. 0{rng.randint(2000, 9999)} {rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
            " ", f"{w.place}, {dot_date(day)}", "", f"gez. {w.head.full}", w.head_role(), " ", "Anlagen:",
            "Anlage 1 – Kostenschätzung"]
    return "\n".join(out)


def f04_allris(w: World) -> str:
    rng = w.rng
    if rng.random() < 0.5:  # the to020 "Auszug" of one agenda item
        body = rng.choice(w.committees)
        it = w.item(f"Ö {rng.randint(3, 14)}")
        day = w.date()
        out = [w.name, "Bürgerinformationssystem", " ", f"Auszug - {it.title}  ", " ",
               f"{rng.randint(2, 30)}. Sitzung des {body}", f"TOP:\t{it.number}",
               f"Gremium:\t{body}\tBeschlussart:\t{_STATUS[it.decision.outcome]}",
               f"Datum:\t{WEEKDAYS_SHORT[day.weekday()]}, {dot_date(day)}\tStatus:\töffentlich",
               f"Zeit:\t17:00 - {rng.randint(18, 21)}:{rng.choice(('10', '40'))}\tAnlass:\tSitzung",
               f"Ort:\tKreisverwaltung, {rng.choice(_STREETS)} 4, {w.place}",
               f"{it.paper}\t{it.title}", "\tBeschlussvorlage",
               f"Verfasser:\t{w.staff[1].family}, {w.staff[1].given}\tFederführend:\tFD 40", " ", " ",
               "Wortprotokoll:", "", background(w, it), ""]
        out += [p + "\n" for p in discussion(w, it)]
        if it.decision.outcome not in ("noted", "withdrawn", "deferred", "referred"):
            out += [" ", "Beschluss:", "", f"Der {body} empfiehlt {dative(w.kind.council_short)}, {it.resolution} zu beschließen.", " "]
        d = it.decision
        if d.yes is not None and rng.random() < 0.6:
            out += ["Abstimmungsergebnis:", f"Zustimmung: {d.yes} Ablehnung: {d.no} Enthaltung: {d.abstain}"]
        else:
            out += result_lines(w, d, rng.randrange(10))
        out += [" ", "Anlagen:", f"Anlage 1 - Übersicht ({rng.randint(1, 3)},{rng.randint(1, 9)} MB)"]
        return "\n".join(out)
    it = w.item("1")  # the vo020 paper page with its Beratungsfolge grouped by body
    out = [f"{w.name} - Ratsinformationssystem", " ", f"Vorlage - {it.paper}  ", " ", f"Betreff:\t{it.title}",
           "Status:\töffentlich\tVorlage-Art:\tBeschlussvorlage",
           f"Verfasser:\t{w.staff[0].family}, {w.staff[0].given}\tFederführend:\tFachdienst 60", " ",
           "Beratungsfolge:", "\tGremium\tZuständigkeit", "\tDatum\tSitzung\tBeschlussart", " "]
    day = w.date()
    steps = rng.sample(w.committees, k=min(len(w.committees), rng.randint(1, 3))) + [w.council]
    for i, body in enumerate(steps):
        day = w.date(after=day)
        out.append(f"\t{body}\t{'Entscheidung' if body == w.council else 'Vorberatung'}")
        status = rng.choice(("ungeändert beschlossen", "geändert beschlossen", "zurückgestellt"))
        out.append(f"\t{dot_date(day)}\tSitzung des {body}\t{status}")
        d = w.vote("adopted")
        if status != "zurückgestellt":
            out.append(f"\t\tAbstimmungsergebnis: einstimmig" if d.unanimous and not d.abstain else
                       f"\t\tAbstimmungsergebnis: Ja-Stimmen: {d.yes} Nein-Stimmen: {d.no} Enthaltungen: {d.abstain}")
    out += [" ", " ", "Sachverhalt:", " ", background(w, it, (4, 7)), " "] + [p + "\n" for p in discussion(w, it, (0, 2))]
    out += [" ", "Beschlussvorschlag:", f"{the(w.kind.council_short)} beschließt {it.resolution}.", " ", "Anlagen:",
            "\t1\tLageplan (PDF 850 KB)"]
    return "\n".join(out)


def f05_auszug(w: World) -> str:
    rng = w.rng
    body = rng.choice(w.committees + [w.council])
    it = w.item(str(rng.randint(3, 15)))
    day = w.date()
    chair = rng.choice(w.members)
    writer = w.staff[2]
    genitive = w.kind.council_genitive.format(p=w.place) if body == w.council else f"des {body}"
    out = [w.name, f"Der {w.kind.head[0]}" if not w.head.female else f"Die {w.kind.head[1]}", " ", " ",
           "Auszug aus der Niederschrift", f"über die {rng.randint(2, 30)}. Sitzung {genitive}",
           f"der {w.name} vom {dot_date(day)}", " ", f"Ort:\tRathaus {w.place}",
           f"Beginn:\t{rng.randint(16, 19)}:30 Uhr", f"Vorsitzende{'r' if not chair.female else ''}:\t{chair.given} {chair.family}",
           f"Schriftführer{'in' if writer.female else ''}:\t{writer.given} {writer.family}", " ", "-" * 80, " ",
           "Öffentliche Sitzung", " ", f"TOP {it.number}\t{it.title}", f"\tVorlage: {it.paper}", " ",
           background(w, it), " "]
    out += [p + "\n" for p in discussion(w, it)]
    if it.decision.outcome not in ("noted", "withdrawn"):
        out += ["Beschluss:", " ", decides(body, it), " "]
    out += result_lines(w, it.decision, rng.randrange(10))
    out += [" ", "-" * 80, " ", "Für die Richtigkeit des Auszugs:",
            f"{w.place}, {dot_date(day + dt.timedelta(days=6))}", " ", " ", f"gez. {writer.family}",
            "Schriftführerin" if writer.female else "Schriftführer"]
    return "\n".join(out)


def _html_escape(text: str, entities: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if entities:
        for ch, ent in (("ä", "&auml;"), ("ö", "&ouml;"), ("ü", "&uuml;"), ("Ö", "&Ouml;"), ("ß", "&szlig;"),
                        ("€", "&euro;")):
            text = text.replace(ch, ent)
    return text


def f06_html(w: World) -> tuple[str, str]:
    """A SessionNet to0050 or ALLRIS to020 page saved from the browser; returns (html, charset)."""
    rng = w.rng
    body = rng.choice([w.council, *w.committees])
    it = w.item(f"Ö {rng.randint(2, 16)}")
    day = w.date()
    allris = rng.random() < 0.4
    charset = "iso-8859-1" if allris and rng.random() < 0.5 else "utf-8"
    e = lambda s: _html_escape(s, entities=allris)  # noqa: E731
    head = (f'<!DOCTYPE html>\n<html lang="de">\n<head>\n'
            + (f'<meta http-equiv="Content-Type" content="text/html; charset={charset.upper()}">\n' if allris
               else '<meta charset="utf-8">\n')
            + f"<title>{'ALLRIS net' if allris else 'SessionNet'} | {e(body)} - TOP {e(it.number)}</title>\n"
            '<link rel="stylesheet" href="css/base.css">\n'
            f'<script>\n  var cfg = {{ ksinr: {rng.randint(100, 9999)}, lang: "de" }};\n</script>\n'
            "<style>\n  .cookie { position: fixed; bottom: 0; }\n</style>\n</head>\n<body>\n"
            '<div class="cookie" role="dialog"><p>Diese Website verwendet technisch notwendige Cookies.</p>'
            '<button type="button">Verstanden</button></div>\n'
            f'<header><div class="title">{e("Ratsinformationssystem der " + w.name)}</div></header>\n'
            '<nav><ul><li><a href="info.php">Startseite</a></li><li><a href="si0040.php">Sitzungskalender</a></li>'
            '<li><a href="gr0040.php">Gremien</a></li></ul></nav>\n<main>\n')
    label, value = ('<td class="kb1">', '<td class="text1">') if allris else ('<td class="smc-t-label">', "<td>")
    rows = [("TOP:" if allris else "Sitzung:", e(it.number) if allris else
             f'<a href="si0057.php?__ksinr={rng.randint(100, 9999)}">{rng.randint(2, 30)}. Sitzung</a>'),
            ("Gremium:", e(body)),
            ("Datum:", f"{WEEKDAYS_SHORT[day.weekday()]}, {dot_date(day)}&nbsp;&nbsp;Status: öffentlich"),
            ("Ort:", e(f"Rathaus {w.place}")),
            ("Vorlage:", f'<a href="vo0050.php?__kvonr={rng.randint(1000, 9999)}">{e(it.paper)}</a>&nbsp;{e(it.title)}'),
            ("Beschlussart:", e(_STATUS[it.decision.outcome]))]
    table = ("<table class=\"risdeco\">\n" if allris else "<table class=\"smc-table\">\n") + "".join(
        f"<tr>{label}{k}</td>{value}{v}</td></tr>\n" for k, v in rows) + "</table>\n"
    paras = "".join(f"<p>{e(p)}</p>\n" for p in [background(w, it, (2, 4)), *discussion(w, it)])
    d = it.decision
    if d.outcome not in ("noted", "withdrawn", "deferred", "referred"):
        paras += f"<h2>Beschluss:</h2>\n<p>{e('Der ' + body + ' beschließt ' + it.resolution + '.')}</p>\n"
    if d.yes is not None and rng.random() < 0.5:
        paras += ("<h2>Abstimmungsergebnis:</h2>\n<table class=\"smc-table\">\n<thead><tr><th>Gremium</th><th>Ja</th>"
                  "<th>Nein</th><th>Enthaltung</th><th>Befangen</th></tr></thead>\n"
                  f"<tbody><tr><td>{e(body)}</td><td>{d.yes}</td><td>{d.no}</td><td>{d.abstain}</td><td>0</td>"
                  f"</tr></tbody>\n</table>\n<p>{'einstimmig' if d.unanimous else 'mehrheitlich'} {_WORD[d.outcome]}</p>\n")
    else:
        paras += "".join(f"<p>{e(line)}</p>\n" for line in result_lines(w, d, rng.randrange(10)))
    foot = ('</main>\n<footer><a href="impressum.php">Impressum</a> &middot; '
            '<a href="datenschutz.php">Datenschutz</a></footer>\n</body>\n</html>\n')
    return head + f"<h1>TOP {e(it.number)}&nbsp;{e(it.title)}</h1>\n" + table + paras + foot, charset


def f07_fragment(w: World) -> str:
    rng = w.rng
    it = w.item(str(rng.randint(3, 12)), "adopted")
    d = it.decision
    words = ("zwölf", "elf", "neun", "acht", "sieben")
    first = rng.choice(("rung der Beleuchtung am Sportplatz nicht vor dem Herbst abgeschlossen werden könne.",
                        "gen der Verwaltung seien die Arbeiten im Zeitplan.",
                        "tung der Angebote habe sich keine Änderung ergeben."))
    p = rng.choice(w.members)
    out = [f"{first} {'Ratsherr' if not p.female else 'Ratsfrau'} {p.family} fragt, ob die Mehrkosten von "
           f"{w.euro(it.amount // 20)} durch Einsparungen gedeckt werden können.", ""]
    if d.unanimous:
        out.append("Der Beschlussvorschlag wird sodann einstimmig angenommen.")
    else:
        out.append(f"Der Beschlussvorschlag wird sodann mit {d.yes} Ja-Stimmen, {d.no} Gegenstimmen und "
                   f"{d.abstain} Enthaltungen angenommen.")
    nxt = w.item(str(int(it.number) + 1))
    out += [" ", "", f"TOP {nxt.number}\t{nxt.title}", "", background(w, nxt, (2, 5)), ""] + discussion(w, nxt, (1, 3))
    out += result_lines(w, nxt.decision, rng.randrange(10))
    out.append(f"Die Verwaltung sagt eine Prüfung bis zur nächsten Sitzung zu; {rng.choice(words)} weitere Punkte bleiben offen und wer")
    return "\n".join(out)


def f08_niederschrift(w: World) -> str:
    rng = w.rng
    day = w.date()
    items = [w.item(str(i + 1)) for i in range(rng.randint(4, 7))]
    out = [w.name, f"Der {w.kind.head[0]}" if not w.head.female else f"Die {w.kind.head[1]}", " ", "",
           "Niederschrift" if rng.random() < 0.5 else "N i e d e r s c h r i f t",
           f"über die {rng.randint(2, 30)}. Sitzung {w.kind.council_genitive.format(p=w.place)}",
           f"am {weekday_date(day)}, im Ratssaal des Rathauses", "",
           f"Beginn: {rng.randint(15, 18)}:00 Uhr\t\tEnde: {rng.randint(19, 22)}:35 Uhr", "", "", "Anwesend:", "",
           "Vorsitz:", f"{w.kind.chair[w.head.female]} {w.head.full}", ""]
    by_faction: dict[str, list[Person]] = {}
    for m in w.members:
        by_faction.setdefault(m.faction[1] if m.faction else "fraktionslos", []).append(m)
    for f, ms in by_faction.items():
        out.append(f)
        for j, m in enumerate(ms):
            out.append(f"{m.listed}\t\tFraktionsvorsitzende{'r' if not m.female else ''}" if j == 0 else m.listed)
        out.append("")
    out += [f"Von der Verwaltung:", f"{w.staff[0].listed}\tSchriftführer{'in' if w.staff[0].female else ''}", " ",
            " ", "Tagesordnung", "", "A) Öffentliche Sitzung", ""]
    out += [f"{it.number}.\t{it.title}" + (f" – Drucksache {it.paper}" if it.paper else "") for it in items]
    out += ["", "", "A) Öffentliche Sitzung", "_" * 22, ""]
    for it in items:
        out += [f"zu {it.number}.\t{it.title}", ""]
        out += [p + "\n" for p in [*discussion(w, it)[:1], background(w, it, (0, 2)), *discussion(w, it)[1:]]]
        if it.decision.outcome not in ("noted", "withdrawn", "deferred", "referred"):
            out += ["Beschluss:", decides(w.council, it), ""]
        out += result_lines(w, it.decision, rng.randrange(10)) + ["", ""]
    out += [" ", f"Ende des öffentlichen Teils: {rng.randint(20, 22)}:05 Uhr", "", "", "",
            f"{w.head.given} {w.head.family}\t\t\t{w.staff[0].given} {w.staff[0].family}",
            f"{w.kind.chair[w.head.female]}\t\t\t\tSchriftführer{'in' if w.staff[0].female else ''}"]
    return "\n".join(out)


def f09_bavarian(w: World) -> str:
    rng = w.rng
    day = w.date()
    head, second = w.head, rng.choice(w.members)
    council = rng.choice(("Gemeinderat", "Marktgemeinderat", "Stadtrat"))
    member = {"Gemeinderat": ("Gemeinderat", "Gemeinderätin"), "Marktgemeinderat": ("Marktgemeinderat",
              "Marktgemeinderätin"), "Stadtrat": ("Stadtrat", "Stadträtin")}[council]
    prefix = {"Gemeinderat": "Gemeinde", "Marktgemeinderat": "Markt", "Stadtrat": "Stadt"}[council]
    first = "Erste Bürgermeisterin" if head.female else "Erster Bürgermeister"
    out = [f"{prefix} {w.place}", f"Landkreis {rng.choice(_PLACE_HEADS)}{rng.choice(_PLACE_TAILS)}", "",
           "N I E D E R S C H R I F T", f"über die öffentliche Sitzung des {council}es" if council != "Stadtrat"
           else "über die öffentliche Sitzung des Stadtrates", "", f"Sitzungsdatum:\t{weekday_date(day)}",
           f"Beginn:\t\t19:00 Uhr", f"Ende:\t\t{rng.randint(20, 22)}:40 Uhr", f"Ort:\t\tSitzungssaal des Rathauses {w.place}",
           "", f"Vorsitzender:\t{first} {head.given} {head.family}" if not head.female
           else f"Vorsitzende:\t{first} {head.given} {head.family}",
           f"Schriftführerin:\t{w.staff[0].given} {w.staff[0].family}", " ", "Anwesend waren:",
           f"Zweiter Bürgermeister {second.given} {second.family}" if not second.female
           else f"Zweite Bürgermeisterin {second.given} {second.family}"]
    out += [f"{member[m.female]} {m.given} {m.family}" for m in w.members[:rng.randint(3, 6)]]
    present = w.seats = rng.randint(12, 20)
    out += [f"sowie {present - 6} weitere Mitglieder des {council}es (siehe Anwesenheitsliste)", "",
            "Öffentlicher Teil", "-----------------", ""]
    for i in range(rng.randint(3, 6)):
        it = w.item(str(i + 1), rng.choice(("adopted", "adopted", "adopted", "rejected", "noted")), paper=False)
        out += [f"{it.number}.\t{it.title}", "", background(w, it, (1, 3))] + discussion(w, it, (0, 2))[1:] + [""]
        d = it.decision
        if d.outcome == "noted":
            out += [f"Der {council} nimmt die Informationen zur Kenntnis.", "", ""]
            continue
        yes = present - (d.no or 0) - (d.abstain or 0) if d.yes is None else d.yes
        no = d.no or 0
        out += ["Beschluss:", decides(council, it)]
        style = rng.randrange(3)
        if style == 0:
            out.append(f"Abstimmungsergebnis: {yes} : {no}" + (" – abgelehnt" if d.outcome == "rejected" else ""))
        elif style == 1:
            out.append(f"Anwesend: {yes + no}\tFür: {yes}\tGegen: {no}")
        else:
            out.append(f"Abstimmung: Ja {yes} Nein {no}")
        out += ["", ""]
    out += [" ", "Mit Dank für die Mitarbeit schließt der Vorsitzende die Sitzung.", "", "",
            f"{head.given} {head.family}\t\t\t\t{w.staff[0].given} {w.staff[0].family}", f"{first}\t\t\tSchriftführerin"]
    return "\n".join(out)


def f10_small_council(w: World) -> str:
    rng = w.rng
    day = w.date()
    council, member = rng.choice((("Gemeindevertretung", ("Gemeindevertreter", "Gemeindevertreterin")),
                                  ("Stadtvertretung", ("Stadtvertreter", "Stadtvertreterin")),
                                  ("Samtgemeinderat", ("Ratsherr", "Ratsfrau"))))
    prefix = {"Gemeindevertretung": "Gemeinde", "Stadtvertretung": "Stadt", "Samtgemeinderat": "Samtgemeinde"}[council]
    legal = w.seats = rng.randint(11, 23)
    present = legal - rng.randint(0, 3)
    h = w.head
    out = [f"{prefix} {w.place}", f"- Der {w.kind.head[0]} -" if not h.female else f"- Die {w.kind.head[1]} -",
           f"über Amt {rng.choice(_PLACE_HEADS)}{rng.choice(_PLACE_TAILS)}, Am Markt 2", " ", "",
           "N i e d e r s c h r i f t", f"über die {rng.randint(2, 30)}. Sitzung der {council}" if council != "Samtgemeinderat"
           else f"über die {rng.randint(2, 30)}. Sitzung des Samtgemeinderates", " ",
           f"Sitzungstermin:\t{weekday_date(day)}", "Sitzungsbeginn:\t19:30 Uhr",
           f"Sitzungsende:\t{rng.randint(20, 22)}:50 Uhr", f"Ort, Raum:\tDörpshus {w.place}", "", "Anwesend:",
           "a) stimmberechtigt", f"{'Bürgermeisterin' if h.female else 'Bürgermeister'} {h.given} {h.family}"]
    out += [f"{member[m.female]} {m.given} {m.family}" for m in w.members[:rng.randint(4, 9)]]
    out += ["", "b) nicht stimmberechtigt", f"Protokollführerin {w.staff[0].given} {w.staff[0].family}", "",
            f"Die {council if council != 'Samtgemeinderat' else 'Versammlung'} war beschlussfähig.", " ",
            "Tagesordnung:"]
    items = [w.item(str(i + 1)) for i in range(rng.randint(3, 6))]
    out += [f"{it.number}.\t{it.title}\tVorlage: {it.paper}" for it in items] + [" ", ""]
    for it in items:
        out += [f"Zu {it.number}.: {it.title}"] + discussion(w, it, (0, 2)) + [background(w, it, (0, 2))]
        d = it.decision
        if d.outcome in ("adopted", "rejected") and d.yes is not None:
            out += ["", "Beschluss:", decides(council, it), "",
                    f"Abstimmungsergebnis: gesetzliche Anzahl der {member[0]}: {legal}; davon anwesend: {present}; "
                    f"Ja-Stimmen: {d.yes}; Nein-Stimmen: {d.no}; Stimmenthaltungen: {d.abstain}"]
        else:
            out += result_lines(w, d, rng.randrange(10))
        out += [""]
    out += ["", f"{'Die Bürgermeisterin' if h.female else 'Der Bürgermeister'} schließt die Sitzung um 21:50 Uhr.",
            "", f"gez. {h.family}\t\t\tgez. {w.staff[0].family}", f"{'Bürgermeisterin' if h.female else 'Bürgermeister'}"
            "\t\tProtokollführerin"]
    return "\n".join(out)


def f11_kreistag(w: World) -> str:
    rng = w.rng
    day = w.date()
    chair = rng.choice(w.members)
    out = [f"Landkreis {w.place}", "Kreistag", " ", f"Niederschrift über die {rng.randint(2, 30)}. Sitzung des Kreistages",
           "- öffentlicher Teil -", "", f"Datum:\t{dot_date(day)}", "Beginn:\t15:00 Uhr", "Ende:\t17:55 Uhr",
           f"Ort:\tKreishaus {w.place}, Großer Sitzungssaal", "",
           f"Vorsitz: {'Kreistagsvorsitzende' if chair.female else 'Kreistagsvorsitzender'} {chair.given} {chair.family}",
           f"Anwesend: {w.seats} Mitglieder des Kreistages (siehe Anwesenheitsliste)",
           f"Von der Verwaltung: {'Landrätin' if w.head.female else 'Landrat'} {w.head.full}",
           f"Protokoll: {w.staff[0].given} {w.staff[0].family}", " ", "-" * 83, ""]
    parties = [f for f in w.factions]
    for i in range(rng.randint(3, 5)):
        it = w.item(f"Ö {i + 1}")
        out += [f"{it.number}  {it.title}", f"Vorlage {it.paper}", "", background(w, it, (1, 3)), ""] \
            + discussion(w, it, (1, 3))[1:] + [""]
        d = it.decision
        if d.outcome in ("adopted", "rejected") and d.yes is not None and not d.unanimous:
            yes_parties = ", ".join(p[1] for p in parties[:-1])
            out += ["Beschluss:", f"Der Kreistag beschließt {it.resolution}.", "", "Abstimmungsergebnis:"]
            if rng.random() < 0.5:
                out.append(f"mit {d.yes} Ja-Stimmen ({yes_parties}) gegen {d.no} Nein-Stimmen ({parties[-1][1]}) "
                           f"bei {d.abstain} Enthaltungen {_WORD[d.outcome]}")
            else:
                out.append(f"mehrheitlich gegen die Stimmen der {parties[-1][1]}-Fraktion {_WORD[d.outcome]}")
        elif d.outcome in ("adopted",):
            out += ["Beschluss:", f"Der Kreistag beschließt {it.resolution}.", ""] + result_lines(w, d, 1)
        else:
            out += result_lines(w, d, rng.randrange(10))
        out += ["", "-" * 83, ""]
    if rng.random() < 0.5:  # a roll call
        it = w.item(f"Ö {i + 2}", "adopted")
        out += [f"{it.number}  {it.title}", f"Vorlage {it.paper}", "", "Auf Antrag der CDU-Fraktion wird namentlich abgestimmt.",
                "", "Name, Vorname\tFraktion\tja\tnein\tEnthaltung"]
        votes = [0, 0, 0]
        for m in w.members[:rng.randint(8, 14)]:
            v = rng.choice((0, 0, 1, 2))
            votes[v] += 1
            cells = ["", "", ""]
            cells[v] = "X"
            out.append(f"{m.listed}\t{m.faction[1] if m.faction else ''}\t" + "\t".join(cells))
        out += ["", f"Ergebnis der namentlichen Abstimmung: {votes[0]} Ja-Stimmen, {votes[1]} Nein-Stimmen, "
                    f"{votes[2]} Enthaltung{'en' if votes[2] != 1 else ''}.",
                "Der Beschlussvorschlag ist damit " + ("beschlossen." if votes[0] > votes[1] else "abgelehnt."), ""]
    out += [f"Die {'Kreistagsvorsitzende' if chair.female else 'Kreistagsvorsitzende'} schließt den öffentlichen Teil der Sitzung."]
    return "\n".join(out)


def _hyphenate(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > width:
            if len(word) > 8 and len(line) + 5 < width:
                cut = max(3, width - len(line) - 2)
                lines.append(f"{line} {word[:cut]}-".strip())
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def f12_pdf_text(w: World) -> str:
    rng = w.rng
    day = w.date()
    body = rng.choice(w.committees)
    items = [w.item(f"Ö {i + 1}") for i in range(rng.randint(3, 5))]
    header = f"{w.name} – Niederschrift {body} {dot_date(day)}"
    pages: list[list[str]] = [[w.name, f"Der {w.kind.head[0]}", f"{' ' * 58}{w.place}, {dot_date(day + dt.timedelta(days=6))}",
                               "", "", f"{' ' * 30}Niederschrift", f"      über die {rng.randint(2, 20)}. Sitzung des {body}",
                               f"               am {WEEKDAYS[day.weekday()]}, dem {long_date(day)}, 16:00 Uhr,", "",
                               "Beginn: 16:00 Uhr" + " " * 38 + "Ende: 18:15 Uhr", "", "Anwesend:"]]
    chair = w.members[0]
    pages[0].append(f"{'Ausschussvorsitzende' if chair.female else 'Ausschussvorsitzender'}{' ' * 34}Verwaltung")
    for m in w.members[:rng.randint(5, 9)]:
        pages[0].append(f"{m.listed:<28}{m.faction[1] if m.faction else '':<27}")
    pages[0] += ["", "", "Tagesordnung:", "Öffentlicher Teil"]
    pages[0] += [f"{it.number}   {it.title[:70]}" + (f"\n      Vorlage {it.paper}" if it.paper else "") for it in items]
    current = pages[0]
    for it in items:
        if len(current) > 40:
            current = [header, "", ""]
            pages.append(current)
        current += ["", f"{it.number}   {it.title[:70]}", f"      Vorlage {it.paper}", ""]
        for para in [background(w, it, (1, 3)), *discussion(w, it, (1, 3))]:
            current += _hyphenate(para, 82) + [""]
        d = it.decision
        if d.outcome not in ("noted", "withdrawn", "deferred", "referred"):
            current += ["Beschlussempfehlung:" if rng.random() < 0.4 else "Beschluss:"]
            current += _hyphenate(decides(body, it), 82) + [""]
        if d.yes is not None and rng.random() < 0.6:
            current.append(f"Abstimmungsergebnis:   Ja: {d.yes}      Nein: {d.no}     Enthaltung: {d.abstain}")
        else:
            current += result_lines(w, d, rng.randrange(10))
    current += ["", f"{'Ausschussvorsitzende' if chair.female else 'Ausschussvorsitzender'} {chair.family} schließt die Sitzung.",
                "", "", f"gez. {chair.family}{' ' * 26}gez. {w.staff[0].family}", f"Vorsitzende{'r' if not chair.female else ''}"
                f"{' ' * 28}Protokollführer{'in' if w.staff[0].female else ''}"]
    total = len(pages)
    return "\f".join("\n".join(page + ["", f"{' ' * 68}Seite {i + 1} von {total}", ""]) for i, page in enumerate(pages))


def f13_press(w: World) -> str:
    rng = w.rng
    day = w.date()
    council = {"Stadt": "Stadtrat", "Gemeinde": "Gemeinderat"}.get(w.kind.prefix, "Kreistag")
    out = [f"Mitteilungsblatt der {w.name}", f"Amtliche Bekanntmachungen · Nr. {rng.randint(1, 40)} · "
           f"{WEEKDAYS[(day + dt.timedelta(days=6)).weekday()]}, {long_date(day + dt.timedelta(days=6))}", " ", "",
           f"AUS DEM {council.upper()}", "", f"Bericht über die öffentliche Sitzung vom {long_date(day)}", "", ""]
    for i in range(rng.randint(3, 5)):
        it = w.item(str(i + 1), rng.choice(("adopted", "adopted", "rejected")), paper=False)
        d = it.decision
        out += [it.title, ""]
        if i == 0:
            text = f"Der {council} hat in seiner Sitzung am {long_date(day)} " + \
                   (f"einstimmig beschlossen, {it.resolution.split(' ', 1)[1]} zu billigen." if d.unanimous else
                    f"mit {d.yes}:{d.no} Stimmen beschlossen, {it.resolution.split(' ', 1)[1]} zu billigen.")
        elif d.outcome == "rejected":
            f = rng.choice(w.factions)[0]
            text = (f"Einen Antrag der {f} zu diesem Thema lehnte der {council} mit {d.yes} Ja- gegen {d.no} "
                    f"Nein-Stimmen ab.")
        elif d.unanimous:
            text = f"Einstimmig stimmte der {council} {it.resolution.split(' ', 1)[1]} zu."
        else:
            text = f"Mit {d.yes}:{d.no} Stimmen beschloss der {council} {it.resolution}."
        p = rng.choice(w.members)
        text += (f" {w.role(p)} {p.given} {p.family} ({p.faction[1] if p.faction else 'parteilos'}) hätte "
                 f"eine Verschiebung der Maßnahme bevorzugt.") if rng.random() < 0.5 else \
            f" Die Kosten belaufen sich auf rund {w.euro(it.amount)}."
        out += [text + " " + background(w, it, (1, 2)), "", ""]
    spokes = rng.choice(w.staff)
    out += ["Die nächste öffentliche Sitzung ist für den kommenden Monat geplant.", "",
            f"{spokes.given} {spokes.family}, Pressesprecher{'in' if spokes.female else ''}"]
    return "\n".join(out)


def f14_invitation(w: World) -> str:
    rng = w.rng
    day = w.date()
    body = rng.choice(w.committees)
    chair = rng.choice(w.members)
    out = [w.name, f"Die Vorsitzende des {body}" if chair.female else f"Der Vorsitzende des {body}", " ",
           "An die Mitglieder", f"des {body}", f"sowie die beratenden Mitglieder\t\t\t\t{w.place}, "
           f"{dot_date(day - dt.timedelta(days=14))}", "", "nachrichtlich: Fraktionen und Gruppen, Presse", "", "",
           "E i n l a d u n g", "", f"zur {rng.randint(2, 20)}. Sitzung des {body}",
           f"am {weekday_date(day)}, {rng.randint(15, 18)}:30 Uhr,", f"im Rathaus {w.place}, Raum {rng.randint(100, 320)}",
           "", "", "Sehr geehrte Damen und Herren,", "",
           "hiermit lade ich Sie zu der oben genannten Sitzung ein. Die Sitzungsunterlagen stehen im "
           "Ratsinformationssystem zum Abruf bereit.", "", "Tagesordnung:", "", "Öffentlicher Teil", " ",
           "TOP\tBetreff\t\t\t\t\t\t\tVorlage", "1\tEröffnung der Sitzung, Feststellung der ordnungsgemäßen Ladung "
           "und der Beschlussfähigkeit"]
    n = rng.randint(3, 8)
    for i in range(2, n + 2):
        it = w.item(str(i))
        out.append(f"{i}\t{it.title}\t\t\t\t\t{it.paper}")
    out += [f"{n + 2}\tMitteilungen der Verwaltung", f"{n + 3}\tAnfragen", "", "Nichtöffentlicher Teil", " ",
            f"{n + 4}\tGrundstücksangelegenheiten", "", "",
            f"Sollten Sie verhindert sein, benachrichtigen Sie bitte Ihre Vertretung (Tel. 0{rng.randint(2000, 9999)} / "
            f"{rng.randint(10, 99)}-{rng.randint(1000, 9999)}).", "", "Mit freundlichen Grüßen", "",
            f"gez. {chair.given} {chair.family}", "Vorsitzende" if chair.female else "Vorsitzender"]
    return "\n".join(out)


_WRITERS: dict[str, Callable[[World], str]] = {
    "F01": f01_beratungsergebnis, "F02": f02_sessionnet_item, "F03": f03_sessionnet_paper, "F04": f04_allris,
    "F05": f05_auszug, "F07": f07_fragment, "F08": f08_niederschrift, "F09": f09_bavarian,
    "F10": f10_small_council, "F11": f11_kreistag, "F12": f12_pdf_text, "F13": f13_press, "F14": f14_invitation,
}

# The kinds of Körperschaft that write each family (a Landkreis for Kreistag minutes, …).
_FAMILY_KINDS = {"F11": KINDS[5], "F09": KINDS[3], "F10": KINDS[4]}


@dataclass(frozen=True)
class GeneratedDocument:
    name: str
    family: str
    data: bytes


def document(seed: int, index: int, family: str | None = None) -> GeneratedDocument:
    """Document `index` of the corpus of `seed`: bytes as a RIS or a browser would save them."""
    family = family or FAMILIES[index % len(FAMILIES)]
    rng = random.Random(f"{seed}:{index}:{family}")
    w = World(rng, _FAMILY_KINDS.get(family))
    name = f"doc{index:06d}-{family.lower()}"
    if family == "F06":
        html, charset = f06_html(w)
        return GeneratedDocument(name + ".html", family, html.encode(charset, errors="xmlcharrefreplace"))
    text = _WRITERS[family](w)
    r = rng.random()
    if family != "F07":
        text += "\n"
    if r < 0.1 and family in ("F02", "F05", "F08", "F10"):  # Windows exports: cp1252 with CRLF
        return GeneratedDocument(name + ".txt", family, text.replace("\n", "\r\n").encode("cp1252", errors="replace"))
    if r < 0.15 and family == "F03":
        return GeneratedDocument(name + ".txt", family, b"\xef\xbb\xbf" + text.encode("utf-8"))
    return GeneratedDocument(name + ".txt", family, text.encode("utf-8"))


def write_minutes(n: int, folder: str | Path, seed: int = 1, families: tuple[str, ...] | None = None) -> list[Path]:
    """Write N documents into a folder (created if missing); returns their paths in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        family = families[i % len(families)] if families else None
        doc = document(seed, i, family)
        path = folder / doc.name
        path.write_bytes(doc.data)
        paths.append(path)
    return paths


# -- OParl ---------------------------------------------------------------------------------------------

OPARL = "https://schema.oparl.org/1.1/"


def oparl_system(meetings: int, seed: int = 1, base: str = "https://oparl.example.org/") -> dict[str, dict]:
    """An OParl 1.1 system with N meetings: list pages by object list (`system`, `bodies`,
    `organizations`, `persons`, `meetings` with embedded agenda items and files, `papers` with
    embedded consultations and files), as a crawl writes them."""
    rng = random.Random(f"oparl:{seed}")
    w = World(rng, KINDS[0])
    body = f"{base}body/1"
    stamp = "2023-01-08T14:05:27+01:00"

    def common(obj: dict) -> dict:
        obj.setdefault("created", stamp)
        obj.setdefault("modified", stamp)
        return obj

    def file(key: str, name: str, when: dt.date) -> dict:
        digest = hashlib.sha1(key.encode()).hexdigest()
        return common({"id": f"{base}file/{key}", "type": OPARL + "File", "name": name,
                       "fileName": f"{key.replace('/', '-')}.pdf", "mimeType": "application/pdf",
                       "date": when.isoformat(), "size": rng.randint(20_000, 900_000), "sha1Checksum": digest,
                       "accessUrl": f"{base}file/{key}.pdf", "downloadUrl": f"{base}file/{key}/download.pdf"})

    orgs = []
    names = [w.council, *_COMMITTEES] + [f[0] for f in _FACTIONS]
    for i, name in enumerate(names):
        orgs.append(common({"id": f"{base}organization/{i}", "type": OPARL + "Organization", "body": body,
                            "name": name, "organizationType": "Fraktion" if "raktion" in name or "Gruppe" in name
                            else "Gremium", "classification": "Ausschuss" if "usschuss" in name else "Rat",
                            "startDate": "2020-11-01"}))
    gremien = [o for o in orgs if o["organizationType"] == "Gremium"]
    persons = []
    for i in range(max(30, min(2000, meetings // 2))):
        p = w.person(rng, rng.choice(_FAMILY), rng.choice(_FACTIONS))
        org = rng.choice(gremien)
        persons.append(common({"id": f"{base}person/{i}", "type": OPARL + "Person", "body": body,
                               "name": f"{p.given} {p.family}", "familyName": p.family, "givenName": p.given,
                               "formOfAddress": "Frau" if p.female else "Herr",
                               **({"title": ["Dr."]} if p.doctor else {}),
                               "status": [w.kind.member[p.female]],
                               "membership": [common({"id": f"{base}membership/{i}-0", "type": OPARL + "Membership",
                                                      "organization": org["id"], "role": "Mitglied",
                                                      "votingRight": True, "startDate": "2020-11-01"})]}))
    results = ["einstimmig beschlossen", "mehrheitlich beschlossen", "abgelehnt", "Kenntnisnahme", "vertagt",
               "ungeändert beschlossen", "verwiesen"]
    meeting_objs, papers = [], []
    paper_no = 0
    for m in range(meetings):
        org = gremien[m % len(gremien)]
        day = dt.date(2019, 1, 1) + dt.timedelta(days=m * 3 % 2000 + rng.randint(0, 2))
        mid = f"{base}meeting/{m}"
        items = []
        for i in range(rng.randint(6, 12)):
            iid = f"{mid}/item/{i}"
            item = common({"id": iid, "type": OPARL + "AgendaItem", "meeting": mid, "number": str(i + 1),
                           "order": i, "name": rng.choice(_TOPICS)[0].format(
                               p=w.place, s=rng.choice(_STREETS), n=rng.randint(3, 140), y=2020, y0=2019, y5=2025,
                               c=rng.choice(_CLUBS).format(p=w.place), k="Rohrbau GmbH"),
                           "public": rng.random() < 0.85})
            if i > 0:
                item["result"] = rng.choice(results)
            if rng.random() < 0.5:
                pid = f"{base}paper/{paper_no}"
                cid = f"{base}consultation/{paper_no}"
                item["consultation"] = cid
                papers.append(common({
                    "id": pid, "type": OPARL + "Paper", "body": body, "name": item["name"],
                    "reference": f"{day.year}/{paper_no:04d}", "date": (day - dt.timedelta(days=14)).isoformat(),
                    "paperType": rng.choice(("Beschlussvorlage", "Mitteilungsvorlage", "Antrag")),
                    "mainFile": file(f"paper/{paper_no}", f"Vorlage {day.year}/{paper_no:04d}", day),
                    "originatorOrganization": [org["id"]],
                    "consultation": [common({"id": cid, "type": OPARL + "Consultation", "paper": pid,
                                             "agendaItem": iid, "meeting": mid, "organization": [org["id"]],
                                             "authoritative": rng.random() < 0.4,
                                             "role": rng.choice(("Vorberatung", "Entscheidung"))})]}))
                paper_no += 1
            items.append(item)
        meeting_objs.append(common({
            "id": mid, "type": OPARL + "Meeting", "name": f"{m + 1}. Sitzung des {org['name']}",
            "meetingState": "durchgeführt", "cancelled": False,
            "start": f"{day.isoformat()}T17:00:00+01:00", "end": f"{day.isoformat()}T19:30:00+01:00",
            "organization": [org["id"]],
            "participant": [p["id"] for p in rng.sample(persons, k=min(len(persons), rng.randint(5, 12)))],
            "invitation": file(f"meeting/{m}/invitation", "Einladung", day - dt.timedelta(days=10)),
            "resultsProtocol": file(f"meeting/{m}/protocol", "Niederschrift", day + dt.timedelta(days=7)),
            "agendaItem": items}))
    system = common({"id": f"{base}system", "type": OPARL + "System", "oparlVersion": OPARL,
                     "name": f"OParl-Schnittstelle der {w.name}", "body": f"{base}bodies"})
    bodies = common({"id": body, "type": OPARL + "Body", "system": f"{base}system", "name": w.name,
                     "shortName": w.place, "organization": f"{base}body/1/organizations",
                     "person": f"{base}body/1/persons", "meeting": f"{base}body/1/meetings",
                     "paper": f"{base}body/1/papers", "legislativeTerm": [common({
                         "id": f"{base}term/1", "type": OPARL + "LegislativeTerm", "body": body,
                         "name": "2020-2025", "startDate": "2020-11-01", "endDate": "2025-10-31"})]})

    def page(objs: list[dict]) -> dict:
        return {"data": objs, "links": {}}

    return {"system": system, "bodies": page([bodies]), "organizations": page(orgs), "persons": page(persons),
            "meetings": page(meeting_objs), "papers": page(papers)}


def write_oparl(meetings: int, folder: str | Path, seed: int = 1) -> list[Path]:
    """Write an OParl system of N meetings as one JSON file per object list; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, value in oparl_system(meetings, seed).items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(value, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("minutes", "oparl"))
    parser.add_argument("n", type=int, help="documents (minutes) or meetings (oparl)")
    parser.add_argument("folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--families", help="comma-separated families (minutes only), e.g. F02,F08")
    args = parser.parse_args(argv)
    if args.what == "minutes":
        families = tuple(args.families.split(",")) if args.families else None
        unknown = set(families or ()) - set(FAMILIES)
        if unknown:
            parser.error(f"unknown families: {', '.join(sorted(unknown))}")
        paths = write_minutes(args.n, args.folder, args.seed, families)
    else:
        paths = write_oparl(args.n, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB in {args.folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
