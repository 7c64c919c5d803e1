#!/usr/bin/env python3
"""Side-by-side timings of tuna against Keras, OpenCV and torchvision on the same images and parameters.

Run through ./run.sh (builds benchmarks.jar, picks the venv). Everything is generated on the fly in --work:
a 150x150x3 float image, a two-class JPEG directory, 40+40 fine-tuning images and a seeded VGG16 (weights=None)
exported with Keras 3 model.export for tuna (for P6/P7: a seeded MobileNetV2 and ResNet50 saved as .keras). tuna is
timed by dev.tuna.benchmarks.compare.TunaTimings, one JVM per section, which prints JSON. Medians are over blocks of calls; ratios compare medians from this one run.

The target lines come from paired rounds: a long-lived tuna JVM (TunaTimings serve) and this process take turns,
one short block each, so that a change in the machine's load falls on both sides of a ratio; every round gives one
ratio, and the line reports their median and their spread (min-max over the rounds).

The last lines are one per target:  P<k> ratio=<median> spread=<min>-<max> blocks=<n> goal=<goal>  (notes)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parents[2]
JVM_ENV = {**os.environ, "OPENCV_LOG_LEVEL": "SILENT"}  # as started: TF_ENABLE_ONEDNN_OPTS below is for Keras only
JAR = Path(os.environ.get("TUNA_BENCHMARKS_JAR", ROOT / "benchmarks" / "target" / "benchmarks.jar"))
MODES = ["constant", "nearest", "reflect", "wrap"]
KERNELS = ["native", "native_packed", "vector", "scalar"]  # each forced in its own JVM (-Dtuna.warp.kernel=)
AUG = dict(rotation_range=40, width_shift_range=0.2, height_shift_range=0.2, shear_range=20, zoom_range=0.2,
           horizontal_flip=True)


def median_us(fn, calls, min_blocks=15, block_s=0.02, warm_s=1.0):
    """Median over blocks of the mean µs per call (same scheme as TunaTimings.medianMicros)."""
    t = time.perf_counter()
    n = 0
    while time.perf_counter() - t < warm_s and n < 20 * calls:
        fn()
        n += 1
    t = time.perf_counter()
    probe = 0
    while time.perf_counter() - t < block_s:
        fn()
        probe += 1
    per = max(1, probe)
    blocks = max(min_blocks, calls // per)
    samples = []
    for _ in range(blocks):
        s = time.perf_counter()
        for _ in range(per):
            fn()
        samples.append((time.perf_counter() - s) * 1e6 / per)
    return statistics.median(samples)


def java(section, *args, xmx="1g", jvm=()):
    cmd = ["java", f"-Xmx{xmx}", "--add-modules", "jdk.incubator.vector", *jvm,
           "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp", str(JAR),
           "dev.tuna.benchmarks.compare.TunaTimings", section, *map(str, args)]
    print("  $", " ".join(cmd), flush=True)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=JVM_ENV)
    line = [l for l in out.stdout.splitlines() if l.startswith("{")][-1]
    return json.loads(line)


class TunaServer:
    """A TunaTimings serve JVM: one command line in, one JSON line out."""

    def __init__(self, xmx="1g", jvm=()):
        cmd = ["java", f"-Xmx{xmx}", "--add-modules", "jdk.incubator.vector", *jvm,
               "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp", str(JAR),
               "dev.tuna.benchmarks.compare.TunaTimings", "serve"]
        print("  $", " ".join(cmd), "(paired rounds)", flush=True)
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                  env=JVM_ENV)

    def __call__(self, *args):
        self.p.stdin.write(" ".join(map(str, args)) + "\n")
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError(f"TunaTimings serve ended on {args}")
            if line.startswith("{"):
                return json.loads(line)

    def close(self):
        try:
            self.p.stdin.write("quit\n")
            self.p.stdin.close()
        except OSError:
            pass
        self.p.wait(timeout=60)


def block_us(fn, calls):
    s = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - s) * 1e6 / calls


def paired_warps(work, rounds):
    """P1/P2 in paired rounds: per fill mode, one block of tuna (randomTransform, new and reused output; OpenCV
    through JavaCPP) then one block each of cv2.warpAffine, Keras random_transform and (constant) torchvision."""
    import cv2
    import torch
    from keras.src.legacy.preprocessing.image import ImageDataGenerator
    v2 = import_torchvision_v2()
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    x = np.load(work / "image.npy")
    m = fixed_map()
    borders = dict(constant=cv2.BORDER_CONSTANT, nearest=cv2.BORDER_REPLICATE, reflect=cv2.BORDER_REFLECT,
                   wrap=cv2.BORDER_WRAP)
    np.random.seed(7)
    gens = {mode: ImageDataGenerator(fill_mode=mode, **AUG) for mode in MODES}
    torch.manual_seed(1)
    tv = v2.Compose([v2.RandomAffine(degrees=40, translate=(0.2, 0.2), scale=(0.8, 1.2), shear=20,
                                     interpolation=v2.InterpolationMode.BILINEAR, fill=0),
                     v2.RandomHorizontalFlip()])
    xt = torch.from_numpy(x).permute(2, 0, 1).contiguous()
    # a new output image per call allocates 270 KB: the heap is pre-touched, as the README advises for long runs
    tuna = TunaServer("1g", ("-Xms1g", "-XX:+AlwaysPreTouch"))
    try:
        kernel = tuna("warp", work / "image.npy")["warp_kernel"]
        blocks = []
        for b in range(rounds + 2):  # the first two rounds warm up both sides
            blk = {}
            for mode in MODES:
                t = tuna("warpblock", mode, 100)
                cv = block_us(lambda: cv2.warpAffine(x, m, (150, 150), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                                     borderMode=borders[mode], borderValue=0), 100)
                ke = block_us(lambda: gens[mode].random_transform(x), 8)
                blk[mode] = dict(t, cv2_us=cv, keras_us=ke)
                if mode == "constant":
                    blk[mode]["torchvision_us"] = block_us(lambda: tv(xt), 40)
            if b >= 2:
                blocks.append(blk)
    finally:
        tuna.close()
    p1 = [min(min(bl[mo]["opencv_us"], bl[mo]["cv2_us"]) / bl[mo]["into_us"] for mo in MODES) for bl in blocks]
    p1new = [min(min(bl[mo]["opencv_us"], bl[mo]["cv2_us"]) / bl[mo]["new_us"] for mo in MODES) for bl in blocks]
    p2 = [min(bl[mo]["keras_us"] / bl[mo]["new_us"] for mo in MODES) for bl in blocks]
    p2t = [bl["constant"]["torchvision_us"] / bl["constant"]["new_us"] for bl in blocks]
    return {"paired.warp_kernel": kernel, "paired.warp_blocks": blocks, "paired.p1": p1, "paired.p1_new": p1new,
            "paired.p2_keras": p2, "paired.p2_torchvision": p2t}


def paired_flow(work, rounds, seconds):
    """P3 in paired rounds: tuna's 2-worker flowFromDirectory (-Xmx512m, heap pre-touched) for a few seconds, then
    Keras' flow_from_directory for as long."""
    from keras.src.legacy.preprocessing.image import ImageDataGenerator
    gen = ImageDataGenerator(fill_mode="nearest", **AUG)
    it = gen.flow_from_directory(str(work / "flow"), target_size=(150, 150), batch_size=32, seed=1)
    next(it)
    tuna = TunaServer("512m", ("-Xms512m", "-XX:+AlwaysPreTouch"))
    try:
        tuna("flow", work / "flow", 150)
        blocks = []
        for b in range(rounds + 1):
            t = tuna("flowblock", seconds)
            s, n = time.perf_counter(), 0
            while n < 96 or time.perf_counter() - s < seconds:
                n += len(next(it)[0])
            k = n / (time.perf_counter() - s)
            if b >= 1:
                blocks.append(dict(t, keras_images_per_s=k))
    finally:
        tuna.close()
    return {"paired.flow_blocks": blocks, "paired.p3": [bl["images_per_s"] / bl["keras_images_per_s"]
                                                        for bl in blocks]}


LAYER_BATCH = (32, 224, 224, 3)


def make_layer_batch(work):
    """The 32 x 224 x 224 x 3 float32 batch (0-255) of the layer comparison, photo-like images (NumPy only)."""
    path = work / "batch224.npy"
    if not path.exists():
        work.mkdir(parents=True, exist_ok=True)
        rng = np.random.default_rng(3)
        n, h, w, _ = LAYER_BATCH
        np.save(path, np.stack([smooth_image(rng, h, w) for _ in range(n)]).astype(np.float32))
    return path


def keras_layer_pipelines():
    """Keras 3's geometric pipeline and RandAugment pipeline, with the configs and seeds of
    TunaTimings.geometricPipeline and RandAugment.builder().seed(5) (Keras' defaults otherwise)."""
    import keras
    geometric = keras.layers.Pipeline([keras.layers.RandomFlip("horizontal", seed=1),
                                       keras.layers.RandomRotation(0.1, seed=2),
                                       keras.layers.RandomTranslation(0.1, 0.1, seed=3),
                                       keras.layers.RandomZoom(0.2, seed=4)])
    rand_augment = keras.layers.Pipeline([keras.layers.RandAugment(seed=5)])
    return geometric, rand_augment


def paired_layers(work, rounds, calls):
    """P8/P9 in paired rounds: one block of tuna's two layer pipelines (geometric, RandAugment) on the batch, then one
    block each of the same Keras 3 pipelines called eagerly (TF backend) and inside tf.data map (traced with
    tf.function; a dataset whose element is the batch, without prefetch, injected prefetch included, so that its work
    happens in its own block). Every side calls its own layer objects CALLS times per block, so the seed streams
    advance alike; the first round warms up."""
    import tensorflow as tf
    path = make_layer_batch(work)
    x = tf.constant(np.load(path))
    eager = keras_layer_pipelines()
    mapped = keras_layer_pipelines()  # own layer objects: own seed streams
    options = tf.data.Options()  # no prefetch buffer that would fill up during the other side's blocks
    options.autotune.enabled = False
    options.experimental_optimization.inject_prefetch = False
    ds = tf.data.Dataset.from_tensors(x).repeat()
    iters = [iter(ds.map(tf.function(lambda b, p=p: p(b, training=True))).with_options(options)) for p in mapped]
    for p in eager:
        p(x, training=True)
    for it in iters:
        next(it)  # traces
    try:  # P8k needs cv2, which a Keras + TensorFlow venv may lack
        import cv2
        cv2.setNumThreads(1)
    except ImportError:
        cv2 = None
    image = np.ascontiguousarray(np.load(path)[0])
    m = kernel_map(*image.shape[:2])
    tuna = TunaServer("2g")
    try:
        setup = tuna("layers", path)
        blocks = []
        for b in range(rounds + 1):
            blk = dict(tuna("layersblock", calls))
            for name, p, it in zip(("geometric", "randaugment"), eager, iters):
                blk[f"keras_eager_{name}_ms"] = block_us(lambda: p(x, training=True), calls) / 1e3
                blk[f"keras_tfdata_{name}_ms"] = block_us(lambda: next(it), calls) / 1e3
            if cv2 is not None:
                blk.update(tuna("kernelblock", 20 * calls, *(repr(float(v)) for v in m.ravel())))
                blk["cv2_warpaffine_us"] = block_us(
                    lambda: cv2.warpAffine(image, m, image.shape[1::-1], flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                           borderMode=cv2.BORDER_REFLECT), 20 * calls)
            if b >= 1:
                blocks.append(blk)
    finally:
        tuna.close()
    res = {"paired.layers_blocks": blocks, "paired.layers_setup": setup}
    for name in ("geometric", "randaugment"):
        res[f"paired.p8_{name}"] = [bl[f"keras_eager_{name}_ms"] / bl[f"{name}_ms"] for bl in blocks]
        res[f"paired.p9_{name}"] = [bl[f"keras_tfdata_{name}_ms"] / bl[f"{name}_ms"] for bl in blocks]
    if cv2 is not None:
        res["paired.p8k"] = [bl["cv2_warpaffine_us"] / bl["kernel_us"] for bl in blocks]
    return res


def kernel_map(h, w):
    """P8k's map, output to input (TF's transform, cv2's WARP_INVERSE_MAP): 10 degrees about the centre, then a shift
    of (3.5, -2.25) px; float32 values, as both sides read them."""
    rad = np.float32(np.deg2rad(10.0))
    cos, sin = np.float32(np.cos(rad)), np.float32(np.sin(rad))
    cx, cy = np.float32(0.5 * (w - 1)), np.float32(0.5 * (h - 1))
    return np.array([[cos, -sin, 3.5 + cx - cx * cos + cy * sin],
                     [sin, cos, -2.25 + cy - cx * sin - cy * cos]], dtype=np.float32)


def keras_fit(work, base):
    """The lecture's model on base (block5 and the head trainable), compiled as in Keras' tutorial, its augmenting
    training and plain validation iterators, and a callback that appends each epoch's (wall s, CPU s) to times."""
    import keras
    from keras.src.legacy.preprocessing.image import ImageDataGenerator
    keras.utils.set_random_seed(1)
    for layer in base.layers:
        layer.trainable = layer.name.startswith("block5")
    model = keras.Sequential([keras.Input((150, 150, 3)), base, keras.layers.Flatten(),
                              keras.layers.Dense(256, activation="relu"), keras.layers.Dropout(0.5),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=1e-5), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    train = ImageDataGenerator(rescale=1 / 255, **AUG).flow_from_directory(
        str(work / "train"), target_size=(150, 150), batch_size=32, seed=1)
    val = ImageDataGenerator(rescale=1 / 255).flow_from_directory(
        str(work / "validation"), target_size=(150, 150), batch_size=32, shuffle=False)
    times = []

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t, self.c = time.perf_counter(), time.process_time()

        def on_epoch_end(self, epoch, logs=None):
            times.append((time.perf_counter() - self.t, time.process_time() - self.c))

    return model, train, val, Timer(), times


def paired_fit(work, base, rounds):
    """P4 in paired rounds: one epoch of tuna's FineTuner, then one of Keras' fit, alternating; the first epoch of
    each (graph tracing, warm-up) is not paired."""
    model, train, val, timer, times = keras_fit(work, base)
    tuna = TunaServer("2g")
    try:
        tuna("fit", work / "vgg16_export", work / "train", work / "validation")
        blocks = []
        for b in range(rounds + 1):
            t = tuna("epoch")
            model.fit(train, epochs=1, validation_data=val, callbacks=[timer], verbose=0)
            kw, kc = times[-1]
            blocks.append(dict(t, keras_wall_s=kw, keras_cpu_s=kc))
    finally:
        tuna.close()
    paired = blocks[1:]
    return {"paired.fit_first": blocks[0], "paired.fit_blocks": paired,
            "paired.p4": [bl["wall_s"] / bl["keras_wall_s"] for bl in paired],
            "paired.p4_cpu": [bl["cpu_s"] / bl["keras_cpu_s"] for bl in paired]}


# ------------------------------------------------------------------------------------------------ any CNN (P6, P7)

MOBILENET_SIZE = 160
MOBILENET_UNFREEZE = "block_13_expand"  # the keras.io guide's fine_tune_at for MobileNetV2 (layer 116 of 154)
RESNET_SIZE = 224


def make_config_models(work):
    """The seeded (keras.utils.set_random_seed(0), weights=None) bases of P6 and P7, saved as .keras for tuna's
    FineTuner.builderFor and KerasModel.load: MobileNetV2 (alpha 1.0, 160x160) and ResNet50 (224x224), both
    include_top=False. Returns their paths and the first layer of ResNet50's last stage (conv5)."""
    import keras
    paths = {"mobilenetv2": work / f"mobilenetv2_{MOBILENET_SIZE}.keras", "resnet50": work / f"resnet50_{RESNET_SIZE}.keras"}
    build = {"mobilenetv2": lambda: keras.applications.MobileNetV2(
                 alpha=1.0, input_shape=(MOBILENET_SIZE, MOBILENET_SIZE, 3), include_top=False, weights=None),
             "resnet50": lambda: keras.applications.ResNet50(
                 input_shape=(RESNET_SIZE, RESNET_SIZE, 3), include_top=False, weights=None)}
    first_conv5 = None
    for name, path in paths.items():
        if not path.exists():
            keras.utils.set_random_seed(0)
            model = build[name]()
            tmp = path.with_name(path.stem + ".tmp.keras")
            model.save(tmp)
            tmp.replace(path)
    meta = work / "resnet50_conv5.txt"
    if not meta.exists():
        base = keras.saving.load_model(paths["resnet50"])
        meta.write_text(next(l.name for l in base.layers if l.name.startswith("conv5_")))
    first_conv5 = meta.read_text().strip()
    return paths, first_conv5


def keras_two_phase(work, path, epochs, fine_tune_epochs):
    """The keras.io transfer-learning guide on the saved base: Rescaling to [-1, 1] (MobileNetV2's preprocess_input),
    base(x, training=False), GlobalAveragePooling2D, Dropout(0.2), Dense(2, softmax); Adam(1e-3) with the base frozen,
    then the base trainable from MOBILENET_UNFREEZE on, recompiled with Adam(1e-4), fit(initial_epoch=epochs). The
    augmenting / plain directory iterators of P4 at 160x160 (the model rescales). Returns wall and CPU seconds of the
    setup (load, build, compile), of the whole run (both fits and the recompile) and of every epoch."""
    import keras
    from keras.src.legacy.preprocessing.image import ImageDataGenerator
    w0, c0 = time.perf_counter(), time.process_time()
    keras.utils.set_random_seed(1)
    base = keras.saving.load_model(path)
    base.trainable = False
    size = MOBILENET_SIZE
    inputs = keras.Input((size, size, 3))
    x = keras.layers.Rescaling(1 / 127.5, offset=-1)(inputs)
    x = base(x, training=False)
    x = keras.layers.GlobalAveragePooling2D()(x)
    x = keras.layers.Dropout(0.2)(x)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="categorical_crossentropy", metrics=["accuracy"])
    train = ImageDataGenerator(**AUG).flow_from_directory(str(work / "train"), target_size=(size, size),
                                                          batch_size=32, seed=1)
    val = ImageDataGenerator().flow_from_directory(str(work / "validation"), target_size=(size, size),
                                                   batch_size=32, shuffle=False)
    times = []

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.t, self.c = time.perf_counter(), time.process_time()

        def on_epoch_end(self, epoch, logs=None):
            times.append((time.perf_counter() - self.t, time.process_time() - self.c, (logs or {}).get("loss")))

    res = {"keras_setup_wall_s": time.perf_counter() - w0, "keras_setup_cpu_s": time.process_time() - c0}
    w1, c1 = time.perf_counter(), time.process_time()
    model.fit(train, epochs=epochs, validation_data=val, callbacks=[Timer()], verbose=0)
    base.trainable = True
    at = [layer.name for layer in base.layers].index(MOBILENET_UNFREEZE)
    for layer in base.layers[:at]:
        layer.trainable = False
    model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(train, epochs=epochs + fine_tune_epochs, initial_epoch=epochs, validation_data=val,
              callbacks=[Timer()], verbose=0)
    res.update(keras_fit_wall_s=time.perf_counter() - w1, keras_fit_cpu_s=time.process_time() - c1,
               keras_epoch_wall_s=[t[0] for t in times], keras_epoch_cpu_s=[t[1] for t in times],
               keras_epoch_loss=[t[2] for t in times],
               keras_trainable_params_phase2=int(sum(np.prod(w.shape) for w in model.trainable_weights)))
    return res


def paired_two_phase(work, path, rounds, epochs=2, fine_tune_epochs=2):
    """P6 in paired rounds: one whole two-phase fine-tuning of MobileNetV2 by tuna (a new FineTuner from the .keras
    file: fineTune(Unfreeze.from(MOBILENET_UNFREEZE))), then the same by Keras (a new model from the same file).
    Per round: the ratio of the epochs after each phase's first (tracing / graph building and, for tuna, the
    validation features not cached yet), wall and CPU, and of the whole run from the saved file to the trained
    model. The first round warms up and is dropped."""
    tuna = TunaServer("2g")
    try:
        blocks = []
        for b in range(rounds + 1):
            t = tuna("twophase", path, MOBILENET_SIZE, work / "train", work / "validation", MOBILENET_UNFREEZE, epochs,
                     fine_tune_epochs)
            k = keras_two_phase(work, path, epochs, fine_tune_epochs)
            print(f"    round {b}: tuna epochs {fmt(t['epoch_wall_s'])} s, Keras {fmt(k['keras_epoch_wall_s'])} s",
                  flush=True)
            if b >= 1:
                blocks.append(dict(t, **k))
    finally:
        tuna.close()
    steady = [i for i in range(epochs + fine_tune_epochs) if i not in (0, epochs)]

    def ratio(bl, key, keras_key):
        return sum(bl[key][i] for i in steady) / sum(bl[keras_key][i] for i in steady)

    return {"paired.two_phase_blocks": blocks, "paired.two_phase_steady_epochs": [i + 1 for i in steady],
            "paired.p6": [ratio(bl, "epoch_wall_s", "keras_epoch_wall_s") for bl in blocks],
            "paired.p6_cpu": [ratio(bl, "epoch_cpu_s", "keras_epoch_cpu_s") for bl in blocks],
            "paired.p6_run": [(bl["setup_wall_s"] + bl["fit_wall_s"]) / (bl["keras_setup_wall_s"] + bl["keras_fit_wall_s"])
                              for bl in blocks],
            "paired.p6_run_cpu": [(bl["setup_cpu_s"] + bl["fit_cpu_s"]) / (bl["keras_setup_cpu_s"] + bl["keras_fit_cpu_s"])
                                  for bl in blocks]}


def fmt(values):
    return " ".join(f"{v:.1f}" for v in values)


def keras_onednn_crashes():
    """Whether TensorFlow's oneDNN convolution dies on this machine on ResNet50's conv4_block1_0_conv (1x1, stride 2,
    28x28x512 -> 1024): TensorFlow 2.21 raises SIGFPE there on VMs whose CPUID reports no cache sizes. Probed in a
    child process."""
    code = ("import os; os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'; import tensorflow as tf; "
            "tf.nn.conv2d(tf.ones((1, 28, 28, 512)), tf.ones((1, 1, 512, 1024)), 2, 'VALID')")
    env = {k: v for k, v in os.environ.items() if k != "TF_ENABLE_ONEDNN_OPTS"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, env=env).returncode != 0


def paired_predict(work, path, rounds, calls=1):
    """P7 in paired rounds: CALLS predictions of one 32x224x224x3 batch by tuna's KerasModel (what `tuna features`
    runs), then as many Keras model.predict(x, batch_size=32) calls; images/s and CPU seconds per batch of both.
    The first call of each side is not timed; tuna's output on it is compared with Keras'."""
    import keras
    x = np.load(make_layer_batch(work))
    model = keras.saving.load_model(path)
    tuna = TunaServer("2g")
    try:
        out = work / "resnet50_tuna_features.npy"
        first = tuna("predict", path, work / "batch224.npy", out)
        s = time.perf_counter()
        want = model.predict(x, batch_size=32, verbose=0)
        keras_first = time.perf_counter() - s
        got = np.load(out)
        diff = float(np.max(np.abs(got - want)) / max(1e-12, float(np.max(np.abs(want)))))
        blocks = []
        for b in range(rounds + 1):
            t = tuna("predictblock", calls)
            w0, c0 = time.perf_counter(), time.process_time()
            for _ in range(calls):
                model.predict(x, batch_size=32, verbose=0)
            kw = (time.perf_counter() - w0) / calls
            blocks.append(dict(t, keras_wall_s=kw, keras_cpu_s=(time.process_time() - c0) / calls,
                               keras_images_per_s=len(x) / kw))
            print(f"    round {b}: tuna {t['wall_s']:.2f} s ({t['cpu_s']:.2f} s CPU), Keras {kw:.2f} s "
                  f"({blocks[-1]['keras_cpu_s']:.2f} s CPU) per batch", flush=True)
    finally:
        tuna.close()
    paired = blocks[1:]
    return {"paired.predict_first": dict(first, keras_first_call_s=keras_first, max_rel_diff=diff),
            "paired.predict_blocks": paired,
            "paired.keras_onednn": os.environ.get("TF_ENABLE_ONEDNN_OPTS", "1") != "0",
            "paired.p7": [bl["images_per_s"] / bl["keras_images_per_s"] for bl in paired],
            "paired.p7_cpu": [bl["keras_cpu_s"] / bl["cpu_s"] for bl in paired]}


def finetune_any(work, quick, rss_steps, paired=True):
    """P6 and P7 (paired) and, with rss_steps > 0, the ResNet50 RSS run. P7's Keras side runs in a child process of
    this script (--only predict) with TF_ENABLE_ONEDNN_OPTS=0 when oneDNN crashes here (keras_onednn_crashes), so
    that P6's Keras keeps TensorFlow's default oneDNN kernels; the JVMs always run with the environment this script
    was started with."""
    paths, first_conv5 = make_config_models(work)
    r = {}
    if paired:
        print("paired rounds: tuna / Keras two-phase fine-tuning of MobileNetV2 (P6)", flush=True)
        r.update(paired_two_phase(work, paths["mobilenetv2"], 2 if quick else 3))
        print("paired rounds: tuna KerasModel / Keras predict, ResNet50 (P7)", flush=True)
        env = dict(os.environ)
        if keras_onednn_crashes():
            print("  TensorFlow's oneDNN convolution crashes here (SIGFPE): Keras' side of P7 runs with "
                  "TF_ENABLE_ONEDNN_OPTS=0", flush=True)
            env["TUNA_COMPARE_KERAS_ONEDNN"] = "0"
        child = work / "results-predict.json"
        subprocess.run([sys.executable, __file__, "--only", "predict", "--work", str(work), "--results", child.name,
                        *(["--quick"] if quick else [])], check=True, env=env)
        r.update({k: v for k, v in json.loads(child.read_text()).items() if k.startswith("paired.")})
    if rss_steps > 0:
        every = max(1, rss_steps // 10)  # the first sample after a tenth of the run, as P5 (step 50 of 500)
        print(f"tuna: RSS over {rss_steps} training steps (ResNet50 at {RESNET_SIZE}x{RESNET_SIZE}, batch 32, from "
              f"{first_conv5} on trainable, -Xmx2g)", flush=True)
        r.update({"tuna_any." + k: v for k, v in java(
            "rssconfig", paths["resnet50"], work / "flow", RESNET_SIZE, 32, rss_steps, first_conv5, every, xmx="2g",
            jvm=("-Xms2g", "-XX:+AlwaysPreTouch")).items()})
    return r


def fixed_map():
    """The fixed map of TunaTimings.fixedMatrix: theta 20, tx 8, ty -5, shear 10, zx 1.1, zy 0.9 (Keras
    composition), as OpenCV's 2x3 matrix (x' = c00 x + c01 y)."""
    th, sh = np.deg2rad(20), np.deg2rad(10)
    t = np.array([[np.cos(th), -np.sin(th), 0], [np.sin(th), np.cos(th), 0], [0, 0, 1]])
    t = t @ np.array([[1, 0, 8], [0, 1, -5], [0, 0, 1]])
    t = t @ np.array([[1, -np.sin(sh), 0], [0, np.cos(sh), 0], [0, 0, 1]])
    t = t @ np.array([[1.1, 0, 0], [0, 0.9, 0], [0, 0, 1]])
    o = 150 / 2 - 0.5
    c = np.array([[1, 0, o], [0, 1, o], [0, 0, 1]]) @ t @ np.array([[1, 0, -o], [0, 1, -o], [0, 0, 1]])
    return np.array([[c[0, 0], c[0, 1], c[0, 2]], [c[1, 0], c[1, 1], c[1, 2]]])


# ------------------------------------------------------------------------------------------------ inputs

def smooth_image(rng, h, w):
    """A photo-like RGB image: low-frequency colour fields plus edges and a little noise (0-255)."""
    yy, xx = np.mgrid[0:h, 0:w] / max(h, w)
    img = np.zeros((h, w, 3))
    for c in range(3):
        for _ in range(4):
            fx, fy, ph = rng.uniform(0.5, 4, 2).tolist() + [rng.uniform(0, 6.3)]
            img[..., c] += np.sin(2 * np.pi * (fx * xx + fy * yy) + ph)
    img = (img - img.min()) / (img.max() - img.min()) * 200 + 20
    for _ in range(3):  # rectangles with sharp edges
        y0, x0 = rng.integers(0, h - 10), rng.integers(0, w - 10)
        img[y0:y0 + rng.integers(5, h // 3), x0:x0 + rng.integers(5, w // 3)] = rng.uniform(0, 255, 3)
    img += rng.normal(0, 4, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def make_inputs(work, n_flow):
    from PIL import Image
    rng = np.random.default_rng(0)
    work.mkdir(parents=True, exist_ok=True)
    chelsea = Path("/usr/lib/python3/dist-packages/skimage/data/chelsea.png")
    if chelsea.exists():
        img = np.asarray(Image.open(chelsea).convert("RGB").resize((150, 150), Image.BILINEAR))
    else:
        img = smooth_image(rng, 150, 150)
    np.save(work / "image.npy", img.astype(np.float32))

    def write_dir(d, n, size_range):
        if d.exists() and sum(1 for _ in d.rglob("*.jpg")) == n:
            return
        for k in range(n):
            cls = d / ("cats" if k % 2 == 0 else "dogs")
            cls.mkdir(parents=True, exist_ok=True)
            h, w = (int(v) for v in rng.integers(size_range[0], size_range[1] + 1, 2))
            Image.fromarray(smooth_image(rng, h, w)).save(cls / f"{k:05d}.jpg", quality=90)

    write_dir(work / "flow", n_flow, (160, 320))
    write_dir(work / "train", 40, (160, 320))
    write_dir(work / "validation", 40, (160, 320))


def make_model(work):
    import keras
    export = work / "vgg16_export"
    keras.utils.set_random_seed(0)
    base = keras.applications.VGG16(include_top=False, weights=None, input_shape=(150, 150, 3))
    if not (export / "saved_model.pb").exists():
        base.export(str(export), verbose=False)
    return base


# ------------------------------------------------------------------------------------------------ python side

def import_torchvision_v2():
    """torchvision's v2 transforms. The local torchvision wheel is the CUDA build, whose C++ ops cannot load next to
    torch+cpu; its import then fails registering fake kernels for nms/qnms. Declaring those two schemas first lets
    the pure-Python transforms import (they do not use the C++ ops)."""
    import torch
    try:
        from torchvision.transforms import v2
        return v2
    except RuntimeError:
        global _TV_SHIM
        _TV_SHIM = torch.library.Library("torchvision", "DEF")
        _TV_SHIM.define("nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        _TV_SHIM.define("qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor")
        for m in [m for m in sys.modules if m.startswith("torchvision")]:
            del sys.modules[m]
        import warnings
        warnings.filterwarnings("ignore", module="torchvision")
        from torchvision.transforms import v2
        return v2


def time_warps(work, calls):
    import cv2
    import torch
    from keras.src.legacy.preprocessing.image import ImageDataGenerator
    v2 = import_torchvision_v2()
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    x = np.load(work / "image.npy")
    res = {}
    np.random.seed(42)
    for mode in MODES:
        gen = ImageDataGenerator(fill_mode=mode, **AUG)
        res[f"keras_random_transform_us.{mode}"] = median_us(lambda: gen.random_transform(x), max(30, calls // 10),
                                                             min_blocks=9)
    m = fixed_map()
    borders = dict(constant=cv2.BORDER_CONSTANT, nearest=cv2.BORDER_REPLICATE, reflect=cv2.BORDER_REFLECT,
                   wrap=cv2.BORDER_WRAP)
    for mode in MODES:
        res[f"cv2_warpaffine_us.{mode}"] = median_us(
            lambda: cv2.warpAffine(x, m, (150, 150), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                   borderMode=borders[mode], borderValue=0), calls)
    torch.manual_seed(0)
    tv = v2.Compose([v2.RandomAffine(degrees=40, translate=(0.2, 0.2), scale=(0.8, 1.2), shear=20,
                                     interpolation=v2.InterpolationMode.BILINEAR, fill=0),
                     v2.RandomHorizontalFlip()])
    xt = torch.from_numpy(x).permute(2, 0, 1).contiguous()
    res["torchvision_random_affine_us.constant"] = median_us(lambda: tv(xt), calls)
    xu = xt.to(torch.uint8)
    res["torchvision_random_affine_uint8_us.constant"] = median_us(lambda: tv(xu), calls)
    return res


def time_flow(work, batches):
    from keras.src.legacy.preprocessing.image import ImageDataGenerator
    gen = ImageDataGenerator(fill_mode="nearest", **AUG)
    it = gen.flow_from_directory(str(work / "flow"), target_size=(150, 150), batch_size=32, seed=1)
    next(it)
    t = time.perf_counter()
    c = time.process_time()
    n = 0
    for _ in range(batches):
        n += len(next(it)[0])
    wall = time.perf_counter() - t
    return {"keras_flow_images_per_s": n / wall, "keras_flow_cpu_us_per_image": (time.process_time() - c) * 1e6 / n}


def time_fit(work, base, epochs):
    model, train, val, timer, times = keras_fit(work, base)
    model.fit(train, epochs=epochs, validation_data=val, callbacks=[timer], verbose=0)
    return {"keras_epoch_wall_s": [t[0] for t in times], "keras_epoch_cpu_s": [t[1] for t in times]}


# ------------------------------------------------------------------------------------------------ report

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="reduced repetitions, under 10 minutes")
    ap.add_argument("--work", default=str(ROOT / "benchmarks" / "target" / "compare-work"))
    ap.add_argument("--skip-fit", action="store_true", help="skip the fine-tuning epoch and the RSS run (P4, P5)")
    ap.add_argument("--only", choices=["warp", "flow", "fit", "layers", "finetune-any", "predict", "rss-any"],
                    help="run only the paired rounds of one part (P1-P2, P3, P4, P8-P9, P6-P7 with the ResNet50 RSS "
                         "run, P7 alone) or only the ResNet50 RSS run (rss-any)")
    ap.add_argument("--any-rss-steps", type=int, default=None,
                    help="training steps of the ResNet50 RSS run of --only finetune-any (default 200, quick 40; 0 "
                         "skips it)")
    ap.add_argument("--results", default="results.json", help=argparse.SUPPRESS)  # file name in --work
    a = ap.parse_args()
    work = Path(a.work)
    q = a.quick
    calls = 300 if q else 2000
    flow_batches = 6 if q else 30
    epochs = 2 if q else 6
    rss = (32, 8, 500) if q else (64, 16, 500)  # quick: the smallest VGG16 input, so that P5 fits the budget
    started = time.time()
    layer_rounds, layer_calls = (3, 2) if q else (9, 3)
    print(f"inputs in {work}", flush=True)
    if a.only != "layers":  # the layer batch needs NumPy only
        make_inputs(work, 192 if q else 512)
    r = {}
    if a.only:
        if a.only == "layers":
            print("paired rounds: tuna / Keras 3 layer pipelines (eager, tf.data)", flush=True)
            r.update(paired_layers(work, layer_rounds, layer_calls))
        elif a.only == "warp":
            print("paired rounds: tuna / cv2 / Keras / torchvision warps", flush=True)
            r.update(paired_warps(work, 9 if q else 21))
        elif a.only == "flow":
            print("paired rounds: tuna / Keras flow from directory", flush=True)
            r.update(paired_flow(work, 5 if q else 9, 1.5 if q else 2.5))
        elif a.only in ("finetune-any", "rss-any"):
            rss_steps = a.any_rss_steps if a.any_rss_steps is not None else (40 if q else 200)
            r.update(finetune_any(work, q, rss_steps, paired=a.only == "finetune-any"))
        elif a.only == "predict":
            if os.environ.get("TUNA_COMPARE_KERAS_ONEDNN") == "0":  # Keras only: the JVMs get JVM_ENV
                os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
            print(f"  Keras with oneDNN {'off' if os.environ.get('TF_ENABLE_ONEDNN_OPTS') == '0' else 'on'}",
                  flush=True)
            r.update(paired_predict(work, make_config_models(work)[0]["resnet50"], 3 if q else 5))
        else:
            print("paired rounds: tuna / Keras fine-tuning epochs", flush=True)
            r.update(paired_fit(work, make_model(work), 3 if q else 5))
        (work / a.results).write_text(json.dumps(r, indent=1))
        print(f"\n{'quick' if q else 'full'} run (--only {a.only}), {(time.time() - started) / 60:.1f} min, "
              f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
        for line in p_lines(r):
            print(line)
        return
    print("tuna: warp", flush=True)
    r.update({"tuna." + k: v for k, v in java("warp", work / "image.npy", calls).items()})
    for kernel in KERNELS:
        print(f"tuna: warp, {kernel} kernel (-Dtuna.warp.kernel={kernel})", flush=True)
        r.update({f"tuna_{kernel}." + k: v for k, v in java("warp", work / "image.npy", calls,
                                                           jvm=(f"-Dtuna.warp.kernel={kernel}",)).items()})
    print("python: keras / cv2 / torchvision warps", flush=True)
    r.update(time_warps(work, calls))
    print("tuna: decode+resize and flowFromDirectory (-Xmx512m)", flush=True)
    r.update({"tuna." + k: v for k, v in java("flow", work / "flow", 150, flow_batches, xmx="512m").items()})
    print("keras: flow_from_directory", flush=True)
    r.update(time_flow(work, max(3, flow_batches // 2)))
    print("paired rounds: tuna / cv2 / Keras / torchvision warps", flush=True)
    r.update(paired_warps(work, 9 if q else 21))
    print("paired rounds: tuna (2 workers, heap pre-touched) / Keras flow from directory", flush=True)
    r.update(paired_flow(work, 5 if q else 9, 1.5 if q else 2.5))
    print("paired rounds: tuna / Keras 3 layer pipelines (eager, tf.data)", flush=True)
    r.update(paired_layers(work, layer_rounds, layer_calls))
    if not a.skip_fit:
        print("keras: VGG16 fine-tuning epochs", flush=True)
        base = make_model(work)
        r.update(time_fit(work, base, epochs))
        print("tuna: VGG16 fine-tuning epochs", flush=True)
        r.update({"tuna." + k: v for k, v in java("epoch", work / "vgg16_export", work / "train",
                                                   work / "validation", epochs, xmx="2g").items()})
        print("paired rounds: tuna / Keras fine-tuning epochs", flush=True)
        r.update(paired_fit(work, make_model(work), 3 if q else 5))
        print(f"tuna: RSS over {rss[2]} training steps (VGG16 at {rss[0]}x{rss[0]}, batch {rss[1]})", flush=True)
        r.update({"tuna." + k: v for k, v in java("rss", work / "vgg16_export", work / "flow", *rss, xmx="1g",
                                                   jvm=("-Xms1g", "-XX:+AlwaysPreTouch")).items()})
        if not q:  # P6 and P7 (ResNet50's RSS run only with --only finetune-any: it takes half an hour here)
            r.update(finetune_any(work, q, 0))
    (work / a.results).write_text(json.dumps(r, indent=1))
    report(r, q, time.time() - started)


def report(r, quick, seconds):
    rows = []

    def row(what, tuna, other, other_name, unit="µs", higher_better=False):
        if tuna is None or other is None:
            return None
        ratio = (tuna / other) if higher_better else (other / tuna)
        rows.append((what, f"{tuna:,.1f} {unit}", f"{other:,.1f} {unit}", other_name, f"{ratio:.2f}×"))
        return ratio

    p1, p1new, p2k = [], [], []
    for m in MODES:
        t = r[f"tuna.random_transform_us.{m}"]
        ti = r[f"tuna.random_transform_into_us.{m}"]
        cvj, cvp = r[f"tuna.opencv_warpaffine_us.{m}"], r[f"cv2_warpaffine_us.{m}"]
        p1.append(min(cvj, cvp) / ti)
        p1new.append(min(cvj, cvp) / t)
        row(f"randomTransform {m}, output reused, vs cv2.warpAffine 32FC3 (Python)", ti, cvp, "cv2")
        row(f"randomTransform {m}, output reused, vs OpenCV warpAffine (JavaCPP, dst reused)", ti, cvj,
            "OpenCV/Java")
        row(f"randomTransform {m}, new output, vs cv2.warpAffine 32FC3 (Python)", t, cvp, "cv2")
        p2k.append(row(f"randomTransform {m} vs Keras random_transform", t, r[f"keras_random_transform_us.{m}"],
                       "Keras"))
        row(f"exact warp kernel {m} order 1 (fixed map) vs cv2.warpAffine", r[f"tuna.warp_kernel_us.{m}"], cvp, "cv2")
        row(f"exact warp kernel {m} order 0 (fixed map) vs cv2.warpAffine", r[f"tuna.warp_kernel_order0_us.{m}"], cvp,
            "cv2")
        te = r[f"tuna.random_transform_exact_us.{m}"]
        row(f"randomTransform {m}, default float32 vs Precision.EXACT ({r['tuna.warp_kernel'].lower()} kernel)", t,
            te, "tuna exact")
        for kernel in KERNELS:
            row(f"randomTransform {m}, Precision.EXACT, {r['tuna.warp_kernel'].lower()} kernel vs {kernel} kernel",
                te, r[f"tuna_{kernel}.random_transform_exact_us.{m}"], f"tuna {kernel}")
        row(f"randomTransform {m}, OPENCV backend vs the default", r[f"tuna.random_transform_opencv_backend_us.{m}"],
            t, "tuna default")
    p2t = row("randomTransform constant vs torchvision v2 RandomAffine+flip (float)",
              r["tuna.random_transform_us.constant"], r["torchvision_random_affine_us.constant"], "torchvision")
    row("randomTransform constant vs torchvision v2 RandomAffine+flip (uint8)",
        r["tuna.random_transform_us.constant"], r["torchvision_random_affine_uint8_us.constant"], "torchvision u8")
    rows.append(("decode+resize (JPEG 160-320 px → 150×150)", f"{r['tuna.decode_resize_us']:,.1f} µs", "", "", ""))
    fb = r["paired.flow_blocks"]
    touched = statistics.median(b["images_per_s"] for b in fb)
    row("flowFromDirectory, 2 workers, heap pre-touched (images/s, paired rounds)", touched,
        statistics.median(b["keras_images_per_s"] for b in fb), "Keras flow_from_directory", "img/s",
        higher_better=True)
    p3default = row("flowFromDirectory, 2 workers (images/s)", r["tuna.flow_images_per_s.workers2"],
                    r["keras_flow_images_per_s"], "Keras flow_from_directory", "img/s", higher_better=True)
    rows.append(("flowFromDirectory CPU per image, 2 workers (default / pre-touched)",
                 f"{r['tuna.flow_cpu_us_per_image.workers2']:,.0f} / "
                 f"{statistics.median(b['cpu_us_per_image'] for b in fb):,.0f} µs", "", "", ""))
    row("flowFromDirectory, 1 worker (images/s)", r["tuna.flow_images_per_s.workers1"],
        r["keras_flow_images_per_s"], "Keras", "img/s", higher_better=True)
    row("flowFromDirectory, caller thread (images/s)", r["tuna.flow_images_per_s.workers0"],
        r["keras_flow_images_per_s"], "Keras", "img/s", higher_better=True)
    rows.append(("flowFromDirectory peak heap, 2 workers (-Xmx512m)",
                 f"{r['tuna.flow_peak_heap_mb.workers2']:.0f} MB", "", "", ""))
    p4 = p4cpu = p5 = None
    if "keras_epoch_wall_s" in r:
        kw, kc = r["keras_epoch_wall_s"], r["keras_epoch_cpu_s"]
        tw, tc = r["tuna.epoch_wall_s"], r["tuna.epoch_cpu_s"]
        steady = lambda v: statistics.median(v[1:]) if len(v) > 1 else v[0]
        row("fine-tuning epoch 1 wall (incl. graph warm-up)", tw[0], kw[0], "Keras fit", "s")
        row("fine-tuning epoch 1 CPU", tc[0], kc[0], "Keras fit", "s")
        p4 = steady(tw) / steady(kw)
        p4cpu = steady(tc) / steady(kc)
        rows.append(("fine-tuning epoch ≥2 wall (median)", f"{steady(tw):.2f} s", f"{steady(kw):.2f} s", "Keras fit",
                     f"{p4:.2f}× time"))
        rows.append(("fine-tuning epoch ≥2 CPU (median)", f"{steady(tc):.2f} s", f"{steady(kc):.2f} s", "Keras fit",
                     f"{p4cpu:.2f}× time"))
        p5 = r["tuna.rss_growth_pct"]
        trace = r["tuna.rss_mb_every_50_steps"]
        rows.append((f"RSS step 50 → 500 (MB, heap pre-touched)", f"{trace[0]:.0f} → {trace[-1]:.0f}", "", "",
                     f"{p5:+.2f} %"))
        rows.append(("RSS every 50 steps (MB)", " ".join(f"{v:.0f}" for v in trace), "", "", ""))
    w = [max(len(x[i]) for x in rows) for i in range(5)]
    hdr = ("what", "tuna", "other", "other is", "speed-up")
    print()
    print(f"| {' | '.join(h.ljust(w[i]) for i, h in enumerate(hdr))} |")
    print(f"|{'|'.join('-' * (w[i] + 2) for i in range(5))}|")
    for x in rows:
        print(f"| {' | '.join(x[i].ljust(w[i]) for i in range(5))} |")
    print(f"\n{'quick' if quick else 'full'} run, {seconds / 60:.1f} min, load average {os.getloadavg()[0]:.2f}, "
          f"{os.cpu_count()} CPUs, tuna {r.get('tuna.warp_kernel_choice', r['tuna.warp_kernel'])}, warp precision "
          f"{r.get('tuna.warp_precision', '?')}")
    for line in p_lines(r, p1new_unpaired=min(p1new), p3default=p3default, p5=p5):
        print(line)


def spread(values):
    """median, and the min-max spread over the paired rounds, as the P-line fields."""
    return (f"ratio={statistics.median(values):.2f} spread={min(values):.2f}-{max(values):.2f} "
            f"blocks={len(values)}")


def p_lines(r, p1new_unpaired=None, p3default=None, p5=None):
    lines = []
    if "paired.p1" in r:
        lines.append(f"P1 {spread(r['paired.p1'])} goal=1.0   (OpenCV µs / tuna randomTransform µs, worst fill mode "
                     f"per round, faster OpenCV; output image reused as OpenCV's dst is; median "
                     f"{statistics.median(r['paired.p1_new']):.2f} with a new output image per call)")
        lines.append(f"P2 {spread(r['paired.p2_keras'])} goal=20   (vs Keras random_transform, worst fill mode "
                     f"per round, a new output image per call, heap pre-touched)")
        lines.append(f"P2 {spread(r['paired.p2_torchvision'])} goal=1.5   (vs torchvision v2 RandomAffine, "
                     f"constant fill, float)")
    if "paired.p3" in r:
        note = f"; unpaired {p3default:.2f} with the heap not pre-touched" if p3default is not None else ""
        lines.append(f"P3 {spread(r['paired.p3'])} goal=12   (flowFromDirectory 2 workers, -Xmx512m heap "
                     f"pre-touched, vs Keras flow_from_directory images/s{note})")
    if "paired.p4" in r:
        lines.append(f"P4 {spread(r['paired.p4'])} goal=0.55   (tuna epoch wall / Keras fit epoch wall, epochs "
                     f"after the first; CPU ratio median {statistics.median(r['paired.p4_cpu']):.2f})")
    if "paired.p8_geometric" in r:
        what = {"geometric": "RandomFlip+RandomRotation+RandomTranslation+RandomZoom", "randaugment": "RandAugment"}
        for name in ("geometric", "randaugment"):
            lines.append(f"P8 {spread(r[f'paired.p8_{name}'])} goal=10   (Keras 3 eager, TF CPU ms / tuna ms per "
                         f"32x224x224x3 batch, {what[name]})")
        for name in ("geometric", "randaugment"):
            lines.append(f"P9 {spread(r[f'paired.p9_{name}'])} goal=1.5   (Keras 3 in tf.data map, tf.function, "
                         f"ms / tuna ms per batch, {what[name]})")
        bl = r["paired.layers_blocks"]
        med = lambda k: statistics.median(b[k] for b in bl)
        lines.append(f"# per batch, medians: tuna {med('geometric_ms'):.1f} / {med('randaugment_ms'):.1f} ms, Keras "
                     f"eager {med('keras_eager_geometric_ms'):.1f} / {med('keras_eager_randaugment_ms'):.1f} ms, "
                     f"tf.data {med('keras_tfdata_geometric_ms'):.1f} / {med('keras_tfdata_randaugment_ms'):.1f} ms "
                     f"(geometric / RandAugment); tuna {r.get('paired.layers_setup', {})}")
    if "paired.p8k" in r:
        bl = r["paired.layers_blocks"]
        new = [b["kernel_new_us"] for b in bl if "kernel_new_us" in b]
        lines.append(f"P8k {spread(r['paired.p8k'])} goal=1.0   (cv2.warpAffine µs / tuna ImageProjectiveTransformV3 "
                     f"kernel µs, one 224x224x3 float32 image, one thread each, bilinear, reflect, 10° rotation + "
                     f"shift, output reused; medians tuna {statistics.median(b['kernel_us'] for b in bl):.0f}"
                     + (f" ({statistics.median(new):.0f} with a new output array)" if new else "")
                     + f" / cv2 {statistics.median(b['cv2_warpaffine_us'] for b in bl):.0f} µs)")
    if "paired.p6" in r:
        bl = r["paired.two_phase_blocks"]
        med = lambda key: statistics.median(sum(b[key]) for b in bl)
        lines.append(f"P6 {spread(r['paired.p6'])} goal=0.6   (MobileNetV2 160x160 two-phase fine-tuning, 2+2 epochs: "
                     f"tuna epoch wall / Keras fit epoch wall, epochs {r['paired.two_phase_steady_epochs']} (after "
                     f"each phase's first); CPU ratio median {statistics.median(r['paired.p6_cpu']):.2f}; whole run "
                     f"from the .keras file wall {statistics.median(r['paired.p6_run']):.2f}, CPU "
                     f"{statistics.median(r['paired.p6_run_cpu']):.2f}; all 4 epochs wall tuna {med('epoch_wall_s'):.1f} s, "
                     f"Keras {med('keras_epoch_wall_s'):.1f} s)")
    if "paired.p7" in r:
        bl = r["paired.predict_blocks"]
        lines.append(f"P7 {spread(r['paired.p7'])} goal=1.0   (ResNet50 224x224 features, batch 32: tuna KerasModel "
                     f"images/s / Keras predict images/s; CPU ratio (Keras CPU / tuna CPU) median "
                     f"{statistics.median(r['paired.p7_cpu']):.2f}; per batch tuna "
                     f"{statistics.median(b['wall_s'] for b in bl):.2f} s wall {statistics.median(b['cpu_s'] for b in bl):.2f} s CPU, "
                     f"Keras {statistics.median(b['keras_wall_s'] for b in bl):.2f} s wall "
                     f"{statistics.median(b['keras_cpu_s'] for b in bl):.2f} s CPU, Keras oneDNN "
                     f"{'on' if r['paired.keras_onednn'] else 'off'}; max |diff| / max |Keras| "
                     f"{r['paired.predict_first']['max_rel_diff']:.1e})")
    if "tuna_any.rss_growth_pct" in r:
        trace = r["tuna_any.rss_mb"]
        every = r["tuna_any.every"]
        lines.append(f"RSS ResNet50 growth={r['tuna_any.rss_growth_pct']:+.2f}% goal=5   (224x224, batch 32, "
                     f"last stage trainable, -Xmx2g pre-touched; RSS MB at steps {every}..{r['tuna_any.steps']} "
                     f"every {every}: {' '.join(f'{v:.0f}' for v in trace)}; median step "
                     f"{statistics.median(r['tuna_any.step_s']):.2f} s)")
    if p5 is not None:
        lines.append(f"P5 ratio={p5:.2f} goal=5   (RSS growth % between step 50 and 500, must stay below)")
    elif "paired.p4" not in r and p3default is not None:
        lines.append("P4 ratio=skipped goal=0.55\nP5 ratio=skipped goal=5")
    return lines


if __name__ == "__main__":
    main()
