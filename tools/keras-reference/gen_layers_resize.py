"""Golden fixtures for Keras 3's size-changing layers and RandomPerspective (Resizing, CenterCrop, RandomCrop,
RandomPerspective), TF backend.

Writes augment/src/test/resources/layers/:
- resize.json and out/rs_*.npy: layer cases in the schema of layers.json (gen_layers.py), on the same inputs (one
  layer object per case, called once per training flag; outputs have the layer's size).
- homography.json: keras' compute_homography_matrix (tf.linalg.solve) and tf.linalg.inv of the homography on
  random corner offsets (float32 values as Python floats).
- resize_errors.json: constructor kwargs Keras rejects, with its message.
- resize_specs.json: per case of resize.json the case's layer as the spec Keras writes (gen_layer_specs.py's format
  and checks: rebuilt with Keras' from_config, the spec gives the stored outputs bit for bit).
"""
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from keras.src.backend.tensorflow.image import compute_homography_matrix  # noqa: E402

import gen_layers  # noqa: E402
import gen_layers_geometry  # noqa: E402  (adds the x9 input)
from common import save_json  # noqa: E402

OUT = gen_layers.OUT
ALL = ("labels", "masks")
B = ("boxes",)
CASES = [
    ("rs_resize_s", "Resizing", {"height": 9, "width": 12, "bounding_box_format": "xyxy"}, "x3", 1, ALL + B,
     [True, False]),
    ("rs_resize_nearest_up", "Resizing", {"height": 20, "width": 25, "interpolation": "nearest",
                                          "bounding_box_format": "rel_xyxy"}, "x2", 1, ("masks",) + B, [True]),
    ("rs_resize_bicubic_down", "Resizing", {"height": 10, "width": 7, "interpolation": "bicubic"}, "x3", 1, (),
     [True]),
    ("rs_resize_bicubic_up", "Resizing", {"height": 11, "width": 14, "interpolation": "bicubic"}, "x1", 1,
     ("masks",), [False]),
    ("rs_resize_bicubic_big", "Resizing", {"height": 23, "width": 50, "interpolation": "bicubic"}, "x5", 1, (),
     [True]),
    ("rs_resize_crop", "Resizing", {"height": 9, "width": 9, "crop_to_aspect_ratio": True,
                                    "bounding_box_format": "center_xywh"}, "x3", 1, ALL + B, [True]),
    ("rs_resize_crop_tall", "Resizing", {"height": 12, "width": 5, "crop_to_aspect_ratio": True,
                                         "bounding_box_format": "xyxy"}, "x4", 1, ALL + B, [True]),
    ("rs_resize_pad", "Resizing", {"height": 10, "width": 10, "pad_to_aspect_ratio": True, "fill_value": 7.5,
                                   "bounding_box_format": "xywh"}, "x3", 1, ALL + B, [True]),
    ("rs_resize_pad_wide", "Resizing", {"height": 6, "width": 15, "pad_to_aspect_ratio": True,
                                        "interpolation": "nearest", "bounding_box_format": "xyxy"}, "x2", 1,
     ALL + B, [False]),
    ("rs_resize_pad_odd", "Resizing", {"height": 16, "width": 7, "pad_to_aspect_ratio": True,
                                       "interpolation": "bicubic"}, "x1", 1, ("masks",), [True]),
    ("rs_resize_cf", "Resizing", {"height": 8, "width": 11, "data_format": "channels_first",
                                  "bounding_box_format": "yxyx"}, "x5", 1, ALL + B, [True]),
    ("rs_resize_unit", "Resizing", {"height": 5, "width": 6}, "x1", 1 / 255, (), [True]),
    ("rs_resize_area_down", "Resizing", {"height": 5, "width": 7, "interpolation": "area",
                                         "bounding_box_format": "xyxy"}, "x3", 1, ("masks",) + B, [True]),
    ("rs_resize_area_up", "Resizing", {"height": 20, "width": 11, "interpolation": "area"}, "x2", 1, (), [True]),
    ("rs_resize_area_big", "Resizing", {"height": 10, "width": 33, "interpolation": "area"}, "x5", 1, (), [True]),
    ("rs_resize_lanczos3", "Resizing", {"height": 9, "width": 12, "interpolation": "lanczos3"}, "x3", 1, ALL,
     [True]),
    ("rs_resize_lanczos3_up", "Resizing", {"height": 20, "width": 25, "interpolation": "lanczos3"}, "x2", 1, (),
     [True]),
    ("rs_resize_lanczos5", "Resizing", {"height": 23, "width": 30, "interpolation": "lanczos5"}, "x5", 1, (),
     [True]),
    ("rs_resize_lanczos5_pad", "Resizing", {"height": 16, "width": 7, "interpolation": "lanczos5",
                                            "pad_to_aspect_ratio": True}, "x1", 1, (), [True]),
    ("rs_resize_lanczos3_cf", "Resizing", {"height": 8, "width": 11, "interpolation": "lanczos3",
                                           "data_format": "channels_first"}, "x5", 1, (), [True]),
    ("rs_resize_aa_bilinear", "Resizing", {"height": 5, "width": 7, "antialias": True,
                                           "bounding_box_format": "xyxy"}, "x3", 1, ALL + B, [True]),
    ("rs_resize_aa_bilinear_big", "Resizing", {"height": 10, "width": 33, "antialias": True}, "x5", 1, (), [True]),
    ("rs_resize_aa_bilinear_up", "Resizing", {"height": 20, "width": 11, "antialias": True}, "x2", 1, (), [True]),
    ("rs_resize_aa_bicubic", "Resizing", {"height": 9, "width": 6, "interpolation": "bicubic", "antialias": True},
     "x3", 1, (), [True]),
    ("rs_resize_aa_lanczos3", "Resizing", {"height": 11, "width": 20, "interpolation": "lanczos3",
                                           "antialias": True}, "x5", 1, (), [True]),
    ("rs_resize_aa_lanczos5", "Resizing", {"height": 4, "width": 5, "interpolation": "lanczos5", "antialias": True,
                                           "crop_to_aspect_ratio": True}, "x4", 1, ("masks",), [True]),
    ("rs_resize_aa_nearest", "Resizing", {"height": 5, "width": 6, "interpolation": "nearest", "antialias": True},
     "x3", 1, (), [True]),
    ("rs_resize_aa_area_cf", "Resizing", {"height": 6, "width": 9, "interpolation": "area", "antialias": True,
                                          "data_format": "channels_first"}, "x5", 1, (), [True]),
    ("rs_cc", "CenterCrop", {"height": 9, "width": 12, "bounding_box_format": "xyxy"}, "x3", 1, ALL + B,
     [True, False]),
    ("rs_cc_small", "CenterCrop", {"height": 15, "width": 20, "bounding_box_format": "rel_xywh"}, "x3", 1, ALL + B,
     [True]),
    ("rs_cc_mixed", "CenterCrop", {"height": 9, "width": 10, "bounding_box_format": "center_yxhw"}, "x2", 1,
     ("masks",) + B, [True]),
    ("rs_cc_cf", "CenterCrop", {"height": 8, "width": 7, "data_format": "channels_first",
                                "bounding_box_format": "xyxy"}, "x5", 1, ALL + B, [False]),
    ("rs_rc_s7", "RandomCrop", {"height": 9, "width": 12, "seed": 7, "bounding_box_format": "xyxy"}, "x3", 1,
     ALL + B, [True, True, True]),
    ("rs_rc_s1", "RandomCrop", {"height": 5, "width": 4, "seed": 1, "bounding_box_format": "xywh"}, "x4", 1,
     ("labels",) + B, [True, False, True]),
    ("rs_rc_eq_s3", "RandomCrop", {"height": 13, "width": 10, "seed": 3}, "x3", 1, ALL, [True, True]),
    ("rs_rc_small_s5", "RandomCrop", {"height": 15, "width": 20, "seed": 5}, "x2", 1, ALL, [True]),
    ("rs_rc_cf_s9", "RandomCrop", {"height": 20, "width": 30, "seed": 9, "data_format": "channels_first",
                                   "bounding_box_format": "rel_xyxy"}, "x5", 1, ALL + B, [True, True]),
    ("rs_rc_b9_s11", "RandomCrop", {"height": 10, "width": 11, "seed": 11}, "x9", 1, (), [True, True]),
    ("rs_rc_unit_s42", "RandomCrop", {"height": 4, "width": 5, "seed": 42}, "x1", 1 / 255, (), [True, True, True]),
    ("rs_rp_s7", "RandomPerspective", {"seed": 7, "bounding_box_format": "xyxy"}, "x3", 1, ALL + B,
     [True, True, True]),
    ("rs_rp_half_s1", "RandomPerspective", {"factor": 0.5, "scale": 0.6, "fill_value": 20.0, "seed": 1,
                                            "bounding_box_format": "xywh"}, "x4", 1, ALL + B, [True, False, True]),
    ("rs_rp_nearest_s42", "RandomPerspective", {"factor": (0.3, 0.9), "interpolation": "nearest", "seed": 42},
     "x2", 1, ("masks",), [True, True]),
    ("rs_rp_cf_s9", "RandomPerspective", {"seed": 9, "data_format": "channels_first",
                                          "bounding_box_format": "rel_xyxy"}, "x5", 1, ALL + B, [True, True]),
    ("rs_rp_b9_s3", "RandomPerspective", {"scale": 0.2, "seed": 3}, "x9", 1, ALL, [True]),
    ("rs_rp_unit_s5", "RandomPerspective", {"seed": 5}, "x1", 1 / 255, (), [True, True]),
    ("rs_pipeline_s4", "Pipeline", {"layers": [("RandomCrop", {"height": 10, "width": 12, "seed": 4}),
                                               ("Resizing", {"height": 7, "width": 9}),
                                               ("RandomPerspective", {"seed": 5, "scale": 0.5})]},
     "x3", 1, ALL, [True, True]),
]


def homography_cases():
    rs = np.random.RandomState(99)
    cases = []
    for k in range(120):
        h, w = rs.randint(2, 60, 2)
        start = np.array([[[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1]]], "float32")
        scale = [1.0, 0.3, 0.05][k % 3]
        offsets = (rs.uniform(-0.5, 0.5, (1, 4, 2)) * scale).astype("float32")
        end = (start + start * offsets).astype("float32")
        hom = compute_homography_matrix(tf.constant(start), tf.constant(end))
        m = tf.reshape(tf.concat([hom, tf.ones((1, 1))], axis=-1), (1, 3, 3))
        inv = tf.linalg.inv(m)
        cases.append({"start": gen_layers.floats(start), "end": gen_layers.floats(end),
                      "homography": gen_layers.floats(hom), "inverse": gen_layers.floats(inv)})
    save_json(os.path.join(OUT, "homography.json"), {"versions": {"tensorflow": tf.__version__}, "cases": cases})


ERRORS = [
    ("RandomPerspective", {"factor": 1.5}),
    ("RandomPerspective", {"factor": -0.5}),
    ("RandomPerspective", {"factor": (1.2, 1.5)}),
    ("RandomPerspective", {"scale": 1.5}),
]


def write_errors():
    out = []
    for cls, kwargs in ERRORS:
        try:
            getattr(keras.layers, cls)(**kwargs)
            raise AssertionError(f"{cls}({kwargs}) was accepted")
        except ValueError as e:
            out.append({"class": cls, "config": gen_layers.jsonable(kwargs), "message": str(e)})
    save_json(os.path.join(OUT, "resize_errors.json"), {"versions": {"keras": keras.__version__}, "errors": out})


def write_specs():
    import json

    import gen_layer_specs

    with open(os.path.join(OUT, "resize.json")) as f:
        cases = json.load(f)["cases"]
    specs = {}
    for case in cases:
        cls, kwargs = case["class"], case["config"]
        if cls == "Pipeline":
            subs = [(c, k) for c, k in kwargs["layers"]]
            layers, kwargs_list = [gen_layers.build(c, k) for c, k in subs], [k for _, k in subs]
        else:
            layers, kwargs_list = [gen_layers.build(cls, kwargs)], [kwargs]
        spec = gen_layer_specs.spec_of(layers, kwargs_list)
        diff = gen_layer_specs.run(gen_layer_specs.from_spec(spec), case)
        assert diff == 0.0, f"{case['id']}: Keras rebuilt from its spec differs from the stored outputs by {diff}"
        specs[case["id"]] = spec
    save_json(os.path.join(OUT, "resize_specs.json"), {"versions": {"keras": keras.__version__}, "specs": specs})


if __name__ == "__main__":
    gen_layers_geometry.layer_cases(CASES, "resize.json")
    homography_cases()
    write_errors()
    write_specs()
