"""Dates and money amounts in every common form."""

from __future__ import annotations

import datetime as dt

import pytest

from ratsgraph.extract.amounts import find_amounts, table_amounts
from ratsgraph.extract.dates import find_dates, parse_time


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("am 13.12.2021", dt.date(2021, 12, 13)),
        ("am 13. Dezember 2021", dt.date(2021, 12, 13)),
        ("vom 13.12.21", dt.date(2021, 12, 13)),
        ("27.01.22\tAnhörung", dt.date(2022, 1, 27)),
        ("Mittwoch, 8. Februar 2023", dt.date(2023, 2, 8)),
        ("Dienstag, 25.04.2023, 17:00 Uhr", dt.date(2023, 4, 25)),
        ("am 1. März 2024", dt.date(2024, 3, 1)),
        ("Di, 09.05.2023", dt.date(2023, 5, 9)),
        ("am 3. Dez. 2022", dt.date(2022, 12, 3)),
    ],
)
def test_dates(text, date):
    assert [d for _, _, d in find_dates(text)] == [date]


@pytest.mark.parametrize("text", ["31.02.2021", "Flurstück 213", "§ 31 GO NRW", "Seite 2 von 4", "4.1 Änderung",
                                  "12.60.01.004", "24 x 40 m"])
def test_no_dates(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(("text", "time"), [("17:00 Uhr", dt.time(17)), ("19.30 Uhr", dt.time(19, 30)),
                                            ("Beginn: 9 Uhr", dt.time(9))])
def test_times(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("385.000 €", ["385000"]),
        ("10.000€", ["10000"]),
        ("1,5 Mio. €", ["1500000"]),
        ("EUR 3.250,50", ["3250.5"]),
        ("55.000 Euro", ["55000"]),
        ("412.300 EUR brutto", ["412300"]),
        ("rund 1,15 Millionen Euro", ["1150000"]),
        ("2,3 Mrd. Euro", ["2300000000"]),
        ("14,6 Mio. EUR", ["14600000"]),
        ("1.243.518,27 €", ["1243518.27"]),
        ("3,85 € je m³", ["3.85"]),
        ("95,00 €/m²", ["95"]),
        ("12 € je Mitglied", ["12"]),
        ("von  95.000  €  auf  120.000  €", ["95000", "120000"]),
        ("Honorar von 10.000,- € brutto", ["10000"]),
        ("um 8,5 Prozent", []),
        ("Fl.Nr. 2217/4", []),
        ("Tel. 02384 67-1210", []),
        ("(PDF, 312 KB)", []),
        ("530 v. H.", []),
    ],
)
def test_amounts(text, values):
    assert [v for _, _, v in find_amounts(text)] == values


def test_thousands_tables_count_each_cell():
    table = ("Kostengruppe (DIN 276)              Kosten-         Kosten-\n"
             "                                    Tsd. €          Tsd. €\n"
             "300 Baukonstruktionen               18.900          21.350\n"
             "Gesamt                              34.400          38.600\n")
    assert [v for _, _, v in table_amounts(table)] == ["18900000", "21350000", "34400000", "38600000"]
