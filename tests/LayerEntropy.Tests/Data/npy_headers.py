#!/usr/bin/python3
"""Prints the .npy headers NumPy itself writes, the reference for NpyWriter (run by NpyWriterTests.cs).

usage: npy_headers.py DESCR:ROWS:COLUMNS...

For each argument, one line: the argument and the hex of the format 1.0 header that np.save writes for a C-order
array of that dtype and shape (np.lib.format.write_array_header_1_0).

Needs Debian's python3-numpy. Exit code 3 when it is missing.
"""
import io
import sys

try:
    import numpy as np
except ImportError as e:
    print(f"missing python module ({e}); install python3-numpy, e.g. apt-get install python3-numpy")
    sys.exit(3)

for arg in sys.argv[1:]:
    descr, rows, columns = arg.split(":")
    f = io.BytesIO()
    np.lib.format.write_array_header_1_0(f, {"descr": descr, "fortran_order": False, "shape": (int(rows), int(columns))})
    print(arg, f.getvalue().hex())
