"""Layer specs as Keras writes them, for tuna's LayerSpec (the `tuna layers --spec` format).

For every case of layers.json (gen_layers.py) and geometry.json (gen_layers_geometry.py) this builds the case's layer,
writes its spec as a Keras user would,
    json.dump([{"class_name": type(l).__name__, "config": l.get_config()} for l in layers], f),
then rebuilds the layer from that spec with Keras' own `from_config`, calls it on the case's stored input exactly as
the case did, and checks that the outputs equal the stored golden outputs bit for bit. So each case's stored outputs
are Keras' outputs for its spec, and the Java test reads only the spec.

One key is added to what `get_config()` returns, as a user must add it by hand: RandomGrayscale's `seed` (Keras
3.15.1's RandomGrayscale.get_config() leaves out the seed, so the rebuilt layer would draw a fresh one).
A Pipeline case gives two specs: `<id>` lists its layers (the flat list above) and `<id>_nested` is the one
Pipeline layer with Keras' nested config.

Where Keras rejects its own config when rebuilding (RandomShear's get_config() writes `x_factor: [-f, f]`, its
constructor takes only [0, 1]), the case's Keras message is kept under "rejected" and the case's spec gets the
constructor's own values for the keys the case set (what a user would write).

`global_seed`: layers with `seed: None` rebuilt from a spec after `keras.utils.set_random_seed(S)` for several S: the
initial seed each layer's SeedGenerator got (`layer_seeds`, depth first), and Python's first 20
`random.randint(1, 10**9)` after `random.seed(S)`.

Writes augment/src/test/resources/layers/specs.json: {"specs": {case id: spec (the JSON list)}, "rejected": {case
id: {"spec": the spec Keras rejects, "message": Keras' message}}, "global_seed": [{"global_seed", "spec",
"layer_seeds", "randint"}]}.
"""
import copy
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import json  # noqa: E402

import keras  # noqa: E402
import numpy as np  # noqa: E402

import gen_layers  # noqa: E402
from common import save_json  # noqa: E402

OUT = gen_layers.OUT


def spec_of(layers, kwargs_list):
    spec = [{"class_name": type(l).__name__, "config": l.get_config()} for l in layers]
    for entry, kwargs in zip(spec, kwargs_list):
        patch(entry, kwargs)
    # the exact text json.dump writes, read back
    return json.loads(json.dumps(spec))


def patch(entry, kwargs):
    config = entry["config"]
    if entry["class_name"] == "Pipeline":
        for sub, (_, sub_kwargs) in zip(config["layers"], kwargs.get("layers", [])):
            patch(sub, sub_kwargs)
        return
    if "seed" in kwargs and "seed" not in config:
        config["seed"] = kwargs["seed"]


def from_spec(spec):
    layers = [getattr(keras.layers, e["class_name"]).from_config(copy.deepcopy(e["config"])) for e in spec]
    return layers[0] if len(layers) == 1 else keras.layers.Pipeline(layers)


def run(layer, case):
    """Calls `layer` as gen_layers.main called the case's layer; returns the max |diff| against the stored outputs."""
    inp = case["input"]
    x = (np.load(os.path.join(OUT, "inputs", inp + ".npy")) * np.float32(case["scale"])).astype("float32")
    cf = case["config"].get("data_format") == "channels_first"
    if cf:
        x = np.ascontiguousarray(np.transpose(x, (0, 3, 1, 2)))
    targets = case["targets"]
    diff = 0.0
    for rec in case["calls"]:
        if targets:
            data = {"images": x}
            if "labels" in targets:
                n = x.shape[0]
                data["labels"] = np.eye(n, 3, dtype="float32")[:, :3] if n >= 3 else np.eye(n, n, dtype="float32")
            if "masks" in targets:
                m = np.load(os.path.join(OUT, "inputs", inp + "_masks.npy"))
                data["segmentation_masks"] = np.ascontiguousarray(np.transpose(m, (0, 3, 1, 2))) if cf else m
            if "boxes" in targets:
                n = x.shape[0]
                data["bounding_boxes"] = {"boxes": np.array(case["boxes_in"], "float32").reshape(n, -1, 4),
                                          "labels": np.array(case["box_labels_in"], "int32").reshape(n, -1)}
            out = layer(data, training=rec["training"])
        else:
            out = {"images": layer(x, training=rec["training"])}
        pairs = [(out["images"], np.load(os.path.join(OUT, rec["images"])))]
        if "labels" in rec:
            pairs.append((out["labels"], np.load(os.path.join(OUT, rec["labels"]))))
        if "masks" in rec:
            pairs.append((out["segmentation_masks"], np.load(os.path.join(OUT, rec["masks"]))))
        if "boxes" in rec:
            pairs.append((np.ravel(out["bounding_boxes"]["boxes"]), np.array(rec["boxes"], "float32")))
            pairs.append((np.ravel(out["bounding_boxes"]["labels"]), np.array(rec["box_labels"])))
        for got, want in pairs:
            got = np.asarray(got, "float64")
            assert got.shape == want.shape, (case["id"], got.shape, want.shape)
            diff = max(diff, float(np.max(np.abs(got - want), initial=0.0)))
    return diff


def layer_seeds(layer):
    """The initial seed of every SeedGenerator-owning layer, depth first (a Pipeline's layers in order)."""
    if isinstance(layer, keras.layers.Pipeline):
        return [s for sub in layer.layers for s in layer_seeds(sub)]
    gen = getattr(layer, "generator", None)
    return [int(np.asarray(gen.state.value)[0])] if isinstance(gen, keras.random.SeedGenerator) else []


def global_seed_cases():
    """Layers with seed=None after keras.utils.set_random_seed(S): each draws random.randint(1, 10**9) when built
    (RandomColorJitter once more per sub-layer it builds), in construction order."""
    L = keras.layers
    layers = [L.RandomFlip(), L.RandomRotation(0.1, seed=5), L.Rescaling(0.5),
              L.RandomColorJitter(brightness_factor=0.2, saturation_factor=0.3, hue_factor=0.1), L.MixUp(),
              L.Pipeline([L.RandomContrast(0.2), L.RandomErasing()]), L.RandomGrayscale(), L.CutMix(),
              L.RandomZoom(0.2)]
    spec = spec_of(layers, [{} for _ in layers])
    import random
    cases = []
    for seed in (0, 1, 1234, 987654321, 2**32 - 1):
        keras.utils.set_random_seed(seed)
        rebuilt = [getattr(keras.layers, e["class_name"]).from_config(copy.deepcopy(e["config"])) for e in spec]
        seeds = [s for l in rebuilt for s in layer_seeds(l)]
        random.seed(seed)
        cases.append({"global_seed": seed, "spec": spec, "layer_seeds": seeds,
                      "randint": [random.randint(1, int(1e9)) for _ in range(20)]})
    return cases


def main():
    specs = {}
    rejected = {}
    for fixture in ("layers.json", "geometry.json"):
        with open(os.path.join(OUT, fixture)) as f:
            cases = json.load(f)["cases"]
        for case in cases:
            cls, kwargs = case["class"], case["config"]
            if cls == "Pipeline":
                subs = [(c, k) for c, k in kwargs["layers"]]
                variants = {case["id"]: ([gen_layers.build(c, k) for c, k in subs], [k for _, k in subs]),
                            case["id"] + "_nested": ([gen_layers.build(cls, kwargs)], [kwargs])}
            else:
                variants = {case["id"]: ([gen_layers.build(cls, kwargs)], [kwargs])}
            for sid, (layers, kwargs_list) in variants.items():
                spec = spec_of(layers, kwargs_list)
                try:
                    rebuilt = from_spec(spec)
                except (TypeError, ValueError) as e:
                    # Keras rejects its own config (RandomShear writes x_factor=(-f, f) and accepts only [0, 1]):
                    # keep the message; the spec with the user's own factor values is the loadable one.
                    message = str(e).split("Exception encountered: ", 1)[-1]
                    rejected[sid] = {"spec": spec, "message": message}
                    spec = spec_of(layers, kwargs_list)
                    for entry, kw in zip(spec, kwargs_list):
                        entry["config"].update(json.loads(json.dumps(kw)))
                    rebuilt = from_spec(spec)
                diff = run(rebuilt, case)
                assert diff == 0.0, f"{sid}: Keras rebuilt from its spec differs from the stored outputs by {diff}"
                specs[sid] = spec
    save_json(os.path.join(OUT, "specs.json"), {"versions": {"keras": keras.__version__}, "specs": specs,
                                                "rejected": rejected, "global_seed": global_seed_cases()})
    print("wrote", len(specs), "specs to", os.path.join(OUT, "specs.json"))


if __name__ == "__main__":
    main()
