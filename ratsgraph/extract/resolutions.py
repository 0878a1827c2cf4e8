"""Resolution texts (Beschluss, Beschlussvorschlag, Beschlussempfehlung) with their numbered
clauses, and the result lines that record a vote ("Abstimmungsergebnis: einstimmig angenommen")."""

from __future__ import annotations

import re

# "Beschlussvorschlag:", "Beschluss:", "Beschlussvorschlag (geändert):", "Beschlussempfehlung:",
# "Beschluss: Der Rat beschließt …", "Beschlusstext:", "Empfehlung:"
RESOLUTION_LABEL = re.compile(
    r"""^[ \t]*(?P<kind>Beschlussvorschlag|Beschlussempfehlung|Beschlussentwurf|Beschlusstext|Beschluss
        |Empfehlung|Geänderter\sBeschlussvorschlag|Beschlussvorschlag\sder\sVerwaltung)
        (?:[ \t]*\((?P<note>[^)\n]{1,60})\))?[ \t]*(?::|\n)[ \t]*(?P<rest>[^\n]*)$""",
    re.VERBOSE | re.MULTILINE,
)

# "Abstimmungsergebnis: einstimmig angenommen", "Abstimmungsergebnis (Änderungsantrag): mehrheitlich
# abgelehnt", "Abstimmung: Ja 15 Nein 1", "Ergebnis: …", "Beschlussart: ungeändert beschlossen"
RESULT_LABEL = re.compile(
    r"""^[ \t]*(?P<label>Abstimmungsergebnis|Abstimmungs-?\s?ergebnis|Abstimmung|Ergebnis|Beschlussergebnis
        |Beschlussart|Ergebnis\sder\s(?:namentlichen\s)?Abstimmung|Stimmenverhältnis|Abstimmungsverhältnis|Beschlussfassung)
        (?:[ \t]*(?:\((?P<subject>[^)\n]{1,80})\)|über\s(?P<subject2>[^:\n]{1,80})))?[ \t]*(?::|(?=\n)|(?=[ \t]+\d{1,3}[ \t]?:))[ \t]*(?P<rest>[^\n]*)$""",
    re.VERBOSE | re.MULTILINE,
)

# A numbered clause at the start of a line: "1. sich der Kreis …", "2) Die Verwaltung …", "a) …"
CLAUSE_START = re.compile(r"^[ \t]*(?P<ordinal>\d{1,2}|[a-h])[.)][ \t]+(?=\S)", re.MULTILINE)

# The subject of a resolution text: "Der Kreistag beschließt, dass", "Der Ausschuss für … empfiehlt dem Rat"
RESOLVING_VERB = re.compile(
    r"\b(?:beschließt|beschliesst|empfiehlt|stimmt|nimmt|beauftragt|bestätigt|genehmigt|billigt|erteilt|"
    r"wählt|bestellt|stellt|lehnt|fasst|ermächtigt|verweist|überweist|vertagt)\b"
)

# Kinds of resolution text as the contract names them.
KINDS = {
    "Beschlussvorschlag": "Beschlussvorschlag", "Beschlussempfehlung": "Beschlussempfehlung",
    "Beschlussentwurf": "Beschlussvorschlag", "Beschlusstext": "Beschluss", "Beschluss": "Beschluss",
    "Empfehlung": "Beschlussempfehlung", "Geänderter Beschlussvorschlag": "Beschlussvorschlag",
    "Beschlussvorschlag der Verwaltung": "Beschlussvorschlag",
}
