"""Golden fixtures for TF's ImageProjectiveTransformV3 kernel and Keras 3's geometric layers (RandomRotation, ...).

Writes augment/src/test/resources/layers/:
- projective.json and projective/*.npy: tf.raw_ops.ImageProjectiveTransformV3 called directly on float32 NHWC
  batches with random affine and projective transforms, every fill mode x interpolation, several fill values and
  output shapes (`cases`: id, input file, shape, transforms (float32 values as Python floats), output_shape,
  fill_mode, interpolation, fill_value, output file).
- geometry.json and out/geo_*.npy: layer cases in the schema of layers.json (gen_layers.py), on the same inputs.
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import gen_layers  # noqa: E402
from common import save_json, save_npy  # noqa: E402

OUT = gen_layers.OUT
# one more input, drawn after gen_layers' own (theirs stay as they are): a batch of 9 (TF vectorises cos/sin
# over batches of 8 and more)
gen_layers.INPUTS["x9"] = (9, 15, 12, 3)

FILL_MODES = ["REFLECT", "WRAP", "CONSTANT", "NEAREST"]
INTERPOLATIONS = ["NEAREST", "BILINEAR"]


def random_transform(rs, h, w, projective):
    angle = rs.uniform(-np.pi, np.pi)
    scale = rs.uniform(0.5, 1.6)
    tx, ty = rs.uniform(-0.6, 0.6) * w, rs.uniform(-0.6, 0.6) * h
    shear = rs.uniform(-0.4, 0.4)
    cx, cy = (w - 1) / 2, (h - 1) / 2
    a0 = scale * np.cos(angle)
    a1 = -scale * np.sin(angle) + shear
    b0 = scale * np.sin(angle)
    b1 = scale * np.cos(angle)
    t = [a0, a1, cx - a0 * cx - a1 * cy + tx, b0, b1, cy - b0 * cx - b1 * cy + ty, 0.0, 0.0]
    if projective:
        t[6] = rs.uniform(-0.02, 0.02)
        t[7] = rs.uniform(-0.02, 0.02)
    return np.array(t, "float32")


def projective_cases():
    rs = np.random.RandomState(77)
    shapes = [(2, 13, 17, 3), (3, 11, 8, 1), (1, 1, 9, 2), (2, 20, 20, 3)]
    inputs = {}
    for i, s in enumerate(shapes):
        x = rs.uniform(0, 255, s).astype("float32")
        name = f"projective/in_{i}.npy"
        save_npy(os.path.join(OUT, name), x)
        inputs[name] = x
    cases = []
    k = 0
    for name, x in inputs.items():
        n, h, w, _ = x.shape
        for fill_mode in FILL_MODES:
            for interpolation in INTERPOLATIONS:
                for variant in range(2):
                    projective = variant == 1
                    shared = k % 5 == 0
                    if shared:
                        t = random_transform(rs, h, w, projective)[None, :]
                    else:
                        t = np.stack([random_transform(rs, h, w, projective) for _ in range(n)])
                    out_shape = [h, w] if k % 3 else [h + 3, max(1, w - 2)]
                    fill_value = [0.0, 17.5, -3.25][k % 3]
                    y = tf.raw_ops.ImageProjectiveTransformV3(
                        images=x, transforms=t, output_shape=out_shape, fill_value=fill_value,
                        interpolation=interpolation, fill_mode=fill_mode).numpy()
                    out = f"projective/out_{k}.npy"
                    save_npy(os.path.join(OUT, out), y)
                    cases.append({"id": f"pt_{k}", "input": name, "shape": list(x.shape),
                                  "transforms": gen_layers.floats(t), "output_shape": out_shape,
                                  "fill_mode": fill_mode, "interpolation": interpolation,
                                  "fill_value": fill_value, "output": out})
                    k += 1
    save_json(os.path.join(OUT, "projective.json"),
              {"versions": {"tensorflow": tf.__version__, "numpy": np.__version__}, "cases": cases})
    print("wrote", len(cases), "projective cases")


ALL = ("labels", "masks")
CASES = [
    ("geo_rot_s7", "RandomRotation", {"factor": 0.1, "seed": 7}, "x3", 1, ALL, [True, True, True]),
    ("geo_rot_pair_s1", "RandomRotation", {"factor": (-0.5, 0.25), "seed": 1, "fill_mode": "constant",
                                           "fill_value": 12.5}, "x4", 1, ALL, [True, False, True]),
    ("geo_rot_wrap_s42", "RandomRotation", {"factor": 0.3, "seed": 42, "fill_mode": "wrap",
                                            "interpolation": "nearest"}, "x2", 1, ALL, [True, True]),
    ("geo_rot_nearest_s3", "RandomRotation", {"factor": 0.2, "seed": 3, "fill_mode": "nearest"}, "x5", 1, ALL,
     [True, True]),
    ("geo_rot_unit_s5", "RandomRotation", {"factor": 0.15, "seed": 5}, "x1", 1 / 255, (), [True, True, True]),
    ("geo_rot_cf_s9", "RandomRotation", {"factor": 0.25, "seed": 9, "data_format": "channels_first",
                                         "bounding_box_format": "xyxy"}, "x3", 1, ALL + ("boxes",), [True, True]),
    ("geo_rot_boxes_s11", "RandomRotation", {"factor": 0.2, "seed": 11, "bounding_box_format": "xyxy"}, "x4", 1,
     ALL + ("boxes",), [True, True, True]),
    ("geo_rot_boxes_xywh_s12", "RandomRotation", {"factor": 0.4, "seed": 12, "bounding_box_format": "xywh"}, "x3", 1,
     ("boxes",), [True, True]),
    ("geo_rot_boxes_rel_s13", "RandomRotation", {"factor": (0.1, 0.3), "seed": 13, "bounding_box_format": "rel_xyxy",
                                                 "fill_mode": "constant"}, "x2", 1, ("boxes",), [True]),
    ("geo_rot_b9_s14", "RandomRotation", {"factor": 0.5, "seed": 14, "bounding_box_format": "xyxy"}, "x9", 1,
     ALL + ("boxes",), [True, True]),
    ("geo_tr_s7", "RandomTranslation", {"height_factor": 0.2, "width_factor": 0.3, "seed": 7,
                                        "bounding_box_format": "xyxy"}, "x3", 1, ALL + ("boxes",), [True, True, True]),
    ("geo_tr_pair_s1", "RandomTranslation", {"height_factor": (-0.5, 0.1), "width_factor": (0.2, 0.6), "seed": 1,
                                             "fill_mode": "constant", "fill_value": 30.0}, "x4", 1, ALL,
     [True, False, True]),
    ("geo_tr_wrap_s42", "RandomTranslation", {"height_factor": 0.4, "width_factor": 0.4, "seed": 42,
                                              "fill_mode": "wrap", "interpolation": "nearest",
                                              "bounding_box_format": "center_xywh"}, "x2", 1, ("boxes", "masks"),
     [True, True]),
    ("geo_tr_cf_s9", "RandomTranslation", {"height_factor": 0.3, "width_factor": 0.1, "seed": 9,
                                           "fill_mode": "nearest", "data_format": "channels_first"}, "x5", 1, ALL,
     [True, True]),
    ("geo_tr_unit_s5", "RandomTranslation", {"height_factor": 0.25, "width_factor": 0.25, "seed": 5}, "x1", 1 / 255,
     (), [True, True]),
    ("geo_zoom_s7", "RandomZoom", {"height_factor": 0.3, "seed": 7, "bounding_box_format": "xyxy"}, "x3", 1,
     ALL + ("boxes",), [True, True, True]),
    ("geo_zoom_w_s1", "RandomZoom", {"height_factor": (-0.4, 0.2), "width_factor": (0.1, 0.5), "seed": 1,
                                     "fill_mode": "constant", "fill_value": 7.0, "bounding_box_format": "rel_xywh"},
     "x4", 1, ALL + ("boxes",), [True, False, True]),
    ("geo_zoom_wrap_s42", "RandomZoom", {"height_factor": 0.5, "width_factor": 0.2, "seed": 42, "fill_mode": "wrap",
                                         "interpolation": "nearest"}, "x2", 1, ALL, [True, True]),
    ("geo_zoom_cf_s9", "RandomZoom", {"height_factor": 0.2, "seed": 9, "fill_mode": "nearest",
                                      "data_format": "channels_first", "bounding_box_format": "yxyx"}, "x5", 1,
     ALL + ("boxes",), [True, True]),
    ("geo_zoom_b9_s3", "RandomZoom", {"height_factor": 0.6, "seed": 3}, "x9", 1 / 255, ("masks",), [True]),
    ("geo_shear_s7", "RandomShear", {"x_factor": 0.3, "y_factor": 0.2, "seed": 7, "bounding_box_format": "xyxy"},
     "x3", 1, ALL + ("boxes",), [True, True, True]),
    ("geo_shear_x_s1", "RandomShear", {"x_factor": (0.1, 0.6), "seed": 1, "fill_mode": "constant",
                                       "fill_value": 3.0, "bounding_box_format": "rel_xyxy"}, "x4", 1,
     ALL + ("boxes",), [True, False, True]),
    ("geo_shear_y_s42", "RandomShear", {"y_factor": 0.5, "seed": 42, "fill_mode": "wrap",
                                        "interpolation": "nearest", "bounding_box_format": "center_yxhw"}, "x2", 1,
     ("masks", "boxes"), [True, True]),
    ("geo_shear_cf_s9", "RandomShear", {"x_factor": 0.2, "y_factor": (0.0, 0.4), "seed": 9, "fill_mode": "nearest",
                                        "data_format": "channels_first"}, "x5", 1, ALL, [True, True]),
    ("geo_shear_none_s5", "RandomShear", {"seed": 5}, "x1", 1 / 255, (), [True]),
    ("geo_rescale_unit", "Rescaling", {"scale": 1 / 255}, "x3", 1, (), [True, False]),
    ("geo_rescale_offset", "Rescaling", {"scale": 1 / 127.5, "offset": -1.0}, "x5", 1, (), [True]),
    ("geo_rescale_channels", "Rescaling", {"scale": [0.5, 1 / 3, 2.25], "offset": 0.1}, "x2", 1, (), [False]),
]


def layer_cases(cases, json_name):
    arrays = gen_layers.make_inputs()
    gen_layers.CASES = cases
    entries = []
    for cid, cls, kwargs, inp, scale, targets, flags in cases:
        layer = gen_layers.build(cls, kwargs)
        x = (arrays[inp] * np.float32(scale)).astype("float32")
        cf = kwargs.get("data_format") == "channels_first"
        if cf:
            x = np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2)))
        entry = {"id": cid, "class": cls, "config": gen_layers.jsonable(kwargs), "input": inp,
                 "scale": float(np.float32(scale)), "targets": list(targets), "calls": []}
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
    save_json(os.path.join(OUT, json_name),
              {"versions": {"keras": keras.__version__, "tensorflow": tf.__version__, "numpy": np.__version__},
               "inputs": {k: list(v) for k, v in gen_layers.INPUTS.items()}, "cases": entries})
    print("wrote", len(entries), "cases to", json_name)


if __name__ == "__main__":
    projective_cases()
    layer_cases(CASES, "geometry.json")


# Constructor arguments Keras rejects, with its message (layers/geometry_errors.json).
ERRORS = [
    ("RandomRotation", {"factor": 1.5}),
    ("RandomRotation", {"factor": (-2, -1.5)}),
    ("RandomTranslation", {"height_factor": 1.5, "width_factor": 0.1}),
    ("RandomTranslation", {"height_factor": 0.1, "width_factor": (-1.2, 0.3)}),
    ("RandomZoom", {"height_factor": -1.5}),
    ("RandomZoom", {"height_factor": 0.2, "width_factor": (0.1, 1.5)}),
    ("RandomShear", {"x_factor": 1.5}),
    ("RandomShear", {"y_factor": (-0.2, 0.3)}),
]


def write_errors():
    out = []
    for cls, kwargs in ERRORS:
        try:
            getattr(keras.layers, cls)(**kwargs)
            raise AssertionError(f"{cls}({kwargs}) was accepted")
        except ValueError as e:
            out.append({"class": cls, "config": gen_layers.jsonable(kwargs), "message": str(e)})
    save_json(os.path.join(OUT, "geometry_errors.json"), {"versions": {"keras": keras.__version__}, "errors": out})


if __name__ == "__main__":
    write_errors()
