"""Segmentation-mask fixtures for MaskDirectoryIterator (augment/src/test/resources/masks/).

Pascal VOC stores its masks as palette PNGs (PIL mode "P"): each pixel's palette index is its class id, 255 marks
"void", and the palette only colours them for viewing. This script writes an images/ + masks/ tree with such masks,
written by Pillow, and what Pillow and Keras read from them:
- `tree/images/<name>.png`: RGB images; `tree/masks/<name>.png`: the masks:
  `voc` (8-bit palette, VOC's colour map, class ids 0-20 and 255), `small` (4-bit palette, 11 colours),
  `binary` (1-bit palette), `quad` (2-bit palette), `trns` (8-bit palette with a tRNS chunk: index 255 transparent),
  `deep` (16-bit greyscale, PIL mode I;16, values up to 65535).
- `expected/<name>_ids.npy`: `numpy.asarray(Image.open(mask))`, the class ids (palette indices, or the 16-bit values).
- `expected/<name>_keras.npy`: Keras' `img_to_array(load_img(mask, color_mode="grayscale"))`: palettes converted
  through their colours to grey (VOC's class 1, (128, 0, 0), becomes 38), 16-bit kept.
Masks are 7 x 9 (odd, non-square); every class id of a mask occurs at least once.
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from keras.src.utils import image_utils  # noqa: E402
from PIL import Image  # noqa: E402

from common import resources, save_npy  # noqa: E402

OUT = resources("augment", "masks")
H, W = 7, 9


def voc_palette():
    """VOC's colour map: bit-interleaved RGB for the 256 indices (index 255 is (224, 224, 192))."""
    pal = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        pal += [r, g, b]
    return pal


def ids(values, rs):
    """An H x W array holding every value at least once, the rest drawn from them."""
    v = np.asarray(values)
    flat = np.concatenate([v, rs.choice(v, H * W - len(v))])
    rs.shuffle(flat)
    return flat.reshape(H, W)


def palette_png(path, index, palette, **save):
    im = Image.fromarray(index.astype(np.uint8), mode="P")
    im.putpalette(palette)
    im.save(path, **save)


def main():
    rs = np.random.RandomState(21)
    tree = os.path.join(OUT, "tree")
    for d in ("images", "masks"):
        os.makedirs(os.path.join(tree, d), exist_ok=True)
    os.makedirs(os.path.join(OUT, "expected"), exist_ok=True)
    vocpal = voc_palette()
    masks = {
        "voc": (ids(list(range(21)) + [255], rs), vocpal, {}),
        "small": (ids(range(11), rs), vocpal[:11 * 3], {"bits": 4}),
        "binary": (ids([0, 1], rs), [0, 0, 0, 255, 255, 255], {"bits": 1}),
        "quad": (ids([0, 1, 2, 3], rs), vocpal[:12], {"bits": 2}),
        "trns": (ids([0, 3, 7, 255], rs), vocpal, {"transparency": 255}),
    }
    for name, (index, palette, save) in masks.items():
        palette_png(os.path.join(tree, "masks", name + ".png"), index, palette, **save)
    deep = ids([0, 1, 255, 256, 1000, 40000, 65535], rs).astype(np.uint16)
    Image.fromarray(deep).save(os.path.join(tree, "masks", "deep.png"))
    for name in list(masks) + ["deep"]:
        Image.fromarray(rs.randint(0, 256, (H, W, 3)).astype(np.uint8), "RGB").save(
            os.path.join(tree, "images", name + ".png"))
        path = os.path.join(tree, "masks", name + ".png")
        im = Image.open(path)
        want_mode = "I;16" if name == "deep" else "P"
        assert im.mode == want_mode, (name, im.mode)
        got = np.asarray(im)
        expected = deep if name == "deep" else masks[name][0]
        assert np.array_equal(got, expected), name
        save_npy(os.path.join(OUT, "expected", name + "_ids.npy"), got)
        keras = image_utils.img_to_array(image_utils.load_img(path, color_mode="grayscale"))
        assert keras.shape == (H, W, 1) and np.array_equal(keras, np.rint(keras)), name
        save_npy(os.path.join(OUT, "expected", name + "_keras.npy"),
                 keras[..., 0].astype(np.uint16 if name == "deep" else np.uint8))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
