#!/usr/bin/python3
"""Loads every .npy array an analysis.json refers to with NumPy, the independent reader (run by SidecarTests.cs).

usage: check_sidecars.py ANALYSIS_JSON

Walks the JSON for array references {"npy": FILE, "row": R}, loads FILE (relative to the JSON's folder) with
np.load(allow_pickle=False) as docs/FORMATS.md shows, and prints one line per reference:
PATH DTYPE ROWSxCOLUMNS SHA256, where PATH is the reference's place in the JSON (taps[1].sets[0].units.entropy),
DTYPE NumPy's dtype string ('<f8'), and SHA256 the hex digest of row R's values as little-endian bytes.
Then one line per file: FILE NAME SAME, where SAME says whether np.save of the loaded array writes exactly the
file's bytes ("identical") or not ("different").

Needs Debian's python3-numpy. Exit code 3 when it is missing.
"""
import hashlib
import io
import json
import os
import sys

try:
    import numpy as np
except ImportError as e:
    print(f"missing python module ({e}); install python3-numpy, e.g. apt-get install python3-numpy")
    sys.exit(3)

path = sys.argv[1]
folder = os.path.dirname(path)
with open(path, encoding="utf-8") as f:
    doc = json.load(f)


def walk(node, where):
    if isinstance(node, dict):
        if set(node) == {"npy", "row"}:
            files.add(node["npy"])
            a = np.load(os.path.join(folder, node["npy"]), allow_pickle=False)
            row = a[node["row"]]
            digest = hashlib.sha256(row.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()
            print(where, a.dtype.str, "x".join(str(d) for d in a.shape), digest)
            return
        for key, value in node.items():
            walk(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, f"{where}[{i}]")


files = set()
walk(doc, "")
for name in sorted(files):
    with open(os.path.join(folder, name), "rb") as f:
        written = f.read()
    again = io.BytesIO()
    np.save(again, np.load(io.BytesIO(written), allow_pickle=False))
    print("FILE", name, "identical" if again.getvalue() == written else "different")
