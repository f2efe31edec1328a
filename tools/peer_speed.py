#!/usr/bin/env python3
"""Times quantulum3, the most used open-source quantity extractor, over
every .txt file of a folder on one thread, and prints its MB/s.
Usage: peer_speed.py DIR  (run in a venv with quantulum3 installed)."""
import pathlib
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from quantulum3 import parser  # noqa: E402

texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
size = sum(len(t.encode("utf-8")) for t in texts)
start = time.perf_counter()
found = sum(len(parser.parse(t)) for t in texts)
seconds = time.perf_counter() - start
print(f"quantulum3: {len(texts)} documents, {size / 1e6:.2f} MB, {found} quantities in {seconds:.1f} s: "
      f"{size / 1e6 / seconds:.3f} MB/s")
