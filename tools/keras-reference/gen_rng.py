"""Golden vectors for numpy's legacy global RNG (``np.random.seed`` / ``RandomState``, MT19937).

Writes ``core/src/test/resources/numpy/rng.json`` (format: see FIXTURES.md, section "numpy/rng.json").

For every seed in SEEDS, each list below is produced right after a *fresh* ``np.random.seed(seed)``:

* ``next32``           12 raw tempered MT19937 words. Obtained with
                       ``np.random.randint(0, 2**32, size=12, dtype=np.uint32)`` (for the full uint32 range the
                       legacy bounded generator returns the untouched word); cross-checked here against a
                       pure-Python MT19937 (init_genrand + twist + tempering) and the published seed-42 vector.
* ``random_sample``    12 x ``np.random.random_sample()``
* ``uniform``          8 x ``np.random.uniform(-3.5, 7.25)``
* ``randint``          {str(n): 8 x ``np.random.randint(n)``} for n in RANDINT_NS (fresh seed per n)
* ``choice_int``       8 x ``np.random.choice(5)``
* ``choice_list``      8 x ``np.random.choice([0.1, 0.2, 0.3])``
* ``permutation_10``   ``np.random.permutation(10)``
* ``permutation_1000`` ``np.random.permutation(1000)``
* ``shuffle_7``        ``l = list(range(7)); np.random.shuffle(l)`` -> l
* ``interleaved``      [uniform(-20, 20), choice(3), choice(2), uniform(-0.1, 0.1), random(), random()]
                       (the draw pattern of ImageDataGenerator.get_random_transform with a rotation, a list
                       shift range, and the two always-drawn flip randoms)
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np

from common import resources, save_json

SEEDS = [0, 1, 42, 123456789, 4294967295]
RANDINT_NS = [1, 2, 3, 7, 10, 1000, 10**7, 2**31 + 5, 2**33 + 1]


def _mt19937_words(seed, count):
    """Pure-Python MT19937 (reference: Matsumoto & Nishimura mt19937ar.c, init_genrand)."""
    mt = [0] * 624
    mt[0] = seed & 0xFFFFFFFF
    for i in range(1, 624):
        mt[i] = (1812433253 * (mt[i - 1] ^ (mt[i - 1] >> 30)) + i) & 0xFFFFFFFF
    idx = 624
    out = []
    for _ in range(count):
        if idx >= 624:
            for k in range(624):
                y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7FFFFFFF)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            idx = 0
        y = mt[idx]
        idx += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        out.append(y)
    return out


def _ints(values):
    return [int(v) for v in values]


def _floats(values):
    return [float(v) for v in values]


def seed_vectors(seed):
    rec = {"seed": seed}

    np.random.seed(seed)
    words = _ints(np.random.randint(0, 2**32, size=12, dtype=np.uint32))
    assert words == _mt19937_words(seed, 12), f"randint(uint32 full range) is not raw for seed {seed}"
    rec["next32"] = words

    np.random.seed(seed)
    rec["random_sample"] = [float(np.random.random_sample()) for _ in range(12)]

    np.random.seed(seed)
    rec["uniform"] = [float(np.random.uniform(-3.5, 7.25)) for _ in range(8)]

    rec["randint"] = {}
    for n in RANDINT_NS:
        np.random.seed(seed)
        rec["randint"][str(n)] = [int(np.random.randint(n)) for _ in range(8)]

    np.random.seed(seed)
    rec["choice_int"] = [int(np.random.choice(5)) for _ in range(8)]

    np.random.seed(seed)
    rec["choice_list"] = [float(np.random.choice([0.1, 0.2, 0.3])) for _ in range(8)]

    np.random.seed(seed)
    rec["permutation_10"] = _ints(np.random.permutation(10))

    np.random.seed(seed)
    rec["permutation_1000"] = _ints(np.random.permutation(1000))

    np.random.seed(seed)
    lst = list(range(7))
    np.random.shuffle(lst)
    rec["shuffle_7"] = _ints(lst)

    np.random.seed(seed)
    rec["interleaved"] = [
        float(np.random.uniform(-20, 20)),
        int(np.random.choice(3)),
        int(np.random.choice(2)),
        float(np.random.uniform(-0.1, 0.1)),
        float(np.random.random()),
        float(np.random.random()),
    ]
    return rec


def main():
    # Sanity checks against the published vectors (spec section 2.2).
    assert _mt19937_words(42, 5) == [1608637542, 3421126067, 4083286876, 787846414, 3143890026]
    np.random.seed(42)
    assert list(np.random.permutation(10)) == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6]
    np.random.seed(0)
    assert float(np.random.random_sample()) == 0.5488135039273248

    data = {
        "numpy_version": np.__version__,
        "randint_ns": RANDINT_NS,
        "seeds": [seed_vectors(s) for s in SEEDS],
    }
    path = os.path.join(resources("core", "numpy"), "rng.json")
    save_json(path, data)
    print("wrote", path)


if __name__ == "__main__":
    main()
