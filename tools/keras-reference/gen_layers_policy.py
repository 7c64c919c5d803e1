"""Golden fixtures for Keras 3's policy and colour-operation layers (Solarization, RandomInvert, RandomPosterization,
AutoContrast, Equalization, RandomColorDegeneration, RandomSharpness, RandomGaussianBlur, RandAugment, AugMix,
RandomElasticTransform), TF backend.

Writes augment/src/test/resources/layers/: policy.json and out/pol_*.npy in the schema of layers.json (gen_layers.py),
on gen_layers' inputs plus inputs/xc.npy (a 2x6x7x3 batch with constant channels: channel 1 is 100 in both images,
channel 2 is 0 in the second image) and inputs/xl.npy, xl_masks.npy (1x48x52x3 from RandomState(78), large enough
for RandomElasticTransform's 13-tap kernels). AugMix draws its op choices from Python's global `random` module, not from the
layer's seed: its cases carry `py_seed`, and `random.seed(py_seed)` runs once before the layer's first call.
Also writes policy_errors.json (constructor kwargs Keras rejects, with its message) and policy_specs.json (each case's
layer as `json.dump([{"class_name": type(l).__name__, "config": l.get_config()}])` writes it, checked by rebuilding
it with Keras' from_config: the rebuilt layer gives the stored outputs bit for bit).
"""
import json
import os
import random

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import gen_layers  # noqa: E402
from common import save_json, save_npy  # noqa: E402

OUT = gen_layers.OUT
ALL = ("labels", "masks")
BOX = ("labels", "masks", "boxes")
XYXY = {"bounding_box_format": "xyxy"}
CF = {"data_format": "channels_first"}

CASES = [
    ("pol_sol_s7", "Solarization", {"addition_factor": 0.2, "threshold_factor": 0.6, "seed": 7, **XYXY}, "x3", 1,
     BOX, [True, True, True]),
    ("pol_sol_default_s1", "Solarization", {"seed": 1}, "x4", 1, (), [True, False, True]),
    ("pol_sol_unit_s42", "Solarization", {"threshold_factor": (0.3, 0.8), "value_range": (0, 1), "seed": 42}, "x2",
     1 / 255, ALL, [True, True]),
    ("pol_sol_pair_s3", "Solarization", {"addition_factor": (0.1, 0.4), "threshold_factor": (0.5, 0.9), "seed": 3,
                                         **CF}, "x5", 1, ALL, [True, True]),
    ("pol_inv_s7", "RandomInvert", {"seed": 7, **XYXY}, "x3", 1, BOX, [True, True, True]),
    ("pol_inv_pair_s1", "RandomInvert", {"factor": (0.3, 0.9), "seed": 1}, "x4", 1, (), [True, False, True]),
    ("pol_inv_unit_s42", "RandomInvert", {"factor": 0.8, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255, ALL,
     [True, True]),
    ("pol_inv_cf_s3", "RandomInvert", {"factor": 0.6, "seed": 3, **CF}, "x4", 1, ALL, [True, True]),
    ("pol_post_s7", "RandomPosterization", {"factor": 4, "seed": 7, **XYXY}, "x3", 1, BOX, [True, True, True]),
    ("pol_post_pair_s1", "RandomPosterization", {"factor": (2, 7), "seed": 1}, "x4", 1, (), [True, False, True]),
    ("pol_post_one_s5", "RandomPosterization", {"factor": 1, "seed": 5}, "x2", 1, (), [True, True]),
    ("pol_post_unit_s42", "RandomPosterization", {"factor": 6, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     ALL, [True, True]),
    ("pol_post_cf_s3", "RandomPosterization", {"factor": 8, "seed": 3, **CF}, "x5", 1, ALL, [True, True]),
    ("pol_ac", "AutoContrast", {**XYXY}, "x3", 1, BOX, [True, False]),
    ("pol_ac_unit", "AutoContrast", {"value_range": (0, 1)}, "x2", 1 / 255, ALL, [True]),
    ("pol_ac_cf", "AutoContrast", {**CF}, "x4", 1, ALL, [True, False]),
    ("pol_ac_const", "AutoContrast", {}, "xc", 1, (), [True]),
    ("pol_ac_large", "AutoContrast", {"value_range": (255, 0)}, "x5", 1, (), [True]),
    ("pol_eq", "Equalization", {**XYXY}, "x3", 1, BOX, [True, False]),
    ("pol_eq_bins", "Equalization", {"bins": 64}, "x5", 1, (), [True]),
    ("pol_eq_unit", "Equalization", {"value_range": (0, 1)}, "x2", 1 / 255, ALL, [True]),
    ("pol_eq_cf", "Equalization", {"bins": 100, **CF}, "x4", 1, ALL, [True]),
    ("pol_eq_const", "Equalization", {}, "xc", 1, (), [True]),
    ("pol_eq_const_unit", "Equalization", {"value_range": (0, 1), "bins": 17}, "xc", 1 / 255, (), [True]),
    ("pol_deg_s7", "RandomColorDegeneration", {"factor": 0.5, "seed": 7, **XYXY}, "x3", 1, BOX, [True, True, True]),
    ("pol_deg_pair_s1", "RandomColorDegeneration", {"factor": (0.2, 0.9), "seed": 1}, "x4", 1, (),
     [True, False, True]),
    ("pol_deg_unit_s42", "RandomColorDegeneration", {"factor": 1.0, "value_range": (0, 1), "seed": 42}, "x2",
     1 / 255, ALL, [True, True]),
    ("pol_deg_cf_s3", "RandomColorDegeneration", {"factor": 0.8, "seed": 3, **CF}, "x5", 1, ALL, [True, True]),
    ("pol_sharp_s7", "RandomSharpness", {"factor": 0.5, "seed": 7, **XYXY}, "x3", 1, BOX, [True, True, True]),
    ("pol_sharp_pair_s1", "RandomSharpness", {"factor": (0.1, 0.9), "seed": 1}, "x5", 1, (), [True, False, True]),
    ("pol_sharp_unit_s42", "RandomSharpness", {"factor": 1.0, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     ALL, [True, True]),
    ("pol_sharp_cf_s3", "RandomSharpness", {"factor": 0.7, "seed": 3, **CF}, "x3", 1, ALL, [True, True]),
    ("pol_blur_s7", "RandomGaussianBlur", {"seed": 7, **XYXY}, "x3", 1, BOX, [True, True, True]),
    ("pol_blur_k5_s1", "RandomGaussianBlur", {"factor": 0.7, "kernel_size": 5, "sigma": (0.2, 0.9), "seed": 1}, "x5",
     1, (), [True, False, True]),
    ("pol_blur_k37_s5", "RandomGaussianBlur", {"factor": (0.5, 1.0), "kernel_size": (3, 7), "sigma": 0.8, "seed": 5},
     "x4", 1, (), [True, True]),
    ("pol_blur_unit_s42", "RandomGaussianBlur", {"kernel_size": 7, "value_range": (0, 1), "seed": 42}, "x2", 1 / 255,
     ALL, [True, True]),
    ("pol_blur_cf_s3", "RandomGaussianBlur", {"factor": 0.9, "seed": 3, **CF}, "x3", 1, ALL, [True, True]),
    ("pol_blur_k9_s9", "RandomGaussianBlur", {"kernel_size": 9, "sigma": (0.5, 1.0), "seed": 9}, "x5", 1, (),
     [True]),
    ("pol_ra_s7", "RandAugment", {"seed": 7}, "x3", 1, ALL, [True, True, True, True]),
    ("pol_ra_ops3_s1", "RandAugment", {"num_ops": 3, "factor": 0.8, "seed": 1}, "x4", 1, ALL,
     [True, False, True, True]),
    ("pol_ra_unit_s42", "RandAugment", {"value_range": (0, 1), "seed": 42}, "x2", 1 / 255, ALL,
     [True, True, True]),
    ("pol_ra_nearest_s3", "RandAugment", {"num_ops": 4, "interpolation": "nearest", "seed": 3}, "x5", 1, ALL,
     [True, True, True]),
    ("pol_ra_cf_s5", "RandAugment", {"factor": (0.2, 0.6), "seed": 5, **CF}, "x3", 1, ALL, [True, True, True]),
    ("pol_ra_boxes_s11", "RandAugment", {"num_ops": 3, "seed": 11, **XYXY}, "x4", 1, BOX, [True, True, True]),
    ("pol_am_s7", "AugMix", {"seed": 7}, "x3", 1, ALL, [True, True]),
    ("pol_am_small_s1", "AugMix", {"num_chains": 2, "chain_depth": 2, "alpha": 0.5, "all_ops": False, "seed": 1},
     "x4", 1, ALL, [True, False, True]),
    ("pol_am_unit_s42", "AugMix", {"value_range": (0, 1), "factor": 0.6, "seed": 42}, "x2", 1 / 255, (),
     [True, True]),
    ("pol_am_cf_s3", "AugMix", {"num_chains": 4, "chain_depth": 1, "seed": 3, **CF, **XYXY}, "x5", 1, BOX,
     [True, True]),
    ("pol_el_s7", "RandomElasticTransform", {"seed": 7}, "x5", 1, ALL, [True, True, True]),
    ("pol_el_const_s1", "RandomElasticTransform", {"factor": (0.5, 1.0), "interpolation": "nearest",
                                                   "fill_mode": "constant", "fill_value": 30.0, "seed": 1}, "x3", 1,
     ALL, [True, False, True]),
    ("pol_el_wrap_s42", "RandomElasticTransform", {"scale": 0.7, "fill_mode": "wrap", "value_range": (0, 1),
                                                   "seed": 42}, "x2", 1 / 255, ALL, [True, True]),
    ("pol_el_cf_s3", "RandomElasticTransform", {"scale": (0.6, 1.0), "fill_mode": "nearest", "seed": 3, **CF}, "x5",
     1, ALL, [True, True]),
    ("pol_el_large_s5", "RandomElasticTransform", {"scale": (0.9, 1.0), "seed": 5}, "xl", 1, ALL, [True]),
    ("pol_el_off_s9", "RandomElasticTransform", {"scale": 0.0, "seed": 9}, "x4", 1, (), [True]),
]
PY_SEEDS = {"pol_am_s7": 1234, "pol_am_small_s1": 99, "pol_am_unit_s42": 2024, "pol_am_cf_s3": 5}


def constant_input():
    rs = np.random.RandomState(77)
    x = rs.uniform(0, 255, (2, 6, 7, 3)).astype("float32")
    x[:, :, :, 1] = 100.0
    x[1, :, :, 2] = 0.0
    save_npy(os.path.join(OUT, "inputs", "xc.npy"), x)
    return x


def large_input():
    rs = np.random.RandomState(78)
    x = rs.uniform(0, 255, (1, 48, 52, 3)).astype("float32")
    m = rs.randint(0, 3, (1, 48, 52, 1)).astype("float32")
    save_npy(os.path.join(OUT, "inputs", "xl.npy"), x)
    save_npy(os.path.join(OUT, "inputs", "xl_masks.npy"), m)
    return x, m


def main():
    arrays = gen_layers.make_inputs()
    arrays["xc"] = constant_input()
    arrays["xl"], arrays["xl_masks"] = large_input()
    arrays["xl_labels"] = np.eye(1, 1, dtype="float32")
    entries = []
    for cid, cls, kwargs, inp, scale, targets, flags in CASES:
        layer = gen_layers.build(cls, kwargs)
        x = (arrays[inp] * np.float32(scale)).astype("float32")
        cf = kwargs.get("data_format") == "channels_first"
        if cf:
            x = np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2)))
        entry = {"id": cid, "class": cls, "config": gen_layers.jsonable(kwargs), "input": inp,
                 "scale": float(np.float32(scale)), "targets": list(targets), "calls": []}
        if cid in PY_SEEDS:
            entry["py_seed"] = PY_SEEDS[cid]
            random.seed(PY_SEEDS[cid])
        for call, training in enumerate(flags):
            data = {"images": x}
            if "labels" in targets:
                data["labels"] = arrays[inp + "_labels"]
            if "masks" in targets:
                m = arrays[inp + "_masks"]
                data["segmentation_masks"] = np.ascontiguousarray(np.transpose(m, (0, 3, 1, 2))) if cf else m
            if "boxes" in targets:
                h, w = gen_layers.INPUTS[inp][1], gen_layers.INPUTS[inp][2]
                boxes = np.asarray(keras.utils.bounding_boxes.convert_format(
                    arrays[inp + "_boxes"], source="xyxy", target=kwargs["bounding_box_format"], height=h,
                    width=w), "float32")
                data["bounding_boxes"] = {"boxes": boxes, "labels": arrays[inp + "_box_labels"]}
                entry["boxes_in"] = gen_layers.floats(boxes)
                entry["box_labels_in"] = arrays[inp + "_box_labels"].ravel().tolist()
            out = layer(data, training=training) if targets else {"images": layer(x, training=training)}
            rec = {"training": training}
            base = f"out/{cid}_{call}"
            save_npy(os.path.join(OUT, base + "_images.npy"), np.asarray(out["images"], "float32"))
            rec["images"] = base + "_images.npy"
            if "labels" in targets:
                save_npy(os.path.join(OUT, base + "_labels.npy"), np.asarray(out["labels"], "float32"))
                rec["labels"] = base + "_labels.npy"
            if "masks" in targets:
                save_npy(os.path.join(OUT, base + "_masks.npy"), np.asarray(out["segmentation_masks"], "float32"))
                rec["masks"] = base + "_masks.npy"
            if "boxes" in targets:
                rec["boxes"] = gen_layers.floats(out["bounding_boxes"]["boxes"])
                rec["box_labels"] = np.asarray(out["bounding_boxes"]["labels"]).ravel().tolist()
            entry["calls"].append(rec)
        entries.append(entry)
    save_json(os.path.join(OUT, "policy.json"),
              {"versions": {"keras": keras.__version__, "tensorflow": tf.__version__, "numpy": np.__version__},
               "cases": entries})
    print("wrote", len(entries), "cases to policy.json")


if __name__ == "__main__":
    main()


# Constructor arguments Keras rejects, with its message (layers/policy_errors.json).
ERRORS = [
    ("Solarization", {"addition_factor": 1.5}),
    ("Solarization", {"threshold_factor": (0.2, -0.1)}),
    ("RandomInvert", {"factor": 1.5}),
    ("RandomInvert", {"factor": (1.2, 1.5)}),
    ("RandomPosterization", {"factor": 9}),
    ("RandomPosterization", {"factor": 0}),
    ("RandomColorDegeneration", {"factor": -1.5}),
    ("RandomSharpness", {"factor": 1.5}),
    ("RandomSharpness", {"factor": -0.5}),
    ("RandomGaussianBlur", {"factor": 1.5}),
    ("RandomGaussianBlur", {"kernel_size": 4}),
    ("RandomGaussianBlur", {"kernel_size": (3, 6)}),
    ("RandomGaussianBlur", {"sigma": 1.5}),
    ("RandAugment", {"factor": 1.5}),
    ("AugMix", {"factor": -0.5}),
]


def write_errors():
    out = []
    for cls, kwargs in ERRORS:
        try:
            getattr(keras.layers, cls)(**kwargs)
            raise AssertionError(f"{cls}({kwargs}) was accepted")
        except ValueError as e:
            out.append({"class": cls, "config": gen_layers.jsonable(kwargs), "message": str(e)})
    save_json(os.path.join(OUT, "policy_errors.json"), {"versions": {"keras": keras.__version__}, "errors": out})
    print("wrote", len(out), "errors to policy_errors.json")


if __name__ == "__main__":
    write_errors()


def write_specs():
    """policy_specs.json: per case of policy.json the layer's spec as Keras writes it (gen_layer_specs.py's format),
    checked by rebuilding the layer with Keras' from_config and comparing its outputs with the stored ones (AugMix
    after the case's random.seed(py_seed))."""
    import gen_layer_specs

    with open(os.path.join(OUT, "policy.json")) as f:
        cases = json.load(f)["cases"]
    specs = {}
    for case in cases:
        spec = gen_layer_specs.spec_of([gen_layers.build(case["class"], case["config"])], [case["config"]])
        rebuilt = gen_layer_specs.from_spec(spec)
        if "py_seed" in case:
            random.seed(case["py_seed"])
        diff = gen_layer_specs.run(rebuilt, case)
        assert diff == 0.0, f"{case['id']}: Keras rebuilt from its spec differs from the stored outputs by {diff}"
        specs[case["id"]] = spec
    save_json(os.path.join(OUT, "policy_specs.json"), {"versions": {"keras": keras.__version__}, "specs": specs})
    print("wrote", len(specs), "specs to policy_specs.json")


if __name__ == "__main__":
    write_specs()
