"""Golden fixtures for keras.random on the TensorFlow backend (tuna's SeedGenerator / KerasRandom / Philox port).

Writes augment/src/test/resources/layers/random.json: for several SeedGenerator seeds and sample counts, one
SeedGenerator per case and a fixed sequence of keras.random calls on it (so the stream advancing is covered too).
Float outputs are written as their float32 bit patterns (uint32) so the Java test compares bits. Also writes
normal_8192_seed1234.npy: keras.random.normal((8192,), seed=SeedGenerator(1234)).
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from common import resources, save_json, save_npy  # noqa: E402

SEEDS = [0, 1, 7, 42, 1337, 123456789, 2**31 + 5, 10**12, -3]
COUNTS = [1, 3, 4, 5, 13, 64]

# (op, args) in call order; every call draws one state from the case's SeedGenerator.
CALLS = [
    ("uniform", {"minval": 0.0, "maxval": 1.0}),
    ("uniform", {"minval": -0.3, "maxval": 0.7}),
    ("normal", {"mean": 0.0, "stddev": 1.0}),
    ("normal", {"mean": 2.0, "stddev": 255.0}),
    ("randint", {"minval": 0, "maxval": 10}),
    ("randint", {"minval": -5, "maxval": 1000}),
    ("randint64", {"minval": -7, "maxval": 3000000000}),
    ("randint_uint8", {"minval": 0, "maxval": 5}),
    ("shuffle", {}),
    ("gamma", {"alpha": 0.2}),
    ("gamma", {"alpha": 1.0}),
    ("gamma", {"alpha": 2.5}),
    ("beta", {"alpha": 0.2, "beta": 0.2}),
    ("beta", {"alpha": 1.3, "beta": 0.7}),
    ("uniform", {"minval": 0.9, "maxval": 1.1}),
]


def bits(a):
    return np.asarray(a, np.float32).view(np.uint32).tolist()


def draw(op, args, n, gen):
    r = keras.random
    if op == "uniform":
        return bits(r.uniform((n,), args["minval"], args["maxval"], seed=gen))
    if op == "normal":
        return bits(r.normal((n,), args["mean"], args["stddev"], seed=gen))
    if op == "randint":
        return np.asarray(r.randint((n,), args["minval"], args["maxval"], seed=gen)).tolist()
    if op == "randint64":
        return np.asarray(r.randint((n,), args["minval"], args["maxval"], seed=gen, dtype="int64")).tolist()
    if op == "randint_uint8":
        return np.asarray(r.randint((n,), args["minval"], args["maxval"], seed=gen, dtype="uint8")).tolist()
    if op == "shuffle":
        return np.asarray(r.shuffle(np.arange(n, dtype="int64"), seed=gen)).tolist()
    if op == "gamma":
        return bits(r.gamma((n,), args["alpha"], seed=gen))
    if op == "beta":
        return bits(r.beta((n,), args["alpha"], args["beta"], seed=gen))
    raise ValueError(op)


def main():
    cases = []
    for seed in SEEDS:
        for n in COUNTS:
            gen = keras.random.SeedGenerator(seed)
            draws = [{"op": op, "args": args, "values": draw(op, args, n, gen)} for op, args in CALLS]
            cases.append({"seed": seed, "n": n, "draws": draws})
    out = os.path.join(resources("augment", "layers"), "random.json")
    save_json(out, {"versions": {"keras": keras.__version__, "tensorflow": tf.__version__,
                                 "numpy": np.__version__}, "cases": cases})
    print("wrote", out, len(cases), "cases")
    # many normals from one draw: Box-Muller's glibc logf/sincosf rounding over a wide spread of inputs
    normals = keras.random.normal((8192,), seed=keras.random.SeedGenerator(1234))
    save_npy(os.path.join(resources("augment", "layers"), "normal_8192_seed1234.npy"), np.asarray(normals, "float32"))


if __name__ == "__main__":
    main()
