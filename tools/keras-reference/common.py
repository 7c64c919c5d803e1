"""Shared helpers for the fixture generators: repository paths and deterministic writers."""
import gzip
import json
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def resources(module, *parts):
    """Returns (and creates) a test-resources directory of a Maven module."""
    path = os.path.join(ROOT, module, "src", "test", "resources", *parts)
    os.makedirs(path, exist_ok=True)
    return path


def save_npy(path, array):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.save(path, np.ascontiguousarray(array))


def save_gzip_text(path, text):
    """Writes text as UTF-8, gzip-compressed with mtime 0, so a re-run writes the same bytes."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as g:
            g.write(text.encode("utf-8"))


def save_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1, sort_keys=True, default=_default)
        f.write("\n")


def _default(o):
    if isinstance(o, np.integer):
        return int(o)
    if isinstance(o, np.floating):
        return float(o)
    if isinstance(o, np.ndarray):
        return o.tolist()
    if isinstance(o, np.bool_):
        return bool(o)
    raise TypeError(type(o))
