"""Write the OParl 1.1 profile (`shapes/oparl.ttl`) from the schema table in
`ratsgraph/oparl/schema.py`:  python tools/gen_oparl_profile.py > shapes/oparl.ttl"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ratsgraph.oparl.profile import shapes_turtle

sys.stdout.write(shapes_turtle())
