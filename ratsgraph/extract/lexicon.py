"""Word lists of the language of minutes: given names (with their usual gender), party names and
their canonical keys. Kept as data so a missing word is one edit here, not a new rule."""

from __future__ import annotations

import re

# Common given names in German council documents (German and frequent immigrant names).
_FEMALE = """
Ada Adelheid Adriana Agnes Aleksandra Alexandra Alina Alexa Alice Alma Amelie Amira Ana Anastasia Andrea
Angela Angelika Anita Anja Anke Anna Annabell Anne Annegret Annemarie Annett Annette Anni Antje Antonia Astrid
Aylin Ayse Ayşe Barbara Beate Bettina Bianca Birgit Birte Brigitte Britta Carina Carla Carmen Carola Caroline
Cathrin Charlotte Christa Christiane Christina Christine Cindy Claudia Cornelia Dagmar Dana Daniela Denise Diana
Dora Doris Dorothea Dörte Edith Elena Elfriede Elif Elisabeth Elke Ella Ellen Elsa Emilia Emily Emine Emma Erika
Esra Eva Evelyn Fabienne Fatma Franziska Frauke Frederike Friederike Gabi Gabriele Gerda Gertrud Gesa Gisela
Gitta Greta Gudrun Hanna Hannah Hannelore Hatice Hedwig Heide Heidi Heike Helena Helene Helga Henrike Hildegard
Ida Ilona Ilse Imke Ina Ines Inga Inge Ingeborg Ingrid Irene Iris Irmgard Isabel Isabell Jacqueline Jana Janina
Jasmin Jennifer Jessica Johanna Josefine Judith Julia Juliane Jutta Karen Karin Karina Karla Katharina Kathrin
Katja Katrin Kerstin Kim Kirsten Klara Claudia Kristin Larissa Laura Lea Lena Leonie Lieselotte Lilli Lina Linda
Lisa Lore Lotte Luisa Luise Lydia Magdalena Maike Mandy Manuela Margarete Margit Margot Maria Marianne Marie
Marina Marion Marita Marlene Marlies Marta Martha Martina Maya Meike Melanie Melissa Merle Michaela Mia Miriam
Monika Nadine Nadja Natalie Natascha Nicole Nina Nora Olga Paula Petra Pia Ramona Rebecca Regina Renate Rita Rosa
Rosemarie Ruth Sabine Sabrina Sandra Sara Sarah Saskia Selin Sibylle Sigrid Silke Silvia Simone Sofia Sonja
Sophia Sophie Stefanie Steffi Stephanie Susanne Svenja Swantje Sylvia Tamara Tanja Tatjana Theresa Therese Tina
Ulla Ulrike Ursula Ute Vanessa Vera Verena Veronika Viktoria Waltraud Wiebke Yvonne Zeynep Hanne Marlis Carmen
Elfi Rosi Bärbel Manja Peggy Doreen Mandy Ramona Nancy Jacqueline Josephine Kerstin Janine Jeanette Yvette
Antje Anne-Kathrin Annekathrin Carolin Caroline Cornelia Dörthe Grit Ilka Ivonne Kathleen Katrin Kati Madlen Mareike
Marlen Marleen Nadja Romy Sindy Solveig Sylke Ulla Ute Anett Anke Birgitt Gesine Hella Ines Judith Lisa-Marie
Cäcilia Helga Herta Hertha Hildegard Irmgard Käthe Lieselotte Luise Margarethe Rosemarie Waltraut Wilhelmine
Aylin Büşra Dilara Emine Hülya Leyla Meryem Nesrin Selma Sevgi Şeyma Tülay Zehra Agnieszka Ewa Katarzyna Natalia
Svetlana Tatiana Irina Ljudmila Marta Milena Ivana Jelena Daniela Paola Francesca Giulia Chiara Sophie-Marie Maren Marit Silja Frauke Insa Inken Hilke Wiebke Ulrike Esra Gül Yasemin Ayla Gundula Henriette Irmtraud Liane Roswitha Uta Vivien Wilma Aline Melek Ceylan Derya Songül
"""
_MALE = """
Achim Adam Adrian Ahmet Alexander Alfred Ali Alois Andreas Andrej André Anton Armin Arne Arnd Arno Artur Axel
Benedikt Benjamin Bernd Bernhard Bert Björn Bodo Boris Bruno Burkhard Carl Carsten Cem Christian Christoph
Christopher Claus Clemens Constantin Daniel David Denis Dennis Detlef Detlev Dieter Dietmar Dietrich Dirk
Dominik Eberhard Eckhard Edgar Edmund Eduard Egon Emil Emre Enrico Erich Erik Ernst Erwin Eugen Fabian Felix
Ferdinand Finn Florian Frank Franz Frederik Friedhelm Friedrich Fritz Georg Gerd Gerhard Gernot Gert Gregor
Günter Günther Gustav Hagen Hannes Hans Harald Hartmut Hasan Hauke Heiko Heinrich Heinz Helge Helmut Hendrik
Henning Henrik Herbert Hermann Holger Horst Hubert Hugo Ibrahim Ingo Ivan Jakob Jan Jannik Jens Joachim Jochen
Johann Johannes Jonas Jonathan Jörg Josef Joseph Jost Julian Julius Jürgen Kai Karl Karsten Kaspar Klaus Konrad
Konstantin Korbinian Kurt Lars Leo Leon Leonhard Lorenz Lothar Louis Ludger Ludwig Luis Lukas Lutz Maik Malte
Manfred Manuel Marc Marcel Marco Marcus Mario Marius Mark Markus Martin Marvin Mathias Matthias Max Maximilian
Mehmet Michael Mike Mirko Moritz Murat Mustafa Nico Niklas Nikolai Nikolaus Nils Norbert Olaf Ole Oliver Oskar
Otto Pascal Patrick Paul Peter Philipp Rainer Ralf Ralph Randolf Reiner Reinhard Reinhold Rene René Richard
Rico Robert Roland Rolf Roman Ronald Ronny Rudolf Rüdiger Sascha Sebastian Siegfried Simon Sönke Stefan Steffen
Stephan Sven Theo Theodor Thilo Thomas Thorsten Till Tim Timo Tobias Tom Torsten Udo Ulf Ulrich Uwe Valentin
Viktor Volker Walter Werner Wilfried Wilhelm Willi Wolfgang Wolfram Xaver Yannick Yusuf Deniz Enno Eike Gerrit
Götz Hinrich Jan-Hendrik Falk Frank-Peter Gerald Gernot Hagen Heinz Helfried Henry Horst-Dieter Ingolf Jens-Peter
Karl-Heinz Klaus-Dieter Lutz Maik Mario Mirko Nico Olaf Ralph René Ronald Sandro Silvio Steffen Sven-Erik Thoralf
Thorsten Toralf Torsten Ulf Uwe Volkmar Wieland Wolf Xaver Yves Andrzej Bartosz Krzysztof Marek Piotr Tomasz Jiri
Dmitri Sergej Waldemar Viktor Alexej Jewgeni Ahmed Aydın Burak Cemal Hakan Kemal Mehmet Osman Serkan Ufuk Volkan
Levent Murat Orhan Can Deniz Luca Marco Matteo Giuseppe Antonio Francesco Pedro Carlos Miguel José Jannis Nis Sönke Hark Momme Keno Fiete Jonte Tjark Bernd Kolja Lennart Onno Tjark Veit Wulf Frieder Gunnar Hajo Jörn Knut Olav Sigurd
"""

FEMALE_NAMES = frozenset(_FEMALE.split())
MALE_NAMES = frozenset(_MALE.split()) - FEMALE_NAMES | {"Deniz"}
GIVEN_NAMES = FEMALE_NAMES | MALE_NAMES


def is_given_name(word: str) -> bool:
    """A given name, also hyphenated ("Karl-Heinz", "Anna-Lena") when its first part is one."""
    if word in GIVEN_NAMES:
        return True
    first = word.split("-")[0]
    return first in GIVEN_NAMES and "-" in word


def is_feminine_name(word: str) -> bool | None:
    """The usual gender of a given name: True (female), False (male), None (unknown)."""
    first = word.split("-")[0]
    if first in FEMALE_NAMES:
        return True
    if first in MALE_NAMES:
        return False
    return None


# --- parties -----------------------------------------------------------------------------

# Party names as minutes write them, longer forms first; each with its canonical key.
_PARTIES: list[tuple[str, str]] = [
    (r"BÜNDNIS[ \t]+90/DIE[ \t]+GRÜNEN|Bündnis[ \t]+90/Die[ \t]+Grünen|BÜNDNIS[ \t]+90/GRÜNE|Bündnis[ \t]+90/Grüne|B90/Grüne|B[ \t]+90/Grüne"
     r"|DIE[ \t]+GRÜNEN|Die[ \t]+Grünen|GRÜNEN|Grünen|GRÜNE|Grüne(?![ \t]+Liste)", "gruene"),
    (r"DIE[ \t]+LINKE|Die[ \t]+Linke|LINKE|Linke", "linke"),
    (r"Die[ \t]+PARTEI|PARTEI", "partei"),
    (r"Freie[ \t]+Wähler|FREIE[ \t]+WÄHLER|Freien[ \t]+Wähler|FW", "fw"),
    (r"Grüne[ \t]+Liste", "gruene-liste"),
    (r"CDU/CSU", "cdu-csu"), (r"CDU", "cdu"), (r"CSU", "csu"), (r"SPD", "spd"), (r"FDP", "fdp"),
    (r"AfD", "afd"), (r"ÖDP", "oedp"), (r"BSW", "bsw"), (r"Volt", "volt"), (r"Piraten", "piraten"),
    (r"FWG|UWG|FWV|WGS|BWG|WfW|BfB|BVB|UBV|FBL|WUB|ALW|GAL|FUW|UWV|DLW|ProD|BIW|BI", ""),
]

#: A party name (alternation of all forms).
PARTY = "|".join(p for p, _ in _PARTIES)
# An unknown short party or voters' association ("WGS", "UBV", "BfL"), for "X-Fraktion" forms.
PARTY_ACRONYM = r"(?=[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5}[A-ZÄÖÜ])[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,5}(?![a-zäöü])"
# A combination of parties as one group: "SPD/GRÜNE", "Freie Wähler/FDP", "Freie Wähler/BMV", "FDP/Unabhängige"
PARTY_GROUP = rf"(?:{PARTY})(?:\s?/\s?(?:{PARTY}|{PARTY_ACRONYM}|[A-ZÄÖÜ][a-zäöüß]{{3,}}))*"

_KEYS = [(re.compile(rf"(?:{p})$"), key) for p, key in _PARTIES]


def party_key(name: str) -> str:
    """A canonical key that makes variants of one party compare equal.

    >>> party_key("Bündnis 90/Die Grünen") == party_key("GRÜNE")
    True
    >>> party_key("Freie Wähler/FDP") == party_key("FW/FDP")
    True
    """
    parts = re.split(r"\s?/\s?(?=[A-ZÄÖÜ])", " ".join(name.split()))
    keys = []
    i = 0
    while i < len(parts):
        # "BÜNDNIS 90/DIE GRÜNEN" splits into two parts that form one party
        joined = "/".join(parts[i:i + 2])
        if i + 1 < len(parts) and any(pattern.match(joined) and key == "gruene" for pattern, key in _KEYS):
            keys.append("gruene")
            i += 2
            continue
        part = parts[i]
        key = next((k or part.lower() for pattern, k in _KEYS if pattern.match(part)), part.lower())
        keys.append(key)
        i += 1
    return "/".join(keys)
