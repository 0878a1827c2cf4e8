"""ratsgraph: German council minutes and OParl data → a linked-data knowledge graph.

Pipeline (data flows one way): sources → extract / oparl → model → graph → validate / store /
serve → cli. The library entry points are `convert_path` and `convert_bytes`.
"""

__version__ = "0.1.0"
