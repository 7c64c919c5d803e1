#!/usr/bin/env python3
"""P10: tuna spark augment on an embedded Spark, local[2] against local[1], and local[1] against the single-machine
flowFromDirectory with one worker; then feature extraction with the mini VGG at 150x150 on local[2].

Run through ./p10.sh (builds the examples module and its runtime classpath, no install). Python standard library
only. Inputs are generated in --work by P10.java: --images JPEGs (160-320 px a side, two classes) for augment and
flow, --feature-images more for feature extraction.

Every run is a fresh JVM doing --passes passes (default 4) over the same images: `P10 spark`, which calls
`dev.tuna.spark.Main augment` once per pass in one Spark session (one copy per image at 150x150 with rotation 40,
shifts 0.2, shear 20, zoom 0.2, horizontal flip, fill nearest, written as PNG), `P10 flow` (the same augmentation
through flowFromDirectory, 1 worker, batches of 32, not written) and `P10 flowpng` (the same pass, each image then
encoded with the Spark job's PNG encoder and written like the Spark job writes it: into a hidden directory moved
into place at the end; the same work as the Spark job on one machine). What is timed: for the Spark job, from the
first read of the input to the output in place, without the JVM's and the Spark session's start-up (the job's own
`images/s`); it includes the job's fixed costs (listing the files, the first tasks, the first use of the native
decoders). For the single-machine passes, from building the generator to the last image written, without the JVM's
start-up. Two P-lines come from the same runs: the first pass of each JVM (a fresh JVM: the JIT compiles and the
heap grows while it runs, on the core a local[1] job leaves free but a local[2] job does not) and the last pass
(steady state: what a long job sustains once the JVM is warm). A round runs local[1], local[2], flow and flowpng,
in an order that alternates between rounds; the P-lines report the median of the per-round ratios and their
spread, as compare.py does, for local[1] against both single-machine runs.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MINI_VGG = ROOT / "finetune" / "src" / "test" / "resources" / "keras-mini-vgg" / "keras3.keras"
AUG = ["--rotation-range", "40", "--width-shift-range", "0.2", "--height-shift-range", "0.2", "--shear-range", "20",
       "--zoom-range", "0.2", "--horizontal-flip", "--fill-mode", "nearest"]
SUMMARY = re.compile(r"\(([\d.]+) s, ([\d.]+) images/s\)")
# The opens an embedded Spark needs on Java 17+ (the parent pom's tuna.spark.opens, the tuna launcher's list).
OPENS = ["-XX:+IgnoreUnrecognizedVMOptions", "-Djdk.reflect.useDirectMethodHandle=false",
         "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED"]
OPENS += [f"--add-opens=java.base/{p}=ALL-UNNAMED" for p in (
    "java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent "
    "java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar").split()]


def classpath():
    target = ROOT / "examples" / "target"
    jars = sorted(p for p in target.glob("tuna-examples-*.jar") if not p.name.endswith(("-sources.jar",
                                                                                            "-javadoc.jar")))
    if not jars or not (target / "classpath.txt").exists():
        sys.exit("p10: examples/target has no jar or classpath.txt; run benchmarks/compare/p10.sh")
    return f"{jars[0]}:{(target / 'classpath.txt').read_text().strip()}"


def java(cp, xmx, *args):
    cmd = ["java", f"-Xmx{xmx}", *OPENS, "--add-modules", "jdk.incubator.vector",
           "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-cp", cp, *map(str, args)]
    print(f"  $ {' '.join(str(a) for a in args)}   (load average {os.getloadavg()[0]:.2f})", flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True,
                         env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "OPENCV_LOG_LEVEL": "SILENT"})
    if out.returncode != 0:
        sys.exit(f"p10: failed ({out.returncode}): {' '.join(map(str, args))}\n{out.stdout}\n{out.stderr[-4000:]}")
    return out.stdout


def passes(lines, pick):
    """(first, last) of the per-pass results that pick extracts from the output lines."""
    found = [r for r in map(pick, lines) if r is not None]
    if not found:
        sys.exit(f"p10: no timing in {lines[-5:]!r}")
    return found[0], found[-1]


def summary(line):
    m = SUMMARY.search(line)
    return {"seconds": float(m.group(1)), "images_per_s": float(m.group(2)), "line": line} if m else None


def spark_job(cp, xmx, n, job, master, src, dst, *extra):
    first, last = passes(java(cp, xmx, HERE / "P10.java", "spark", n, job, "--input", src, "--output", dst,
                              "--master", master, "--overwrite", *extra).strip().splitlines(), summary)
    print(f"    first pass: {first['line']}\n    last pass:  {last['line']}", flush=True)
    return first, last


def flow(cp, xmx, n, src, out=None):
    args = ["flow", src, 150, n] if out is None else ["flowpng", src, 150, out, n]
    lines = java(cp, xmx, HERE / "P10.java", *args).strip().splitlines()
    first, last = passes(lines, lambda ln: json.loads(ln) if ln.startswith("{") else None)
    what = "" if out is None else " + PNG written"
    for k, r in (("first", first), ("last", last)):
        print(f"    {k} pass: flowFromDirectory, 1 worker{what}: {r['images']} images in {r['seconds']:.1f} s, "
              f"{r['images_per_s']:.1f} images/s", flush=True)
    return first, last


def spread(values):
    return (f"ratio={statistics.median(values):.2f} spread={min(values):.2f}-{max(values):.2f} "
            f"blocks={len(values)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=str(ROOT / "benchmarks" / "target" / "p10-work"))
    ap.add_argument("--images", type=int, default=3000, help="input images of augment and flow (default 3000)")
    ap.add_argument("--rounds", type=int, default=3, help="paired rounds (default 3)")
    ap.add_argument("--feature-images", type=int, default=2000,
                    help="input images of the feature extraction (default 2000; 0 skips it)")
    ap.add_argument("--xmx", default="2g", help="heap of each JVM (default 2g)")
    ap.add_argument("--passes", type=int, default=4, help="passes per JVM; the first and the last are reported "
                    "(default 4)")
    a = ap.parse_args()
    work = Path(a.work)
    cp = classpath()
    started = time.time()
    load_start = os.getloadavg()[0]
    src = work / f"augment-{a.images}"
    print(f"inputs in {work}", flush=True)
    java(cp, a.xmx, HERE / "P10.java", "inputs", src, a.images, 1)
    one, two, flows, pngs = [], [], [], []
    for r in range(a.rounds):
        print(f"round {r + 1}/{a.rounds}", flush=True)
        runs = {
            "local[1]": lambda: one.append(spark_job(cp, a.xmx, a.passes, "augment", "local[1]", src, work / "out-1",
                                                     "--copies", "1", "--seed", "1", "--target-size", "150,150",
                                                     *AUG)),
            "local[2]": lambda: two.append(spark_job(cp, a.xmx, a.passes, "augment", "local[2]", src, work / "out-2",
                                                     "--copies", "1", "--seed", "1", "--target-size", "150,150",
                                                     *AUG)),
            "flow": lambda: flows.append(flow(cp, a.xmx, a.passes, src)),
            "flowpng": lambda: pngs.append(flow(cp, a.xmx, a.passes, src, work / "out-flow")),
        }
        order = ["local[1]", "local[2]", "flow", "flowpng"]
        if r % 2 == 1:
            order.reverse()
        for k in order:
            runs[k]()
    same = subprocess.run(["diff", "-r", "-q", str(work / "out-1"), str(work / "out-2")], capture_output=True)
    features = None
    if a.feature_images > 0:
        fsrc = work / f"features-{a.feature_images}"
        java(cp, a.xmx, HERE / "P10.java", "inputs", fsrc, a.feature_images, 2)
        print("feature extraction, mini VGG at 150x150, local[2]", flush=True)
        features = spark_job(cp, a.xmx, 1, "features", "local[2]", fsrc, work / "features.parquet", "--model",
                             MINI_VGG, "--target-size", "150,150", "--preprocess", "rescale")[0]
    shutil.rmtree(work / "features.parquet", ignore_errors=True)
    print(f"\np10 run, {a.images} images x {a.rounds} rounds x {a.passes} passes per JVM, "
          f"{(time.time() - started) / 60:.1f} min, load average {load_start:.2f} at the start, "
          f"{os.getloadavg()[0]:.2f} at the end, {os.cpu_count()} CPUs; local[1] and local[2] outputs "
          f"{'identical' if same.returncode == 0 else 'DIFFER'}")
    for k, name in ((0, "first pass of a fresh JVM"), (1, f"pass {a.passes} of {a.passes} in one JVM")):
        o, t, f, g = ([run[k] for run in runs] for runs in (one, two, flows, pngs))
        ratio = lambda xs, ys: [y["images_per_s"] / x["images_per_s"] for x, y in zip(xs, ys)]
        med = lambda runs: statistics.median(x["images_per_s"] for x in runs)
        secs = lambda runs: statistics.median(x["seconds"] for x in runs)
        print(f"# {name}, without the JVM's and Spark's start-up; seconds per pass, medians: local[1] "
              f"{secs(o):.1f}, local[2] {secs(t):.1f}, flowFromDirectory {secs(f):.1f}, + PNG written {secs(g):.1f}; "
              f"images/s medians: local[1] {med(o):.1f}, local[2] {med(t):.1f}, flowFromDirectory 1 worker "
              f"{med(f):.1f}, the same + PNG written {med(g):.1f}")
        print(f"P10 {spread(ratio(o, t))} goal=1.7   ({name}; tuna spark augment images/s, local[2] / local[1], "
              f"{a.images} JPEGs -> 150x150 PNG; local[1] / flowFromDirectory 1 worker {spread(ratio(f, o))} "
              f"goal=0.8; local[1] / flowFromDirectory 1 worker + PNG written {spread(ratio(g, o))} goal=0.8)")
    if features is not None:
        print(f"P10 features images_per_s={features['images_per_s']:.1f}   (tuna spark features, "
              f"{a.feature_images} JPEGs, mini VGG at 150x150, local[2], {features['seconds']:.1f} s)")


if __name__ == "__main__":
    main()
