"""Golden fixtures for tuna-core's I/O half: decoding (Keras ``load_img`` + ``img_to_array``), PIL resizing,
``keep_aspect_ratio`` crop boxes, ``.npy`` files written by NumPy, and ``DirectoryIterator`` file listings.

Everything is written below ``core/src/test/resources/pil/``; the layout is described in ``pil/README.md``
(written by this script). Every expected value comes from Pillow 12.3 / Keras 3.15 / NumPy 2.4 run here, never
from tuna. Expected pixel arrays are Keras' float32 ``img_to_array`` output stored losslessly as the smallest integer
dtype that holds them (the script asserts that every value is integral and in range) to keep the fixtures small.
"""
import io
import os
import re
import shutil
import struct
import tempfile
import warnings
import zlib

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
from PIL import Image

from keras.src.legacy.preprocessing.image import ImageDataGenerator
from keras.src.utils import image_utils

from common import resources, save_json, save_npy

OUT = resources("core", "pil")
MODES = ("rgb", "rgba", "grayscale")
INTERPOLATIONS = ("nearest", "bilinear", "bicubic", "hamming", "box", "lanczos")


# ---------------------------------------------------------------------------------------------------------------
# helpers

def photo(w, h, seed, alpha=False):
    """A deterministic photo-like RGB(A) uint8 array: gradients, noise, hard edges and a disc."""
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.stack([xx * 255.0 / max(w - 1, 1), yy * 255.0 / max(h - 1, 1),
                    (xx + yy) * 255.0 / max(w + h - 2, 1)], -1)
    img += rng.normal(0, 22, img.shape)
    img[h // 4: h // 2, w // 8: w // 2] = [250, 20, 40]
    disc = (xx - 0.7 * w) ** 2 + (yy - 0.6 * h) ** 2 < (0.2 * min(w, h)) ** 2
    img[disc] = [10, 200, 90]
    rgb = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    if not alpha:
        return rgb
    a = np.clip(xx * 7 + yy * 5 - 20, 0, 255).astype(np.uint8)
    a[:, -3:] = 255
    a[:2, :] = 0
    return np.dstack([rgb, a])


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def write_png(path, arr, bit_depth, color_type, interlace=False):
    """A minimal PNG encoder (PIL cannot write 16-bit RGB(A) or interlaced PNGs). Filter type 0 everywhere."""
    h, w = arr.shape[:2]
    dtype = ">u2" if bit_depth == 16 else "u1"

    def raw_rows(a):
        return b"".join(b"\x00" + a[r].astype(dtype).tobytes() for r in range(a.shape[0]))

    if interlace:
        passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
        raw = b""
        for x0, y0, dx, dy in passes:
            sub = arr[y0::dy, x0::dx]
            if sub.shape[0] and sub.shape[1]:
                raw += raw_rows(sub)
    else:
        raw = raw_rows(arr)
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1 if interlace else 0)
    data = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw, 9))
            + png_chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def keras_array(source, color_mode="rgb", target_size=None, interpolation="nearest", keep_aspect_ratio=False):
    img = image_utils.load_img(source, color_mode=color_mode, target_size=target_size,
                               interpolation=interpolation, keep_aspect_ratio=keep_aspect_ratio)
    return img.mode, image_utils.img_to_array(img, data_format="channels_last", dtype="float32")


def compact(x):
    """Keras' float32 array as the smallest lossless integer dtype (asserted)."""
    assert x.dtype == np.float32
    assert np.all(np.rint(x) == x), "non-integral pixel values"
    lo, hi = x.min(), x.max()
    for dt in (np.uint8, np.uint16, np.int32):
        info = np.iinfo(dt)
        if info.min <= lo and hi <= info.max:
            return x.astype(dt)
    raise AssertionError("out of range")


def pil_outcome(data):
    """What Keras' load_img + img_to_array does with these bytes in rgb mode: ('ok', array) or ('error', message)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, x = keras_array(io.BytesIO(data), "rgb")
        return "ok", x
    except Exception as e:  # noqa: BLE001 - we record whatever PIL raises
        return "error", re.sub(r"<_io.BytesIO object at 0x[0-9a-f]+>", "<bytes>", f"{type(e).__name__}: {e}")


# ---------------------------------------------------------------------------------------------------------------
# decode fixtures

def make_sources(d):
    """Writes the decode sources; returns {file name: description}."""
    small = photo(31, 23, 1)
    small_a = photo(31, 23, 2, alpha=True)
    big = photo(64, 48, 3)
    odd = photo(33, 17, 4)
    im, ima = Image.fromarray(small), Image.fromarray(small_a, "RGBA")
    lum = im.convert("L")
    pal = im.convert("P", palette=Image.Palette.ADAPTIVE, colors=40)
    rng = np.random.RandomState(5)
    g16 = rng.randint(0, 65536, (23, 31)).astype(np.uint16)
    g16[0, :6] = [0, 1, 255, 256, 300, 65535]
    out = {}

    def save(name, img, fmt, desc, **kw):
        img.save(os.path.join(d, name), fmt, **kw)
        out[name] = desc

    # PNG
    save("rgb.png", im, "PNG", "PNG RGB 8-bit")
    save("rgba.png", ima, "PNG", "PNG RGBA 8-bit")
    save("l.png", lum, "PNG", "PNG grayscale 8-bit")
    save("la.png", ima.convert("LA"), "PNG", "PNG grayscale+alpha")
    save("p.png", pal, "PNG", "PNG palette")
    save("p_trns.png", pal, "PNG", "PNG palette with tRNS", transparency=3)
    save("p4.png", im.convert("P", palette=Image.Palette.ADAPTIVE, colors=16), "PNG", "PNG 4-bit palette", bits=4)
    c = small[0, 0]
    save("rgb_trns.png", im, "PNG", "PNG RGB with tRNS colour", transparency=(int(c[0]), int(c[1]), int(c[2])))
    save("l_trns.png", lum, "PNG", "PNG grayscale with tRNS", transparency=int(np.asarray(lum)[0, 0]))
    save("one.png", lum.convert("1"), "PNG", "PNG 1-bit")
    save("g4.png", Image.fromarray((np.asarray(lum) // 17 * 17).astype(np.uint8)), "PNG", "PNG 4-bit grayscale",
         bits=4)
    save("g16.png", Image.fromarray(g16), "PNG", "PNG 16-bit grayscale (PIL I;16)")
    write_png(os.path.join(d, "rgb16.png"), rng.randint(0, 65536, (23, 31, 3)), 16, 2)
    out["rgb16.png"] = "PNG 16-bit RGB"
    write_png(os.path.join(d, "rgba16.png"), rng.randint(0, 65536, (23, 31, 4)), 16, 6)
    out["rgba16.png"] = "PNG 16-bit RGBA"
    write_png(os.path.join(d, "rgb_adam7.png"), small, 8, 2, interlace=True)
    out["rgb_adam7.png"] = "PNG RGB Adam7-interlaced"
    # JPEG
    big_im = Image.fromarray(big)
    save("base420.jpg", big_im, "JPEG", "JPEG baseline 4:2:0", quality=85)
    save("base422.jpg", big_im, "JPEG", "JPEG baseline 4:2:2", quality=90, subsampling=1)
    save("base444.jpg", big_im, "JPEG", "JPEG baseline 4:4:4", quality=92, subsampling=0)
    save("prog.jpg", big_im, "JPEG", "JPEG progressive 4:2:0", quality=80, progressive=True)
    save("odd420.jpg", Image.fromarray(odd), "JPEG", "JPEG 4:2:0 with odd size 33x17", quality=75)
    save("gray.jpg", big_im.convert("L"), "JPEG", "JPEG grayscale", quality=85)
    save("restart.jpg", big_im, "JPEG", "JPEG with restart markers", quality=85, restart_marker_blocks=2)
    save("cmyk.jpg", big_im.convert("CMYK"), "JPEG", "JPEG CMYK (Adobe)", quality=90)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 CW; Keras does not apply it
    save("exif_rot6.jpg", big_im, "JPEG", "JPEG with EXIF orientation 6", quality=85, exif=exif.tobytes())
    corrupt = bytearray(open(os.path.join(d, "base420.jpg"), "rb").read())
    corrupt[len(corrupt) // 2] ^= 0x5A
    corrupt[len(corrupt) // 2 + 1] ^= 0x33
    with open(os.path.join(d, "corrupt_data.jpg"), "wb") as f:
        f.write(corrupt)
    out["corrupt_data.jpg"] = "JPEG with two flipped entropy-coded bytes (libjpeg warns, PIL decodes)"
    # BMP
    save("rgb.bmp", im, "BMP", "BMP 24-bit")
    save("l.bmp", lum, "BMP", "BMP 8-bit grayscale palette")
    save("p.bmp", pal, "BMP", "BMP 8-bit palette")
    save("one.bmp", lum.convert("1"), "BMP", "BMP 1-bit")
    save("rgbx.bmp", ima, "BMP", "BMP 32-bit BI_RGB (PIL ignores the 4th byte)")
    bmp = bytearray(open(os.path.join(d, "rgb.bmp"), "rb").read())
    off, = struct.unpack_from("<I", bmp, 10)
    w, h = struct.unpack_from("<ii", bmp, 18)
    stride = (w * 3 + 3) // 4 * 4
    rows = [bytes(bmp[off + r * stride: off + (r + 1) * stride]) for r in range(h)]
    struct.pack_into("<i", bmp, 22, -h)
    bmp[off:] = b"".join(reversed(rows))
    with open(os.path.join(d, "rgb_topdown.bmp"), "wb") as f:
        f.write(bmp)
    out["rgb_topdown.bmp"] = "BMP 24-bit top-down (negative height)"
    # PNM
    save("rgb.ppm", im, "PPM", "PPM P6")
    save("l.pgm", lum, "PPM", "PGM P5")
    save("one.pbm", lum.convert("1"), "PPM", "PBM P4")
    lum_a = np.asarray(lum).astype(np.int64)
    with open(os.path.join(d, "l16.pgm"), "wb") as f:
        f.write(b"P5\n31 23\n65535\n" + g16.astype(">u2").tobytes())
    out["l16.pgm"] = "PGM P5 maxval 65535 (PIL mode I)"
    with open(os.path.join(d, "l1000.pgm"), "wb") as f:
        f.write(b"P5 31 23 1000\n" + (g16 // 66).astype(">u2").tobytes())
    out["l1000.pgm"] = "PGM P5 maxval 1000 (scaled to 0..65535, PIL mode I)"
    with open(os.path.join(d, "rgb100.ppm"), "wb") as f:
        f.write(b"P6\n# a comment\n31 23\n100\n" + (small.astype(np.int32) * 100 // 255).astype(np.uint8).tobytes())
    out["rgb100.ppm"] = "PPM P6 maxval 100 with a comment (scaled, round half even)"
    with open(os.path.join(d, "plain.pgm"), "wb") as f:
        f.write(b"P2\n# plain\n31 23 200\n" + "\n".join(
            " ".join(str(v * 200 // 255) for v in row) for row in lum_a).encode() + b"\n")
    out["plain.pgm"] = "PGM P2 (plain) maxval 200"
    with open(os.path.join(d, "plain.ppm"), "wb") as f:
        f.write(b"P3\n31 23\n255\n" + "\n".join(" ".join(str(v) for v in row.ravel()) for row in small).encode())
    out["plain.ppm"] = "PPM P3 (plain)"
    bits = (lum_a < 128).astype(np.uint8)
    with open(os.path.join(d, "plain.pbm"), "wb") as f:
        f.write(b"P1\n31 23\n" + "\n".join("".join(str(v) for v in row) for row in bits).encode() + b"\n")
    out["plain.pbm"] = "PBM P1 (plain)"
    # TIFF
    save("rgb.tif", im, "TIFF", "TIFF RGB uncompressed")
    save("rgb_lzw.tif", im, "TIFF", "TIFF RGB LZW", compression="tiff_lzw")
    save("rgb_deflate.tif", im, "TIFF", "TIFF RGB Deflate", compression="tiff_adobe_deflate")
    save("rgb_packbits.tif", im, "TIFF", "TIFF RGB PackBits", compression="packbits")
    save("l.tif", lum, "TIFF", "TIFF grayscale")
    save("one.tif", lum.convert("1"), "TIFF", "TIFF 1-bit")
    save("p.tif", pal, "TIFF", "TIFF palette")
    save("g16.tif", Image.fromarray(g16), "TIFF", "TIFF 16-bit grayscale (PIL I;16)")
    save("g16be.tif", Image.fromarray(g16.astype(">u2")), "TIFF",
         "TIFF 16-bit big-endian grayscale (PIL I;16B: Keras' grayscale mode converts it to L, clipping at 255)")
    save("rgba.tif", ima, "TIFF", "TIFF RGBA, ExtraSamples=2 (unassociated alpha)")
    save("cmyk.tif", big_im.convert("CMYK").resize((31, 23)), "TIFF", "TIFF CMYK")
    for name, extra, desc in (("rgba_assoc.tif", 1, "TIFF RGBA, ExtraSamples=1 (premultiplied, PIL RGBa)"),
                              ("rgbx.tif", 0, "TIFF RGBA, ExtraSamples=0 (PIL RGBX, alpha ignored)")):
        out[name] = desc
        with open(os.path.join(d, name), "wb") as f:
            f.write(patch_tiff_extra_samples(open(os.path.join(d, "rgba.tif"), "rb").read(), extra))
    return out


def patch_tiff_extra_samples(data, value):
    data = bytearray(data)
    assert data[:4] == b"II*\x00"
    ifd, = struct.unpack_from("<I", data, 4)
    n, = struct.unpack_from("<H", data, ifd)
    for i in range(n):
        e = ifd + 2 + 12 * i
        tag, typ, count = struct.unpack_from("<HHI", data, e)
        if tag == 338:
            assert count == 1 and typ == 3
            struct.pack_into("<H", data, e + 8, value)
            return bytes(data)
    raise AssertionError("no ExtraSamples tag")


def gen_decode():
    d = os.path.join(OUT, "decode")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    exp = os.path.join(d, "expected")
    os.makedirs(exp)
    descriptions = make_sources(d)
    manifest = {}
    for name in sorted(descriptions):
        path = os.path.join(d, name)
        entry = {"description": descriptions[name], "pil_mode": Image.open(path).mode, "modes": {}}
        for mode in MODES:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out_mode, x = keras_array(path, mode)
            save_npy(os.path.join(exp, f"{name}.{mode}.npy"), compact(x))
            entry["modes"][mode] = {"pil_mode": out_mode, "shape": list(x.shape)}
        manifest[name] = entry
    save_json(os.path.join(d, "manifest.json"), manifest)


# ---------------------------------------------------------------------------------------------------------------
# bad inputs

def png_chunks(data):
    """(offset, type, length) of every chunk of a PNG."""
    out, pos = [], 8
    while pos + 8 <= len(data):
        length, = struct.unpack_from(">I", data, pos)
        out.append((pos, bytes(data[pos + 4: pos + 8]), length))
        pos += 12 + length
    return out


def gen_bad():
    d = os.path.join(OUT, "bad")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    src = os.path.join(OUT, "decode")
    files = {}

    def put(name, data):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        files[name] = data

    put("empty.png", b"")
    put("text.jpg", b"this is not an image, just text named .jpg\n")
    put("gif_named.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    put("bomb_header_only.png", b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr))
    put("bomb.png", b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b""))
    put("bomb.ppm", b"P6\n100000 100000\n255\n")
    jpg = bytearray(open(os.path.join(src, "base420.jpg"), "rb").read())
    i = 2
    while True:  # find SOF0 and patch its height/width to 60000 x 60000
        marker, length = jpg[i + 1], struct.unpack_from(">H", jpg, i + 2)[0]
        if marker == 0xC0:
            struct.pack_into(">HH", jpg, i + 5, 60000, 60000)
            break
        i += 2 + length
    put("bomb.jpg", bytes(jpg))
    bmp = bytearray(open(os.path.join(src, "rgb.bmp"), "rb").read())
    struct.pack_into("<ii", bmp, 18, 50000, 50000)
    put("bomb.bmp", bytes(bmp))
    tif = bytearray(open(os.path.join(src, "rgb.tif"), "rb").read())
    ifd, = struct.unpack_from("<I", tif, 4)
    n, = struct.unpack_from("<H", tif, ifd)
    for k in range(n):
        e = ifd + 2 + 12 * k
        tag, typ = struct.unpack_from("<HH", tif, e)
        if tag in (256, 257):
            if typ == 3:
                struct.pack_into("<H", tif, e + 8, 60000)
            else:
                struct.pack_into("<I", tif, e + 8, 60000)
    put("bomb.tif", bytes(tif))
    put("zero_width.png", b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 0, 10, 8, 2, 0, 0, 0)))
    png = open(os.path.join(src, "rgb.png"), "rb").read()
    put("garbage_idat.png", png[:60] + bytes(range(256)) * 4)
    chunks = png_chunks(png)
    idat = next(c for c in chunks if c[1] == b"IDAT")
    bad_crc = bytearray(png)
    bad_crc[idat[0] + 8 + idat[2]] ^= 0xFF  # IDAT CRC: PIL does not check it
    put("idat_crc.png", bytes(bad_crc))
    bad_adler = bytearray(png)
    bad_adler[idat[0] + 8 + idat[2] - 1] ^= 0xFF  # last Adler-32 byte, with the IDAT CRC recomputed
    struct.pack_into(">I", bad_adler, idat[0] + 8 + idat[2],
                     zlib.crc32(bytes(bad_adler[idat[0] + 4: idat[0] + 8 + idat[2]])) & 0xFFFFFFFF)
    put("adler.png", bytes(bad_adler))
    pal = open(os.path.join(src, "p.png"), "rb").read()
    plte = next(c for c in png_chunks(pal) if c[1] == b"PLTE")
    bad_plte = bytearray(pal)
    bad_plte[plte[0] + 8] ^= 1  # PIL verifies the CRCs of chunks before IDAT
    put("plte_crc.png", bytes(bad_plte))
    outcomes = {}
    for name in sorted(files):
        status, x = pil_outcome(files[name])
        outcomes[name] = {"status": status, "pil_message": x if status == "error" else None}
        if status == "ok":
            outcomes[name]["expected"] = f"{name}.rgb.npy"
            save_npy(os.path.join(d, f"{name}.rgb.npy"), compact(x))
    # Truncations: every source format, cut by a few characteristic amounts. Keras/PIL's verdict decides whether
    # the Java decoder must fail ("error") or return the full image ("ok" implies the complete image here).
    truncations = []
    for name in ("base420.jpg", "prog.jpg", "gray.jpg", "rgb.png", "p.png", "g16.png", "rgb_adam7.png", "rgb.bmp",
                 "p.bmp", "rgb.ppm", "l.pgm", "plain.ppm", "rgb.tif", "rgb_lzw.tif"):
        data = open(os.path.join(src, name), "rb").read()
        _, full = keras_array(io.BytesIO(data), "rgb")
        for cut in sorted({1, 2, 4, 8, 12, 16, 20, 40, len(data) // 2, len(data) - 20, len(data) - 8}):
            status, x = pil_outcome(data[: len(data) - cut])
            case = {"file": name, "cut": cut, "status": status}
            if status == "ok":
                case["equals_full"] = bool(x.shape == full.shape and np.array_equal(x, full))
                if not case["equals_full"]:
                    case["expected"] = f"truncated_{name}_{cut}.rgb.npy"
                    save_npy(os.path.join(d, case["expected"]), compact(x))
            else:
                case["pil_message"] = x
            truncations.append(case)
    save_json(os.path.join(d, "outcomes.json"), {"files": outcomes, "truncations": truncations,
                                                 "max_image_pixels": Image.MAX_IMAGE_PIXELS})


# ---------------------------------------------------------------------------------------------------------------
# resize fixtures

def nearest_map(n_in, n_out, box=None, mode="I"):
    """PIL's NEAREST source index for each output column of a 1-row image whose pixel i has value i."""
    dtype = np.uint16 if mode == "I;16" else np.int32
    img = Image.fromarray(np.arange(n_in, dtype=dtype)[None, :])
    assert img.mode == mode
    b = (0, 0, n_in, 1) if box is None else (box[0], 0, box[1], 1)
    res = np.asarray(img.resize((n_out, 1), Image.Resampling.NEAREST, box=b))[0]
    if mode == "I" and n_in <= 256:  # the 8-bit path uses the same algorithm
        lum = Image.fromarray(np.arange(n_in, dtype=np.uint8)[None, :])
        assert np.array_equal(np.asarray(lum.resize((n_out, 1), Image.Resampling.NEAREST, box=b))[0], res)
    return [int(v) for v in res]


def gen_resize():
    d = os.path.join(OUT, "resize")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    # NEAREST index maps: all pairs up to 24, then a few large ones, and crop boxes.
    maps = []
    pairs = [(i, o) for i in range(1, 25) for o in range(1, 25)]
    pairs += [(1000, 224), (224, 1000), (640, 224), (480, 224), (299, 150), (150, 299), (7, 1000), (1000, 7),
              (53, 37), (97, 1), (1, 97), (255, 256), (256, 255), (1920, 331), (100, 3)]
    for n_in, n_out in pairs:
        maps.append({"in": n_in, "out": n_out, "map": nearest_map(n_in, n_out)})
    for n_in, b0, b1, n_out in [(60, 10, 50, 20), (640, 80, 560, 224), (500, 137, 362, 150), (33, 1, 32, 7),
                                (100, 3, 97, 250)]:
        maps.append({"in": n_in, "box": [b0, b1], "out": n_out, "map": nearest_map(n_in, n_out, (b0, b1))})
    maps16 = []
    for n_in, n_out in [(4, 6), (6, 4), (5, 7), (7, 5), (3, 10), (10, 3), (1000, 224), (224, 1000), (13, 13 * 3)]:
        maps16.append({"in": n_in, "out": n_out, "map": nearest_map(n_in, n_out, mode="I;16")})
    save_json(os.path.join(d, "nearest_maps.json"), {"mode_I_and_8bit": maps, "mode_I16": maps16})

    # Full images through Keras load_img(target_size=..., interpolation=..., keep_aspect_ratio=...).
    rng = np.random.RandomState(11)
    g16 = rng.randint(0, 65536, (37, 53)).astype(np.uint16)
    g16[10:20, 5:25] = 65535
    g16[25:30, 30:50] = 0
    Image.fromarray(photo(53, 37, 7)).save(os.path.join(d, "rgb.png"))
    Image.fromarray(photo(53, 37, 8, alpha=True), "RGBA").save(os.path.join(d, "rgba.png"))
    Image.fromarray(g16).save(os.path.join(d, "g16.png"))
    with open(os.path.join(d, "l16.pgm"), "wb") as f:
        f.write(b"P5\n53 37\n65535\n" + g16.astype(">u2").tobytes())
    Image.fromarray(photo(3, 400, 9)).save(os.path.join(d, "tall.png"))
    cases = []
    # (height, width, keep_aspect_ratio variants)
    sizes = [(15, 20, (False, True)), (5, 7, (False,)), (45, 70, (False,)), (20, 60, (False, True)),
             (20, 53, (False,)), (37, 30, (False, True)), (37, 53, (False,)), (53, 37, (False,))]
    few = [(15, 20, (False, True)), (45, 70, (False,)), (20, 60, (False,)), (37, 30, (False,))]
    sources = [("rgb.png", "rgb", sizes), ("rgb.png", "grayscale", few), ("rgba.png", "rgba", few),
               ("g16.png", "grayscale", few), ("l16.pgm", "grayscale", few[:3]),
               ("tall.png", "rgb", [(50, 3, (False,)), (50, 2, (False,)), (401, 3, (False,))])]
    exp = os.path.join(d, "expected")
    os.makedirs(exp)
    for src, mode, size_list in sources:
        for interp in INTERPOLATIONS:
            for (th, tw, keeps) in size_list:
                for keep in keeps:
                    pil_mode, x = keras_array(os.path.join(d, src), mode, (th, tw), interp, keep)
                    name = f"{src}.{mode}.{interp}.{th}x{tw}{'.keep' if keep else ''}.npy"
                    save_npy(os.path.join(exp, name), compact(x))
                    cases.append({"source": src, "color_mode": mode, "interpolation": interp, "height": th,
                                  "width": tw, "keep_aspect_ratio": keep, "pil_mode": pil_mode,
                                  "expected": name})
    save_json(os.path.join(d, "cases.json"), cases)

    # keep_aspect_ratio crop boxes, captured from the box Keras passes to PIL's Image.resize.
    captured = []
    original = Image.Image.resize

    def spy(self, size, resample=None, box=None, reducing_gap=None):
        captured.append(None if box is None else [int(v) for v in box])
        return original(self, size, resample, box, reducing_gap)

    boxes = []
    Image.Image.resize = spy
    try:
        for (w, h, tw, th) in [(60, 40, 20, 20), (640, 480, 224, 224), (300, 500, 200, 150), (40, 60, 20, 20),
                               (100, 100, 30, 10), (7, 3, 2, 5), (1, 9, 4, 4), (224, 224, 100, 100),
                               (500, 300, 200, 200), (33, 77, 13, 31)]:
            buf = io.BytesIO()
            Image.new("L", (w, h)).save(buf, "PNG")
            buf.seek(0)
            captured.clear()
            image_utils.load_img(buf, "grayscale", (th, tw), "nearest", keep_aspect_ratio=True)
            boxes.append({"width": w, "height": h, "target_width": tw, "target_height": th, "box": captured[0]})
    finally:
        Image.Image.resize = original
    save_json(os.path.join(d, "keep_aspect_boxes.json"), boxes)


# ---------------------------------------------------------------------------------------------------------------
# npy fixtures

def gen_npy():
    d = os.path.join(OUT, "npy")
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    arrays = {
        "f32_3d.npy": (np.arange(24, dtype=np.float32).reshape(2, 3, 4) * 0.25 - 2.5),
        "f32_1d.npy": np.array([1.5, -0.0, np.inf, -np.inf, 3.4028235e38, 1e-45], dtype=np.float32),
        "f32_0d.npy": np.float32(7.25),
        "f32_empty.npy": np.zeros((0, 3), dtype=np.float32),
        "u8_4d.npy": (np.arange(48) * 5 % 256).astype(np.uint8).reshape(2, 3, 4, 2),
        "f64_2d.npy": np.array([[0.1, -2.5, 1e300], [3.0, 1e-310, -0.0]], dtype=np.float64),
        "i64_1d.npy": np.array([0, -1, 2 ** 40, -(2 ** 62), 7], dtype=np.int64),
        "i32_2d.npy": np.array([[1, -2, 3], [2 ** 31 - 1, -(2 ** 31), 0]], dtype=np.int32),
    }
    values = {}
    for name, a in arrays.items():
        np.save(os.path.join(d, name), a)
        values[name] = {"dtype": a.dtype.str, "shape": list(a.shape),
                        "values": [repr(float(v)) if a.dtype.kind == "f" else int(v) for v in np.ravel(a)]}
    with open(os.path.join(d, "f32_v2.npy"), "wb") as f:
        np.lib.format.write_array(f, arrays["f32_3d.npy"], version=(2, 0))
    values["f32_v2.npy"] = values["f32_3d.npy"]
    np.save(os.path.join(d, "fortran.npy"), np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
    np.save(os.path.join(d, "big_endian.npy"), np.arange(3, dtype=">f4"))
    np.save(os.path.join(d, "complex.npy"), np.arange(3, dtype=np.complex64))
    with open(os.path.join(d, "truncated.npy"), "wb") as f:
        f.write(open(os.path.join(d, "f32_3d.npy"), "rb").read()[:-10])
    save_json(os.path.join(d, "values.json"), values)


# ---------------------------------------------------------------------------------------------------------------
# directory listings

TREE = [
    "Birds/b1.png",
    "Zebra/z2.png", "Zebra/z1.PNG",
    "cats/c1.png", "cats/c2.JPG", "cats/c10.jpeg", "cats/c3.gif", "cats/notes.txt", "cats/foopng", "cats/x.xjpg",
    "cats/c4.tiff", "cats/c5.TIF", "cats/sub/c6.bmp", "cats/sub-a/c7.ppm", "cats/sub/deeper/c8.png",
    "cats/sub/a.png", "cats/.hidden.png",
    "dogs/d1.png", "dogs/d10.png", "dogs/d2.JPG", "dogs/d3.png", "dogs/d4.jpg", "dogs/d5.jpg",
    "root.png", "notes.txt",
]


def listing(directory, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        split = kwargs.pop("validation_split", 0.0)
        it = ImageDataGenerator(validation_split=split).flow_from_directory(
            directory, target_size=(4, 4), shuffle=False, **kwargs)
    rel = [os.path.relpath(p, directory) for p in it.filepaths]
    return {"filenames": list(it.filenames), "classes": [int(c) for c in it.classes],
            "class_indices": [[k, int(v)] for k, v in it.class_indices.items()], "num_classes": it.num_classes,
            "filepaths_relative": rel}


def gen_directory():
    d = os.path.join(OUT, "directory")
    shutil.rmtree(d, ignore_errors=True)
    tree = os.path.join(d, "tree")
    for rel in TREE:
        p = os.path.join(tree, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write("x\n")
    cases = {}
    cases["default"] = listing(tree)
    for subset in ("training", "validation"):
        cases[f"split0.3_{subset}"] = listing(tree, validation_split=0.3, subset=subset)
    cases["classes_given"] = listing(tree, classes=["dogs", "cats", "missing", "notes.txt"])
    cases["classes_given_split0.5_validation"] = listing(
        tree, classes=["dogs", "cats"], validation_split=0.5, subset="validation")
    # The 0.29 * 100 = 28.999... truncation, on a temporary 100-file class (not committed).
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "a"))
        for k in range(100):
            open(os.path.join(tmp, "a", f"f{k:03d}.png"), "w").close()
        v = listing(tmp, validation_split=0.29, subset="validation")
        t = listing(tmp, validation_split=0.29, subset="training")
        cases["hundred_files_split0.29"] = {"validation": len(v["filenames"]), "training": len(t["filenames"]),
                                            "first_training": t["filenames"][0]}
    save_json(os.path.join(d, "listings.json"), cases)


README = """# Pillow / Keras / NumPy fixtures for tuna-core (generated by tools/keras-reference/gen_core.py)

Do not edit by hand; rerun `tools/keras-reference/generate.sh gen_core.py`.

* `decode/` source images of every supported format and PIL mode; `manifest.json` maps each file to a description,
  the PIL mode after `Image.open`, and per Keras colour mode the PIL mode after `load_img` and the array shape.
  `expected/<file>.<rgb|rgba|grayscale>.npy` = `img_to_array(load_img(file, color_mode))`, stored as the smallest
  integer dtype that holds Keras' float32 values exactly.
* `bad/` corrupt, truncated-header, bomb, empty and non-image files; `outcomes.json` records what Keras/PIL does
  with each of them (`status` ok/error and PIL's message; for `ok` the rgb result is stored as `expected`) and with truncated copies of `decode/` files
  (`truncations`: file, bytes cut from the end, status, and for `ok` whether the rgb result equals the full image;
  if not, `expected` names the rgb result stored next to it).
* `resize/` sources plus `cases.json`: for each (source, colour mode, interpolation, target size,
  keep_aspect_ratio) the expected `load_img` result in `expected/`. `nearest_maps.json` holds PIL NEAREST source
  indices for 1-D resizes (`mode_I_and_8bit`: the accumulating ImagingScaleAffine path, asserted equal for mode L;
  `mode_I16`: the per-pixel generic-transform path PIL uses for I;16). `keep_aspect_boxes.json` holds the crop
  boxes Keras passed to `Image.resize`.
* `npy/` arrays written by `np.save` (`values.json`: dtype, shape, values; floats as Python repr strings), a
  version 2.0 file, and unsupported files (Fortran order, big-endian, complex, truncated).
* `directory/tree` a class-folder tree; `listings.json` the `DirectoryIterator` listings (filenames, classes,
  class_indices in order, filepaths relative to the tree) for several `classes`/`validation_split`/`subset`
  settings, and the split counts for a temporary 100-file class with `validation_split=0.29`.
"""


def main():
    gen_decode()
    gen_bad()
    gen_resize()
    gen_npy()
    gen_directory()
    with open(os.path.join(OUT, "README.md"), "w") as f:
        f.write(README)


if __name__ == "__main__":
    main()
