"""How fast OParl JSON becomes triples (read, repair, flatten, map), and how fast the graph goes
back to OParl JSON, on a synthetic list page of N meetings with ten agenda items each, built from
the shapes of the OParl 1.1 examples. The baseline for the comparison with JSON-LD expansion
(PERFORMANCE.md).

    python benchmarks/oparl_to_rdf.py [MEETINGS]     # default 1000 meetings (11,000 objects)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ratsgraph.graph.oparl import oparl_triples  # noqa: E402
from ratsgraph.oparl.export import export_graph  # noqa: E402
from ratsgraph.oparl.reader import read_oparl  # noqa: E402

T = "https://schema.oparl.org/1.1/"
BASE = "https://oparl.example.org/"


def page(meetings: int) -> bytes:
    data = []
    for m in range(meetings):
        meeting = f"{BASE}meeting/{m}"
        data.append({
            "id": meeting, "type": T + "Meeting", "name": f"{m}. Sitzung des Finanzausschusses",
            "start": "2013-01-04T08:00:00+01:00", "end": "2013-01-04T12:00:00+01:00",
            "organization": [f"{BASE}organization/{m % 20}"],
            "location": {"id": f"{BASE}location/{m % 5}", "type": T + "Location",
                         "description": "Rathaus, Ratshausplatz 1",
                         "geojson": {"type": "Feature",
                                     "geometry": {"type": "Point", "coordinates": [50.1, 10.4]},
                                     "properties": {"name": "Rathausplatz"}}},
            "agendaItem": [{"id": f"{meeting}/item/{i}", "type": T + "AgendaItem", "number": str(i + 1),
                            "order": i, "name": f"Tagesordnungspunkt {i + 1}", "public": True,
                            "result": "einstimmig beschlossen" if i % 2 else "Kenntnisnahme",
                            "created": "2012-01-06T12:01:00+01:00", "modified": "2012-01-08T14:05:27+01:00"}
                           for i in range(10)],
            "created": "2012-01-06T12:01:00+01:00", "modified": "2012-01-08T14:05:27+01:00",
        })
    return json.dumps({"data": data, "links": {}}).encode("utf-8")


def main(meetings: int) -> None:
    data = page(meetings)
    start = time.perf_counter()
    result = read_oparl(data, "bench.json")
    read = time.perf_counter() - start
    start = time.perf_counter()
    triples = oparl_triples(result.objects)
    mapped = time.perf_counter() - start
    start = time.perf_counter()
    exported = export_graph(triples).to_json()
    back = time.perf_counter() - start
    n = len(triples)
    print(f"{meetings} meetings, {len(result.objects)} objects, {len(data) / 1e6:.1f} MB JSON, {n} triples")
    print(f"read + repair + flatten  {read:6.2f} s")
    print(f"map to triples           {mapped:6.2f} s   ({n / mapped:,.0f} triples/s)")
    print(f"JSON → triples in all    {read + mapped:6.2f} s   ({n / (read + mapped):,.0f} triples/s)")
    print(f"export to OParl JSON     {back:6.2f} s   ({len(exported) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
