"""Golden fixtures for Keras' legacy ImageDataGenerator (keras.src.legacy.preprocessing.image, Keras 3.15.1).

Everything is written below ``augment/src/test/resources/keras/`` (formats: FIXTURES.md next to this file):

* ``images/``            input images (.npy, float32, HWC): random float images, integer-valued images,
                         the 150x150 ramp and the 5x7 spec images.
* ``apply_transform/``   ``cases.json`` + ``out_NNN.npy``: ``ImageDataGenerator(fill_mode, cval,
                         interpolation_order).apply_transform(x.copy(), params)`` for >= 400 explicit param dicts.
* ``random_transform/``  ``cases.json`` + ``out_NNN.npy``: ``get_random_transform(shape, seed)`` params and
                         ``random_transform(x, seed)`` outputs for ~30 generator configurations.
* ``flow/``              ``x.npy``, ``cases.json`` + per-call batch files: NumpyArrayIterator sequences
                         (``next``, ``__getitem__``, ``on_epoch_end``).
* ``directory/``         ``tree/`` (a small image tree written here with Pillow), ``decoded*/`` (PIL decodes of every
                         image), ``cases.json`` + per-call batch files of ``flow_from_directory``.
* ``fit/``               ``cases.json`` + npy: ``fit()`` statistics (mean, std, ZCA matrix) and ``standardize``.

Run through generate.sh (sets TF_CPP_MIN_LOG_LEVEL, PYTHONHASHSEED). Deterministic: every random choice comes
from a seeded ``np.random.RandomState`` (case construction) or from Keras' own use of the seeded global RNG.
Cases whose outcome would hinge on a floating-point knife edge (a sampling coordinate within 1e-6 of a point
where the sampler is discontinuous, or a value fed to the brightness quantiser within 1e-4 of an integer) are
re-drawn, so a port that computes in double with a different operation order still matches exactly.
"""
import contextlib
import io
import json
import math
import os
import shutil
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np
import scipy
import scipy.ndimage
import PIL
from PIL import Image

import keras
from keras.src.legacy.preprocessing.image import ImageDataGenerator
from keras.src.utils import image_utils

from common import resources, save_json, save_npy

OUT = resources("augment", "keras")
EPS_COORD = 1e-6
EPS_QUANT = 1e-4


def versions():
    return {
        "keras": keras.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pillow": PIL.__version__,
    }


def fresh_dir(*parts):
    path = os.path.join(OUT, *parts)
    if os.path.isdir(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path


def ptype(v):
    """Python type description of a constructor argument (JSON cannot tell int/float/tuple/list apart)."""
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "str"
    if isinstance(v, (list, tuple)):
        return f"{type(v).__name__}[{','.join(ptype(e) for e in v)}]"
    raise TypeError(type(v))


def jsonable(v):
    if isinstance(v, tuple):
        return [jsonable(e) for e in v]
    if isinstance(v, list):
        return [jsonable(e) for e in v]
    return v


def describe_kwargs(kwargs):
    return {k: jsonable(v) for k, v in kwargs.items()}, {k: ptype(v) for k, v in kwargs.items()}


def params_json(p):
    """Keras transform dict -> JSON (numpy scalars to Python; flips stay the 0/1 ints Keras produces)."""
    out = {}
    for k, v in p.items():
        if isinstance(v, (bool, np.bool_)):
            out[k] = int(v)
        elif isinstance(v, np.integer):
            out[k] = int(v)
        elif isinstance(v, np.floating):
            out[k] = float(v)
        else:
            out[k] = v
    return out


def params_types(p):
    return {k: type(v).__name__ for k, v in p.items()}


# --------------------------------------------------------------------------------------------------------------
# Capture of the scipy call (matrix/offset) to expose the final pull map and to detect knife edges.

_captured = []
_orig_affine = scipy.ndimage.affine_transform


def _capturing_affine(inp, matrix, offset=0.0, *args, **kwargs):
    _captured.append((np.array(matrix, dtype=np.float64), np.array(offset, dtype=np.float64)))
    return _orig_affine(inp, matrix, offset, *args, **kwargs)


scipy.ndimage.interpolation.affine_transform = _capturing_affine


def knife_edge_coords(matrix, offset, h, w, mode, order):
    """True if any output pixel samples within EPS_COORD of a discontinuity of scipy's sampler (conservative)."""
    r, c = np.meshgrid(np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij")
    rin = matrix[0, 0] * r + matrix[0, 1] * c + offset[0]
    cin = matrix[1, 0] * r + matrix[1, 1] * c + offset[1]
    for axis, (v, n) in enumerate(((rin, h), (cin, w))):
        if exact_axis(matrix, offset, axis):
            continue
        edges = [0.0, n - 1.0, -0.5, n - 0.5]
        for e in edges:
            if np.any(np.abs(v - e) < EPS_COORD):
                return True
        if order == 0 and np.any(np.abs(v - (np.floor(v) + 0.5)) < EPS_COORD):
            return True
        if mode == "wrap" and n > 1:
            p = n - 1.0
            if np.any(np.abs(v - p * np.round(v / p)) < EPS_COORD):
                return True
        if mode in ("reflect", "mirror") and n > 1:
            # period boundaries (conservative; scipy's continuous folding may be discontinuous there)
            for p in (2.0 * n, 2.0 * n - 2.0):
                for off in (0.0, -0.5, n - 1.0, n - 0.5):
                    if np.any(np.abs((v - off) - p * np.round((v - off) / p)) < EPS_COORD):
                        return True
    return False


def quantiser_knife_edge(x_before_brightness):
    """Brightness converts to uint8 by truncation; reject values too close to an integer (unless exact)."""
    x = np.asarray(x_before_brightness, dtype=np.float32)
    lo, hi = float(np.min(x)), float(np.max(x))
    if lo < 0 or hi > 255:
        y = x - np.min(x)
        m = np.max(y)
        if m != 0:
            y /= m
        y *= 255
        x = y
    frac = np.abs(x - np.round(x))
    bad = (frac > 0) & (frac < EPS_QUANT)
    return bool(np.any(bad))


def exact_axis(matrix, offset, axis):
    """True if the pull map along this axis is `i + k/2` exactly (no mixing, unit scale, (half-)integer offset):
    every coordinate is then exact in binary floating point, so ties/boundaries are deterministic, not knife
    edges (this is how pure integer / half-integer shifts look)."""
    other = 1 - axis
    return (matrix[axis, other] == 0 and matrix[axis, axis] == 1
            and float(offset[axis]) * 2 == math.floor(float(offset[axis]) * 2))


def run_apply(gen, x, params):
    """apply_transform with capture; returns (output, scipy matrix or None, offset or None, knife_edge flag)."""
    _captured.clear()
    out = gen.apply_transform(x.copy(), params)
    mat = off = None
    knife = False
    if _captured:
        mat, off = _captured[0]
        assert all(np.array_equal(m, mat) and np.array_equal(o, off) for m, o in _captured)
        knife = knife_edge_coords(mat, off, x.shape[0], x.shape[1], gen.fill_mode, gen.interpolation_order)
    if params.get("brightness") is not None and not knife:
        pre = dict(params)
        pre["brightness"] = None
        knife = quantiser_knife_edge(gen.apply_transform(x.copy(), pre))
    _captured.clear()
    return out, mat, off, knife


# --------------------------------------------------------------------------------------------------------------
# a. images

RANDOM_SHAPES = [(5, 7, 1), (12, 12, 3), (16, 10, 3), (10, 16, 1), (24, 24, 3), (32, 32, 3), (9, 9, 4)]
INT_SHAPES = [(12, 12, 1), (16, 10, 3), (9, 9, 4), (24, 24, 3)]
IMAGES = {}


def shape_name(s):
    return "x".join(str(d) for d in s)


def gen_images():
    d = fresh_dir("images")
    rs = np.random.RandomState(1234)
    for s in RANDOM_SHAPES:
        IMAGES[f"img_{shape_name(s)}.npy"] = rs.uniform(0, 255, size=s).astype(np.float32)
    rs = np.random.RandomState(4321)
    for s in INT_SHAPES:
        IMAGES[f"int_{shape_name(s)}.npy"] = rs.randint(0, 256, size=s).astype(np.float32)
    r, c = np.meshgrid(np.arange(150), np.arange(150), indexing="ij")
    IMAGES["ramp_150x150x1.npy"] = (2 * r + 3 * c + 1).astype(np.float32)[..., None]
    r, c = np.meshgrid(np.arange(5), np.arange(7), indexing="ij")
    v = (10 * r + c).astype(np.float32)
    IMAGES["spec_5x7x1.npy"] = v[..., None]
    IMAGES["spec_5x7x3.npy"] = np.stack([3 * v, 2 * v + 50, 200 - v], axis=-1).astype(np.float32)
    for name, arr in IMAGES.items():
        save_npy(os.path.join(d, name), arr)
    print(f"images: {len(IMAGES)} files")


# --------------------------------------------------------------------------------------------------------------
# b. apply_transform

MODES = ["constant", "nearest", "reflect", "wrap", "mirror"]
NEUTRAL = {
    "theta": 0,
    "tx": 0,
    "ty": 0,
    "shear": 0,
    "zx": 1,
    "zy": 1,
    "flip_horizontal": 0,
    "flip_vertical": 0,
    "channel_shift_intensity": None,
    "brightness": None,
}


def random_params(rs, allow_brightness):
    p = dict(NEUTRAL)
    if rs.rand() < 0.75:
        p["theta"] = float(rs.uniform(-180, 180))
    if rs.rand() < 0.6:
        kind = rs.rand()
        if kind < 0.2:  # integer pixel shifts
            p["tx"] = int(rs.randint(-6, 7))
            p["ty"] = int(rs.randint(-6, 7))
        else:
            p["tx"] = float(rs.uniform(-6, 6)) if rs.rand() < 0.85 else 0
            p["ty"] = float(rs.uniform(-6, 6)) if rs.rand() < 0.85 else 0
    if rs.rand() < 0.5:
        p["shear"] = float(rs.uniform(-30, 30))
    if rs.rand() < 0.6:
        p["zx"] = float(rs.uniform(0.6, 1.5)) if rs.rand() < 0.85 else 1
        p["zy"] = float(rs.uniform(0.6, 1.5)) if rs.rand() < 0.85 else 1
    p["flip_horizontal"] = int(rs.rand() < 0.4)
    p["flip_vertical"] = int(rs.rand() < 0.3)
    if rs.rand() < 0.25:
        p["channel_shift_intensity"] = float(rs.uniform(-40, 40))
    if allow_brightness and rs.rand() < 0.12:
        p["brightness"] = float(rs.uniform(0.3, 1.8))
    return p


def gen_apply_transform():
    d = fresh_dir("apply_transform")
    rs = np.random.RandomState(20240601)
    cases = []
    rejected = 0

    def add(image, params, fill_mode, cval, order, note=None, check=True):
        nonlocal rejected
        gen = ImageDataGenerator(fill_mode=fill_mode, cval=cval, interpolation_order=order)
        x = IMAGES[image]
        out, mat, off, knife = run_apply(gen, x, params)
        if knife and check:
            rejected += 1
            return False
        assert out.dtype == np.float32 and out.shape == x.shape, (out.dtype, out.shape)
        idx = len(cases)
        name = f"out_{idx:03d}.npy"
        save_npy(os.path.join(d, name), out)
        case = {
            "id": idx,
            "image": image,
            "params": params,
            "fill_mode": fill_mode,
            "cval": cval,
            "interpolation_order": order,
            "output": name,
            "resampled": mat is not None,
            "scipy_matrix": None if mat is None else mat.tolist(),
            "scipy_offset": None if off is None else off.tolist(),
            "knife_edge": bool(knife),
        }
        if note:
            case["note"] = note
        cases.append(case)
        return True

    # Pure identity (no resampling at all: the array is returned untouched).
    for i, img in enumerate(["img_5x7x1.npy", "img_12x12x3.npy", "img_9x9x4.npy", "img_16x10x3.npy"]):
        add(img, dict(NEUTRAL), MODES[i % 5], 0.0, i % 2, note="identity")
    # Spec section 3.5 (a)-(e) on the 150x150 ramp, nearest, order 1.
    spec = [
        {"theta": 30},
        {"tx": 15, "ty": -10},
        {"shear": 20},
        {"zx": 0.8, "zy": 1.25},
        {"theta": 30, "tx": 15, "ty": -10, "shear": 20, "zx": 0.8, "zy": 1.25},
    ]
    for k, s in enumerate(spec):
        p = dict(NEUTRAL)
        p.update(s)
        add("ramp_150x150x1.npy", p, "nearest", 0.0, 1, note=f"spec 3.5 ({'abcde'[k]})", check=False)
    # Exact (half-)integer shifts in every mode/order: tie rounding and boundary rules without float noise.
    shift_imgs = ["img_5x7x1.npy", "img_10x16x1.npy", "img_12x12x3.npy", "int_16x10x3.npy", "img_9x9x4.npy"]
    for k, mode in enumerate(MODES):
        for order in (0, 1):
            p = dict(NEUTRAL)
            p["tx"] = [2, -3, 0.5, -1.5, 4][k]
            p["ty"] = [-2, 0, 1.5, 3, -0.5][(k + order) % 5]
            add(shift_imgs[(k + order) % 5], p, mode, [0.0, 17.5, -3.0][(k + order) % 3], order,
                note="exact shift", check=False)
    # Only flips / only channel shift / only brightness (no resampling).
    for k, (fh, fv) in enumerate([(1, 0), (0, 1), (1, 1)]):
        p = dict(NEUTRAL)
        p["flip_horizontal"], p["flip_vertical"] = fh, fv
        add(["img_16x10x3.npy", "img_5x7x1.npy", "img_9x9x4.npy"][k], p, "nearest", 0.0, 1, note="flips only")
    for k, cs in enumerate([25.0, -37.5, 300.0]):
        p = dict(NEUTRAL)
        p["channel_shift_intensity"] = cs
        add(["img_12x12x3.npy", "img_10x16x1.npy", "int_9x9x4.npy"][k], p, "nearest", 0.0, 1,
            note="channel shift only")
    for k, b in enumerate([0.5, 1.5, 0.3333, 1.0, 0.0, 2.75]):
        p = dict(NEUTRAL)
        p["brightness"] = b
        add(["int_16x10x3.npy", "int_12x12x1.npy", "int_9x9x4.npy", "img_12x12x3.npy", "int_24x24x3.npy",
             "int_16x10x3.npy"][k], p, "nearest", 0.0, 1, note="brightness only")
    # Brightness on data outside 0..255 (local_scale path): constant fill with a negative cval.
    for k in range(6):
        while True:
            p = random_params(rs, False)
            p["theta"] = float(rs.uniform(-180, 180))
            p["brightness"] = float(rs.uniform(0.4, 1.6))
            img = ["int_16x10x3.npy", "int_12x12x1.npy", "img_24x24x3.npy"][k % 3]
            if add(img, p, "constant", -3.0, k % 2, note="brightness with values < 0 (local_scale)"):
                break

    # Random cases, modes cycled evenly.
    all_imgs = [f"img_{shape_name(s)}.npy" for s in RANDOM_SHAPES]
    int_imgs = [f"int_{shape_name(s)}.npy" for s in INT_SHAPES]
    target = 420
    i = 0
    while len(cases) < target:
        mode = MODES[i % 5]
        order = (i // 5) % 2
        use_int = rs.rand() < 0.2
        img = int_imgs[(i // 10) % len(int_imgs)] if use_int else all_imgs[(i // 10 + i) % len(all_imgs)]
        cval = [0.0, 17.5, -3.0][(i // 3) % 3]
        p = random_params(rs, True)
        if add(img, p, mode, cval, order):
            i += 1

    save_json(os.path.join(d, "cases.json"), {"versions": versions(), "cases": cases})
    counts = {m: sum(1 for c in cases if c["fill_mode"] == m) for m in MODES}
    print(f"apply_transform: {len(cases)} cases, {rejected} knife-edge draws rejected, per mode {counts}, "
          f"brightness {sum(1 for c in cases if c['params']['brightness'] is not None)}")


# --------------------------------------------------------------------------------------------------------------
# c. random_transform

LECTURE = dict(rotation_range=30, width_shift_range=0.2, height_shift_range=0.2, shear_range=10, zoom_range=0.2,
               horizontal_flip=True, fill_mode="nearest")

RANDOM_TRANSFORM_CONFIGS = [
    ("rotation only", dict(rotation_range=40), "img_12x12x3.npy", 1),
    ("rotation constant cval", dict(rotation_range=15, fill_mode="constant", cval=17.5), "img_16x10x3.npy", 2),
    ("width shift float", dict(width_shift_range=0.2), "img_16x10x3.npy", 3),
    ("width shift int", dict(width_shift_range=3), "img_10x16x1.npy", 4),
    ("width shift list", dict(width_shift_range=[0.1, 0.25]), "img_12x12x3.npy", 5),
    ("width shift tuple", dict(width_shift_range=(-4, 4)), "img_24x24x3.npy", 6),
    ("height shift float reflect", dict(height_shift_range=0.3, fill_mode="reflect"), "img_10x16x1.npy", 7),
    ("height shift int wrap", dict(height_shift_range=5, fill_mode="wrap"), "img_12x12x3.npy", 8),
    ("height shift list mixed", dict(height_shift_range=[2, 3.5]), "img_16x10x3.npy", 9),
    ("height shift tuple floats", dict(height_shift_range=(0.05, 0.1)), "img_32x32x3.npy", 10),
    ("int 1 is always 0, float 1.0 is +-1px", dict(width_shift_range=1, height_shift_range=1.0),
     "img_12x12x3.npy", 11),
    ("width shift float >= 1 (pixels)", dict(width_shift_range=2.5, fill_mode="mirror"), "img_10x16x1.npy", 12),
    ("shear mirror", dict(shear_range=25, fill_mode="mirror"), "img_24x24x3.npy", 13),
    ("zoom scalar", dict(zoom_range=0.3), "img_16x10x3.npy", 14),
    ("zoom list", dict(zoom_range=[0.7, 1.1], fill_mode="constant"), "img_12x12x3.npy", 15),
    ("zoom tuple unsorted", dict(zoom_range=(1.2, 0.8)), "img_10x16x1.npy", 16),
    ("zoom [1,1] draws nothing", dict(zoom_range=[1, 1], brightness_range=(0.9, 1.1)), "int_16x10x3.npy", 17),
    ("zoom 2 -> [-1, 3] (seed searched: a negative zoom)", dict(zoom_range=2, fill_mode="reflect"),
     "img_12x12x3.npy", 18, lambda p: p["zx"] < 0 or p["zy"] < 0),
    ("channel shift", dict(channel_shift_range=30), "img_24x24x3.npy", 19),
    ("flips (seed searched: both flips)", dict(horizontal_flip=True, vertical_flip=True), "img_16x10x3.npy", 20,
     lambda p: p["flip_horizontal"] and p["flip_vertical"]),
    ("flips (seed searched: vertical only)", dict(horizontal_flip=True, vertical_flip=True), "img_10x16x1.npy",
     30, lambda p: not p["flip_horizontal"] and p["flip_vertical"]),
    ("brightness tuple int image", dict(brightness_range=(0.5, 1.5)), "int_16x10x3.npy", 21),
    ("brightness list gray", dict(brightness_range=[0.8, 1.2]), "int_12x12x1.npy", 22),
    ("brightness rgba", dict(brightness_range=(0.6, 1.4), rotation_range=10), "int_9x9x4.npy", 23),
    ("lecture augmentation (seed searched: flipped)", dict(LECTURE), "img_32x32x3.npy", 24,
     lambda p: p["flip_horizontal"]),
    ("everything, constant -3, brightness (local_scale)",
     dict(rotation_range=25, width_shift_range=0.15, height_shift_range=[-2, 2], shear_range=12,
          zoom_range=[0.8, 1.3], channel_shift_range=20, horizontal_flip=True, vertical_flip=True,
          brightness_range=(0.7, 1.3), fill_mode="constant", cval=-3.0), "int_24x24x3.npy", 25),
    ("order 0", dict(rotation_range=45, zoom_range=0.25, interpolation_order=0, fill_mode="wrap"),
     "img_16x10x3.npy", 26),
    ("rotation 180 wrap order 0 (seed searched: |theta| > 120)",
     dict(rotation_range=180, fill_mode="wrap", interpolation_order=0), "img_5x7x1.npy", 27,
     lambda p: abs(p["theta"]) > 120),
    ("rotation 90 vflip constant", dict(rotation_range=90, vertical_flip=True, fill_mode="constant"),
     "img_24x24x3.npy", 28),
    ("no augmentation", dict(), "img_12x12x3.npy", 0),
    ("4 channels everything", dict(rotation_range=20, width_shift_range=0.1, height_shift_range=0.1,
                                   channel_shift_range=10, horizontal_flip=True), "img_9x9x4.npy", 29),
]

SPEC_RANDOM_TRANSFORM = [
    ("spec 3.12 (1)", dict(rotation_range=30, zoom_range=0.2, fill_mode="nearest"), "spec_5x7x1.npy", 1),
    ("spec 3.12 (2)", dict(width_shift_range=0.2, height_shift_range=0.2, shear_range=15, horizontal_flip=True,
                           vertical_flip=True, channel_shift_range=20, brightness_range=(0.7, 1.3),
                           fill_mode="constant", cval=0), "spec_5x7x3.npy", 123),
]

SPEC_2_3 = dict(rotation_range=20, width_shift_range=0.1, height_shift_range=[-8, 0, 8], shear_range=10,
                zoom_range=0.2, channel_shift_range=15, horizontal_flip=True, vertical_flip=False,
                brightness_range=(0.8, 1.2))


def words_consumed_since_seed():
    """32-bit words drawn since the last np.random.seed (valid while fewer than 624 were drawn)."""
    pos = np.random.get_state()[2]
    return int(pos)


def gen_random_transform():
    d = fresh_dir("random_transform")
    cases = []

    def add(label, kwargs, image, seed, search, want=None):
        gen = ImageDataGenerator(**kwargs)
        x = IMAGES[image]
        for _ in range(200):
            params = gen.get_random_transform(x.shape, seed=seed)
            words = words_consumed_since_seed()
            _, _, _, knife = run_apply(gen, x, params)
            if not search or (not knife and (want is None or want(params))):
                break
            seed += 1000 if knife else 1
        else:
            raise AssertionError(f"no knife-edge-free seed found for {label}")
        out = gen.random_transform(x.copy(), seed=seed)
        again = gen.apply_transform(x.copy(), gen.get_random_transform(x.shape, seed=seed))
        assert np.array_equal(out, again)
        assert out.dtype == np.float32
        idx = len(cases)
        name = f"out_{idx:03d}.npy"
        save_npy(os.path.join(d, name), out)
        cfg, types = describe_kwargs(kwargs)
        cases.append({
            "id": idx,
            "label": label,
            "generator": cfg,
            "python_types": types,
            "image": image,
            "shape": list(x.shape),
            "seed": seed,
            "params": params_json(params),
            "params_python_types": params_types(params),
            "words_consumed": words,
            "output": name,
            "knife_edge": bool(knife),
        })

    for label, kwargs, image, seed, *want in RANDOM_TRANSFORM_CONFIGS:
        add(label, kwargs, image, seed, True, want[0] if want else None)
    for label, kwargs, image, seed in SPEC_RANDOM_TRANSFORM:
        add(label, kwargs, image, seed, False)

    # Spec section 2.3: params only for shape (150, 200, 3), seed 7.
    gen = ImageDataGenerator(**SPEC_2_3)
    params = gen.get_random_transform((150, 200, 3), seed=7)
    words = words_consumed_since_seed()
    assert params["theta"] == -16.947668425041712 and params["ty"] == -2.463630742364259
    cfg, types = describe_kwargs(SPEC_2_3)
    cases.append({
        "id": len(cases),
        "label": "spec 2.3 (params only)",
        "generator": cfg,
        "python_types": types,
        "image": None,
        "shape": [150, 200, 3],
        "seed": 7,
        "params": params_json(params),
        "params_python_types": params_types(params),
        "words_consumed": words,
        "output": None,
        "knife_edge": False,
    })
    save_json(os.path.join(d, "cases.json"), {"versions": versions(), "cases": cases})
    print(f"random_transform: {len(cases)} cases; knife-edge kept: "
          f"{[c['label'] for c in cases if c['knife_edge']]}")


# --------------------------------------------------------------------------------------------------------------
# Iterator recording (flow and flow_from_directory)

def record_calls(it, ops, d, prefix, has_y, has_sw):
    captured = []
    orig = it._get_batches_of_transformed_samples

    def capture(index_array):
        captured.append(np.array(index_array).copy())
        return orig(index_array)

    it._get_batches_of_transformed_samples = capture
    calls = []
    k = 0
    for op in ops:
        if op == "on_epoch_end":
            it.on_epoch_end()
            calls.append({"op": "on_epoch_end", "index_array_after": [int(v) for v in it.index_array]})
            continue
        captured.clear()
        if op == "next":
            batch = next(it)
            rec = {"op": "next"}
        else:
            batch = it[op[1]]
            rec = {"op": "getitem", "idx": int(op[1])}
        if has_y:
            bx, by = batch[0], batch[1]
            bsw = batch[2] if has_sw else None
        else:
            bx, by, bsw = batch, None, None
        rec["indices"] = [int(v) for v in captured[0]]
        base = f"{prefix}_{k:02d}"
        save_npy(os.path.join(d, base + "_x.npy"), bx)
        rec["x"] = base + "_x.npy"
        rec["x_shape"] = list(bx.shape)
        if by is not None:
            save_npy(os.path.join(d, base + "_y.npy"), by)
            rec["y"] = base + "_y.npy"
            rec["y_dtype"] = str(by.dtype)
        else:
            rec["y"] = None
        if bsw is not None:
            save_npy(os.path.join(d, base + "_sw.npy"), bsw)
            rec["sample_weight"] = base + "_sw.npy"
        rec["batch_index_after"] = int(it.batch_index)
        rec["total_batches_seen_after"] = int(it.total_batches_seen)
        calls.append(rec)
        k += 1
    return calls


# --------------------------------------------------------------------------------------------------------------
# d. flow

AUG_FLOW = dict(rotation_range=30, width_shift_range=0.2, height_shift_range=0.2, zoom_range=0.2, shear_range=10,
                horizontal_flip=True, fill_mode="nearest", rescale=1 / 255)


def gen_flow():
    d = fresh_dir("flow")
    x = np.random.RandomState(99).uniform(0, 255, size=(13, 12, 12, 3)).astype(np.float32)
    save_npy(os.path.join(d, "x.npy"), x)
    cases = []

    def add(label, gen_kwargs, n, y, flow_kwargs, ops, sample_weight=None):
        gen = ImageDataGenerator(**gen_kwargs)
        kwargs = dict(flow_kwargs)
        it = gen.flow(x[:n], y, sample_weight=sample_weight, **kwargs)
        idx = len(cases)
        calls = record_calls(it, ops, d, f"c{idx:02d}", y is not None, sample_weight is not None)
        cfg, types = describe_kwargs(gen_kwargs)
        fk, ftypes = describe_kwargs(kwargs)
        cases.append({
            "id": idx,
            "label": label,
            "generator": cfg,
            "python_types": types,
            "n": n,
            "y": None if y is None else [int(v) for v in y],
            "sample_weight": None if sample_weight is None else [float(v) for v in sample_weight],
            "flow": fk,
            "flow_python_types": ftypes,
            "len": len(it),
            "iterator_n": int(it.n),
            "subset_offset": (int(n * gen._validation_split) if kwargs.get("subset") == "training" else 0),
            "calls": calls,
        })

    ar10 = np.arange(10)
    add("plain next (spec 5.1)", {}, 10, ar10, dict(batch_size=4, shuffle=True, seed=42), ["next"] * 6)
    add("plain random access (spec 5.1)", {}, 10, ar10, dict(batch_size=4, shuffle=True, seed=42),
        [("getitem", 0), ("getitem", 1), ("getitem", 2), "on_epoch_end", ("getitem", 0), ("getitem", 1),
         ("getitem", 2)])
    add("augmenting next", AUG_FLOW, 13, np.arange(13), dict(batch_size=4, shuffle=True, seed=7), ["next"] * 5)
    add("augmenting random access, out of order", AUG_FLOW, 13, np.arange(13),
        dict(batch_size=4, shuffle=True, seed=7),
        [("getitem", 0), ("getitem", 1), ("getitem", 2), ("getitem", 3), "on_epoch_end", ("getitem", 3),
         ("getitem", 0), ("getitem", 2), ("getitem", 1)])
    vs = dict(rotation_range=10, validation_split=0.3)
    y3 = np.arange(13) % 3
    add("validation_split 0.3 training", vs, 13, y3, dict(batch_size=4, shuffle=True, seed=11, subset="training"),
        ["next"] * 4)
    add("validation_split 0.3 validation", vs, 13, y3,
        dict(batch_size=2, shuffle=False, seed=11, subset="validation"), ["next"] * 3)
    add("sample_weight, horizontal_flip", dict(horizontal_flip=True), 10, ar10,
        dict(batch_size=3, shuffle=True, seed=3), ["next"] * 5, sample_weight=np.linspace(0.5, 1.4, 10))
    add("no shuffle, no seed, plain", {}, 10, ar10, dict(batch_size=4, shuffle=False), ["next"] * 4)
    add("y None, vertical flip", dict(vertical_flip=True), 13, None, dict(batch_size=5, shuffle=True, seed=1),
        ["next"] * 4)
    save_json(os.path.join(d, "cases.json"), {"versions": versions(), "x": "x.npy", "cases": cases})
    print(f"flow: {len(cases)} cases")


# --------------------------------------------------------------------------------------------------------------
# e. directory

# (relative path, PIL mode, (width, height), save kwargs)
TREE = [
    ("Birds/b1.png", "RGB", (20, 30), {}),
    ("Birds/b2.jpg", "RGB", (33, 21), {"quality": 92, "subsampling": 0}),
    ("Birds/b3.bmp", "RGB", (16, 16), {}),
    ("cats/c1.png", "L", (24, 20), {}),
    ("cats/c2.png", "RGBA", (30, 20), {}),
    ("cats/c3.jpeg", "RGB", (16, 16), {"quality": 95, "subsampling": 0}),
    ("cats/c4.bmp", "RGB", (7, 9), {}),
    ("cats/c5.png", "P", (18, 12), {}),
    ("cats/c7png", "RGB", (12, 18), {"format": "PNG"}),
    ("cats/c6.gif", "RGB", (10, 10), {}),
    ("dogs/d1.png", "RGB", (40, 13), {}),
    ("dogs/d10.png", "RGB", (24, 20), {}),
    ("dogs/d2.png", "RGB", (21, 33), {}),
    ("dogs/d3.JPG", "RGB", (20, 30), {"quality": 90, "subsampling": 0}),
    ("dogs/sub/d4.bmp", "RGB", (17, 23), {}),
    ("dogs/sub-x/d6.png", "RGB", (16, 16), {}),
    ("dogs/sub/deep/d8.png", "L", (26, 14), {}),
    ("stray.png", "RGB", (8, 8), {}),
]
TEXT_FILES = {"notes.txt": "not an image; ignored (directly in the root)\n",
              "cats/readme.txt": "not an image; ignored (wrong extension)\n"}


def make_picture(rs, mode, size):
    w, h = size
    r, c = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
    base = np.stack([255 * r / max(h - 1, 1), 255 * c / max(w - 1, 1), 128 + 100 * np.sin(r + c)], axis=-1)
    noise = rs.uniform(-60, 60, size=(h, w, 3))
    rgb = np.clip(base + noise, 0, 255).astype(np.uint8)
    if mode == "RGB":
        return Image.fromarray(rgb, "RGB")
    if mode == "L":
        return Image.fromarray(rgb[..., 0], "L")
    if mode == "RGBA":
        alpha = rs.randint(0, 256, size=(h, w)).astype(np.uint8)
        return Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
    if mode == "P":
        return Image.fromarray(rgb, "RGB").quantize(colors=16, method=Image.Quantize.MEDIANCUT, dither=0)
    raise ValueError(mode)


def build_tree(root):
    rs = np.random.RandomState(7)
    for rel, mode, size, kw in TREE:
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        img = make_picture(rs, mode, size)
        img.save(path, **kw)
    for rel, text in TEXT_FILES.items():
        with open(os.path.join(root, rel), "w") as f:
            f.write(text)


LECTURE_DIR = dict(rotation_range=30, width_shift_range=0.2, height_shift_range=0.2, shear_range=10,
                   zoom_range=0.2, horizontal_flip=True, fill_mode="nearest", rescale=1 / 255)

DIRECTORY_CASES = [
    ("(i) plain rgb categorical", {}, dict(target_size=(16, 16), batch_size=5, shuffle=False,
                                           class_mode="categorical", color_mode="rgb"), ["next"] * 5),
    ("(ii) lecture augmentation", LECTURE_DIR, dict(target_size=(20, 24), batch_size=4, shuffle=True, seed=3),
     ["next"] * 4),
    ("(iii-a) sparse grayscale bilinear", {}, dict(target_size=(12, 10), batch_size=6, shuffle=False,
                                                   class_mode="sparse", color_mode="grayscale",
                                                   interpolation="bilinear"), ["next"] * 3),
    ("(iii-b) binary rgba nearest keep_aspect_ratio", {}, dict(target_size=(16, 16), batch_size=4, shuffle=True,
                                                               seed=5, class_mode="binary", color_mode="rgba",
                                                               interpolation="nearest", keep_aspect_ratio=True),
     ["next"] * 4),
    ("(iii-c) input rgb bilinear keep_aspect_ratio", {}, dict(target_size=(10, 14), batch_size=5, shuffle=False,
                                                              class_mode="input", color_mode="rgb",
                                                              interpolation="bilinear", keep_aspect_ratio=True),
     ["next"] * 2),
    ("(iii-d) class_mode None rgba", {}, dict(target_size=(8, 8), batch_size=16, shuffle=False, class_mode=None,
                                              color_mode="rgba"), ["next"]),
    ("(iii-e) sparse grayscale nearest keep_aspect_ratio, rescale",
     dict(rescale=1 / 255), dict(target_size=(9, 13), batch_size=8, shuffle=False, class_mode="sparse",
                                 color_mode="grayscale", interpolation="nearest", keep_aspect_ratio=True),
     ["next"] * 2),
    ("(iii-f) rgb bilinear upscale, channel shift + brightness",
     dict(channel_shift_range=20, brightness_range=(0.6, 1.4)),
     dict(target_size=(40, 36), batch_size=4, shuffle=True, seed=21, interpolation="bilinear"), ["next"] * 2),
    ("(iv) validation_split 0.34 validation", dict(rotation_range=10, rescale=1 / 255, validation_split=0.34),
     dict(target_size=(16, 16), batch_size=4, shuffle=False, seed=8, subset="validation"), ["next"] * 2),
    ("(iv) validation_split 0.34 training", dict(rotation_range=10, rescale=1 / 255, validation_split=0.34),
     dict(target_size=(16, 16), batch_size=4, shuffle=True, seed=9, subset="training"), ["next"] * 3),
    ("(v) explicit classes", {}, dict(target_size=(16, 16), batch_size=5, shuffle=False, classes=["dogs", "cats"]),
     ["next"] * 3),
    ("(vi) explicit classes with a missing folder", {}, dict(target_size=(8, 8), batch_size=8, shuffle=False,
                                                             classes=["dogs", "cats", "zebras"],
                                                             class_mode="sparse"), ["next"] * 2),
    ("(vii) random access", dict(horizontal_flip=True, vertical_flip=True),
     dict(target_size=(16, 16), batch_size=5, shuffle=True, seed=1, class_mode="sparse"),
     [("getitem", 0), ("getitem", 3), ("getitem", 1), "on_epoch_end", ("getitem", 0), ("getitem", 2)]),
]


def gen_directory():
    d = fresh_dir("directory")
    tree = os.path.join(d, "tree")
    build_tree(tree)

    # Decodes of every file Keras would accept (plus the excluded GIF and root stray file, for completeness).
    decoded = []
    for rel, mode, size, kw in TREE:
        path = os.path.join(tree, rel)
        entry = {"file": rel, "pil_mode": Image.open(path).mode, "pil_format": Image.open(path).format,
                 "width": size[0], "height": size[1]}
        for cm, sub in (("rgb", "decoded"), ("grayscale", "decoded_grayscale"), ("rgba", "decoded_rgba")):
            arr = image_utils.img_to_array(image_utils.load_img(path, color_mode=cm))
            save_npy(os.path.join(d, sub, rel + ".npy"), arr)
            entry[cm] = f"{sub}/{rel}.npy"
        decoded.append(entry)

    cases = []
    for label, gen_kwargs, flow_kwargs, ops in DIRECTORY_CASES:
        gen = ImageDataGenerator(**gen_kwargs)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            it = gen.flow_from_directory(tree, **flow_kwargs)
        idx = len(cases)
        has_y = flow_kwargs.get("class_mode", "categorical") is not None
        # What load_img + img_to_array give before augmentation/standardize (resize and colour conversion only).
        ts = tuple(flow_kwargs.get("target_size", (256, 256)))
        cm = flow_kwargs.get("color_mode", "rgb")
        interp = flow_kwargs.get("interpolation", "nearest")
        kar = bool(flow_kwargs.get("keep_aspect_ratio", False))
        key = f"{ts[0]}x{ts[1]}_{cm}_{interp}{'_kar' if kar else ''}"
        loaded = {}
        for rel in it.filenames:
            name = f"loaded/{key}/{rel}.npy"
            path = os.path.join(d, name)
            if not os.path.exists(path):
                img = image_utils.load_img(os.path.join(tree, rel), color_mode=cm, target_size=ts,
                                           interpolation=interp, keep_aspect_ratio=kar)
                save_npy(path, image_utils.img_to_array(img))
            loaded[rel] = name
        calls = record_calls(it, ops, d, f"c{idx:02d}", has_y, False)
        cfg, types = describe_kwargs(gen_kwargs)
        fk, ftypes = describe_kwargs(flow_kwargs)
        cases.append({
            "id": idx,
            "label": label,
            "generator": cfg,
            "python_types": types,
            "directory": "tree",
            "flow_from_directory": fk,
            "flow_python_types": ftypes,
            "printed": buf.getvalue(),
            "warnings": [str(w.message) for w in caught],
            "class_indices": {k: int(v) for k, v in it.class_indices.items()},
            "class_names": sorted(it.class_indices, key=it.class_indices.get),
            "filenames": list(it.filenames),
            "classes": [int(v) for v in it.classes],
            "samples": int(it.samples),
            "len": len(it),
            "image_shape": list(it.image_shape),
            "loaded": loaded,
            "calls": calls,
        })
    from PIL import features
    vers = dict(versions(), libjpeg_turbo=features.version("libjpeg_turbo"))
    save_json(os.path.join(d, "cases.json"), {"versions": vers, "tree": "tree", "files": decoded,
                                              "cases": cases})
    print(f"directory: {len(cases)} cases, {len(decoded)} decoded files")


# --------------------------------------------------------------------------------------------------------------
# f. fit / standardize

def gen_fit():
    d = fresh_dir("fit")
    data = np.random.RandomState(5).uniform(0, 255, size=(20, 8, 8, 3)).astype(np.float32)
    zdata = np.random.RandomState(6).uniform(0, 255, size=(300, 6, 6, 1)).astype(np.float32)
    ndata = np.random.RandomState(8).uniform(0, 255, size=(20, 4, 4, 3)).astype(np.float32)
    save_npy(os.path.join(d, "data_20x8x8x3.npy"), data)
    save_npy(os.path.join(d, "data_300x6x6x1.npy"), zdata)
    save_npy(os.path.join(d, "data_20x4x4x3.npy"), ndata)
    spec_px = np.array([0, 255, 100, 155], dtype=np.float32).reshape(2, 2, 1)
    save_npy(os.path.join(d, "spec_2x2x1.npy"), spec_px)
    adata = np.arange(24, dtype=np.float32).reshape(2, 2, 2, 3)
    save_npy(os.path.join(d, "arange_2x2x2x3.npy"), adata)
    arrays = {"data_20x8x8x3.npy": data, "data_300x6x6x1.npy": zdata, "data_20x4x4x3.npy": ndata,
              "arange_2x2x2x3.npy": adata}
    cases = []

    def add(label, gen_kwargs, fit, samples, preprocessing=None):
        kwargs = dict(gen_kwargs)
        if preprocessing == "x + 10":
            kwargs["preprocessing_function"] = lambda x: x + 10
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            gen = ImageDataGenerator(**kwargs)
            ctor_warnings = [str(w.message) for w in caught]
        idx = len(cases)
        rec = {"id": idx, "label": label}
        rec["generator"], rec["python_types"] = describe_kwargs(gen_kwargs)
        rec["preprocessing_function"] = preprocessing
        rec["constructor_warnings"] = ctor_warnings
        rec["effective"] = {"featurewise_center": bool(gen.featurewise_center),
                            "featurewise_std_normalization": bool(gen.featurewise_std_normalization),
                            "samplewise_center": bool(gen.samplewise_center),
                            "samplewise_std_normalization": bool(gen.samplewise_std_normalization),
                            "zca_whitening": bool(gen.zca_whitening)}
        if fit is not None:
            arr = arrays[fit["data"]]
            gen.fit(arr, augment=fit.get("augment", False), rounds=fit.get("rounds", 1), seed=fit.get("seed"))
        rec["fit"] = fit
        for attr in ("mean", "std", "zca_whitening_matrix"):
            v = getattr(gen, attr)
            if v is None:
                rec[attr] = None
            else:
                name = f"c{idx:02d}_{attr}.npy"
                save_npy(os.path.join(d, name), v)
                rec[attr] = name
                rec[attr + "_dtype"] = str(v.dtype)
                rec[attr + "_shape"] = list(v.shape)
        std_recs = []
        for k, (src, i) in enumerate(samples):
            xin = (spec_px if src == "spec_2x2x1.npy" else arrays[src][i]).copy()
            inp_name = f"c{idx:02d}_s{k}_in.npy"
            save_npy(os.path.join(d, inp_name), xin)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                out = gen.standardize(xin.copy())
            out_name = f"c{idx:02d}_s{k}_out.npy"
            save_npy(os.path.join(d, out_name), out)
            std_recs.append({"source": src, "index": i, "input": inp_name, "output": out_name,
                             "output_dtype": str(out.dtype), "warnings": [str(w.message) for w in caught]})
        rec["standardize"] = std_recs
        cases.append(rec)

    s3 = [("data_20x8x8x3.npy", 0), ("data_20x8x8x3.npy", 7), ("data_20x8x8x3.npy", 19)]
    f20 = {"data": "data_20x8x8x3.npy"}
    add("featurewise_center", dict(featurewise_center=True), f20, s3)
    add("featurewise_center + std", dict(featurewise_center=True, featurewise_std_normalization=True), f20, s3)
    add("featurewise_std_normalization alone (forces center)", dict(featurewise_std_normalization=True), f20, s3)
    add("rescale then featurewise center+std", dict(featurewise_center=True, featurewise_std_normalization=True,
                                                    rescale=1 / 255), f20, s3)
    add("spec 4.2 arange example", dict(featurewise_center=True, featurewise_std_normalization=True),
        {"data": "arange_2x2x2x3.npy"}, [("arange_2x2x2x3.npy", 1)])
    add("fit augment=True rounds=2 seed=5, rotation 20",
        dict(featurewise_center=True, featurewise_std_normalization=True, rotation_range=20),
        {"data": "data_20x8x8x3.npy", "augment": True, "rounds": 2, "seed": 5}, s3[:1])
    z3 = [("data_300x6x6x1.npy", 0), ("data_300x6x6x1.npy", 150), ("data_300x6x6x1.npy", 299)]
    add("zca eps 1e-6", dict(zca_whitening=True), {"data": "data_300x6x6x1.npy"}, z3)
    add("zca eps 0.1", dict(zca_whitening=True, zca_epsilon=0.1), {"data": "data_300x6x6x1.npy"}, z3)
    add("zca + featurewise_std (three warnings, std dropped)",
        dict(zca_whitening=True, featurewise_std_normalization=True), {"data": "data_300x6x6x1.npy"}, z3[:1])
    add("zca n < d (rank deficient)", dict(zca_whitening=True), {"data": "data_20x4x4x3.npy"},
        [("data_20x4x4x3.npy", 0), ("data_20x4x4x3.npy", 11)])
    add("samplewise + rescale + preprocessing x+10 (spec 4.1)",
        dict(samplewise_center=True, samplewise_std_normalization=True, rescale=1 / 255), None,
        [("spec_2x2x1.npy", None), ("data_20x8x8x3.npy", 3)], preprocessing="x + 10")
    add("samplewise_std_normalization alone (forces center)", dict(samplewise_std_normalization=True), None,
        [("data_20x8x8x3.npy", 4)])
    add("unfitted featurewise (warn, skip)", dict(featurewise_center=True, featurewise_std_normalization=True,
                                                  zca_whitening=False), None, [("data_20x8x8x3.npy", 5)])
    save_json(os.path.join(d, "cases.json"), {"versions": versions(), "cases": cases})
    print(f"fit: {len(cases)} cases")


def main():
    gen_images()
    gen_apply_transform()
    gen_random_transform()
    gen_flow()
    gen_directory()
    gen_fit()


if __name__ == "__main__":
    main()
