/*
 * TensorFlow's ImageProjectiveTransformV3 (bilinear, float32 NHWC, 1 to 4 channels) for one image, bit-identical to
 * ProjectiveTransform's Java loop: the same float32 operations in the same order (products a0 x and a1 y, the sums
 * (a0 x + a1 y) + a2, the division only for projective maps, TF's fill-mode mapping, -0 turned into +0 where the Java
 * code adds 0f, the blend wy0 (wx0 t00 + wx1 t01) + wy1 (wx0 t10 + wx1 t11)). Compiled into libtunawarp (included by
 * tunawarp.c) with -ffp-contract=off, so no fused multiply-adds.
 *
 * Coordinates run sixteen output pixels at a time into a per-row scratch; then the row is written in column order.
 * An interior pixel (all four taps inside) reads no fill value: its two taps in one source row are 2 * channels
 * contiguous floats, so both rows go into one 16-lane register (two masked loads, or two plain loads and a blend where
 * they stay inside the input array; no gathers), two multiplies by wx0 and wx1, one permute that brings the
 * right-hand products down onto the left-hand ones and one add give both rows' horizontal sums, the multiplies by wy0
 * and wy1 and one add of the two halves give the pixel (pt_pixel). Other pixels take the scalar border code below,
 * TF's reads with the fill value. Axis-aligned maps (translations, zooms, flips) compute x once per column and y once
 * per row, and the horizontal sums once per source row (pt_image_separable).
 */

#include <stdlib.h>

/* ProjectiveTransform.FillMode ordinals. */
enum { PT_REFLECT = 0, PT_WRAP = 1, PT_CONSTANT = 2, PT_NEAREST = 3 };

/* Java's (int) cast of a float: java_d2i of the same value widened exactly (no float lies between java_d2i's
   bound 2147483647 and 2^31, so the saturation is the same). */
AVX512 static int32_t java_f2i(float v) {
  return java_d2i((double) v);
}

/* Java's (long) cast of a float, likewise. */
AVX512 static int64_t java_f2l(float v) {
  return java_d2l((double) v);
}

/* Java's long multiplication (wraps around). */
AVX512 static int64_t java_lmul(int64_t a, int64_t b) {
  return (int64_t) ((uint64_t) a * (uint64_t) b);
}

/* Math.max(a, b) for floats: NaN in a wins, +0 is above -0. */
AVX512 static float java_maxf(float a, float b) {
  if (a != a) return a;
  if (a == 0.0f && b == 0.0f && signbit(a)) return b;
  return a >= b ? a : b;
}

/* Math.min(a, b) for floats: NaN in a wins, -0 is below +0. */
AVX512 static float java_minf(float a, float b) {
  if (a != a) return a;
  if (a == 0.0f && b == 0.0f && signbit(b)) return b;
  return a <= b ? a : b;
}

AVX512 static float pt_clamp(float v, int len) {
  return java_minf(java_maxf(v, 0.0f), (float) (len - 1));
}

/* ProjectiveTransform.map: TF's MapCoordinate for one axis of length len, with Java's float/long promotions. */
AVX512 static float pt_map(float in, int len, int mode) {
  if (mode == PT_CONSTANT) return in;
  if (mode == PT_REFLECT) {
    if (in < 0) {
      if (len <= 1) {
        in = 0;
      } else {
        int64_t sz2 = 2 * (int64_t) len;
        if (in < (float) sz2) {
          in = (float) java_lmul(sz2, java_f2l(-in / (float) sz2)) + in;
        }
        in = in < (float) -len ? in + (float) sz2 : -in - 1.0f;
      }
    } else if (in > (float) (len - 1)) {
      if (len <= 1) {
        in = 0;
      } else {
        int64_t sz2 = 2 * (int64_t) len;
        in = in - (float) java_lmul(sz2, java_f2l(in / (float) sz2));
        if (in >= (float) len) {
          in = ((float) sz2 - in) - 1.0f;
        }
      }
    }
  } else if (mode == PT_WRAP) {
    if (in < 0) {
      if (len <= 1) {
        in = 0;
      } else {
        int64_t sz = len - 1;
        in = in + (float) java_lmul(len, (int64_t) ((uint64_t) java_f2l(-in / (float) sz) + 1u));
      }
    } else if (in > (float) (len - 1)) {
      if (len <= 1) {
        in = 0;
      } else {
        int64_t sz = len - 1;
        in = in - (float) java_lmul(len, java_f2l(in / (float) sz));
      }
    }
  }
  return pt_clamp(in, len);
}

/*
 * pt_map in reflect mode for the lanes in *todo whose coordinate lies within len of the image (-len <= in < 0, or
 * len - 1 < in <= 1.5 len): there pt_map's truncated quotient is 0, so its result is clamp(-in - 1) below the image
 * and clamp(in < len ? in : (2 len - in) - 1) above it, the same float32 operations; those lanes leave *todo, the
 * others (farther out, NaN) are left to pt_map. len > 1.
 */
AVX512 static inline __m512 pt_reflect_near(__m512 in, int len, __mmask16 *todo) {
  if (*todo == 0 || len <= 1) return in;
  const __m512 zero = _mm512_setzero_ps();
  const __m512 vlen = _mm512_set1_ps((float) len), last = _mm512_set1_ps((float) (len - 1));
  const __m512 one = _mm512_set1_ps(1.0f);
  const __mmask16 below = *todo & _mm512_cmp_ps_mask(in, zero, _CMP_LT_OQ)
      & _mm512_cmp_ps_mask(in, _mm512_set1_ps((float) -len), _CMP_GE_OQ);
  const __mmask16 above = *todo & _mm512_cmp_ps_mask(in, last, _CMP_GT_OQ)
      & _mm512_cmp_ps_mask(in, _mm512_set1_ps(1.5f * (float) len), _CMP_LE_OQ);
  const __mmask16 folded = above & _mm512_cmp_ps_mask(in, vlen, _CMP_GE_OQ);
  /* below: -in - 1; above and >= len: (2 len - in) - 1; above and < len: in */
  const __m512 minus = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(in), _mm512_set1_epi32(INT32_MIN)));
  __m512 v = _mm512_mask_sub_ps(in, below, minus, one);
  v = _mm512_mask_sub_ps(v, folded, _mm512_sub_ps(_mm512_set1_ps((float) (2 * (int64_t) len)), in), one);
  /* clamp: Math.max(v, 0) then Math.min(v, len - 1); no NaN here, and max gives +0 for -0 */
  const __mmask16 done = below | above;
  v = _mm512_mask_min_ps(v, done, _mm512_max_ps(v, zero), last);
  *todo &= (__mmask16) ~done;
  return _mm512_mask_mov_ps(in, done, v);
}

AVX512 static float pt_read(const float *img, int h, int w, int c, int32_t y, int32_t x, int ch, float fill) {
  return 0 <= y && y < h && 0 <= x && x < w ? img[((int64_t) y * w + x) * c + ch] : fill;
}

/* ProjectiveTransform.bilinearBorder: every tap read with the fill value outside the image. */
AVX512 static void pt_border(const float *img, int h, int w, int c, float x, float y, float fill, float *out) {
  float yFloor = floorf(y);
  float xFloor = floorf(x);
  float yCeil = yFloor + 1.0f;
  float xCeil = xFloor + 1.0f;
  int32_t y0 = java_f2i(yFloor), x0 = java_f2i(xFloor), y1 = java_f2i(yCeil), x1 = java_f2i(xCeil);
  float wx0 = xCeil - x;
  float wx1 = x - xFloor;
  float wy0 = yCeil - y;
  float wy1 = y - yFloor;
  for (int ch = 0; ch < c; ch++) {
    float top = wx0 * pt_read(img, h, w, c, y0, x0, ch, fill) + wx1 * pt_read(img, h, w, c, y0, x1, ch, fill);
    float bottom = wx0 * pt_read(img, h, w, c, y1, x0, ch, fill) + wx1 * pt_read(img, h, w, c, y1, x1, ch, fill);
    out[ch] = wy0 * top + wy1 * bottom;
  }
}

/* Lane i of the permute that brings the right-hand tap (c lanes further) onto the left-hand one, in both halves. */
static const int PT_SHIFT[5][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {1, 2, 3, 4, 5, 6, 7, 7, 9, 10, 11, 12, 13, 14, 15, 15},
    {2, 3, 4, 5, 6, 7, 7, 7, 10, 11, 12, 13, 14, 15, 15, 15},
    {3, 4, 5, 6, 7, 7, 7, 7, 11, 12, 13, 14, 15, 15, 15, 15},
    {4, 5, 6, 7, 7, 7, 7, 7, 12, 13, 14, 15, 15, 15, 15, 15}};

typedef struct {
  const float *src;
  int h, w, c, row;
  __mmask16 pair, right;
  __mmask8 one;
  __m512i shift;
  /* interior pixels whose taps start at most this many floats after img may read them with two plain 16-lane loads,
     which stay inside the pinned input array (-1 when the rows are too short for that) */
  int32_t plain_loads;
  /* pixels in columns below this one may write their c values with a plain 4-lane store: the values past the pixel
     land in the next pixel of the same row, which is written later */
  int plain_stores;
  float fill;
} pt_taps_t;

AVX512 static void pt_taps_init(pt_taps_t *k, const float *img, int h, int w, int c, const float *end, int outW,
    float fill) {
  k->src = img;
  k->h = h;
  k->w = w;
  k->c = c;
  k->row = w * c;
  const unsigned pair = (1u << (2 * c)) - 1u;
  const unsigned one = (1u << c) - 1u;
  k->pair = (__mmask16) (pair | pair << 8);
  k->right = (__mmask16) ((pair & ~one) | (pair & ~one) << 8);
  k->one = (__mmask8) one;
  k->shift = _mm512_loadu_si512(PT_SHIFT[c]);
  /* the loads read t .. t + 15 and t + row - 8 .. t + row + 7: inside [img, end) when row >= 8 and
     t + row + 8 <= end (t >= img always) */
  const int64_t reach = (int64_t) k->row + 8;
  const int64_t limit = k->row >= 8 ? (int64_t) (end - img) - reach : -1;
  k->plain_loads = (int32_t) (limit < -1 ? -1 : limit > INT32_MAX ? INT32_MAX : limit);
  k->plain_stores = outW - (4 - c + c - 1) / c;
  k->fill = fill;
}

/*
 * The sixteen-value chunks of an output row (value f is channel f % c of column f / c) whose columns are all
 * interior and whose taps in a source row lie within 32 values from base: each chunk's horizontal sums are two
 * permutes of two plain 16-lane loads from base (the first taps at idx0, the second at idx1 = idx0 + c), multiplied
 * by the columns' weights and added, lane by lane the operations of pt_hsums_columns (base -1: not such a chunk).
 */
typedef struct {
  int32_t idx0[16], idx1[16];
  float w0[16], w1[16];
  int32_t base;
} __attribute__((aligned(64))) pt_chunk_t;

/*
 * Per-row scratch of pt_image: for every output column of the row the tap offset and the four weights of an interior
 * pixel or the mapped point of another one, and per sixteen columns the masks of interior and degenerate
 * (projection 0) pixels. A row's coordinates are all computed before its pixels are written, so the blend reads
 * values stored a while before (no stalled store-to-load forwarding from the sixteen-lane stores to the per-pixel
 * loads).
 */
typedef struct {
  int32_t *p;
  float *wx0, *wx1, *wy0, *wy1, *xs, *ys;
  /* pt_image_separable: the horizontal sums of two source rows, the chunks of pt_hsums and the fast ones */
  float *h0, *h1;
  pt_chunk_t *chunks;
  int32_t *fast;
  uint16_t *interior, *degenerate;
  /* per sixteen columns: whether all are interior, may store plainly and read plainly (pt_taps_t) */
  uint16_t *plain;
} pt_row_t;

/*
 * One interior pixel from its taps at t (top row) and t + rs (bottom row) and its weights: lanes 0 .. 2c-1 of one
 * register hold the top row's two taps, lanes 8 .. 8+2c-1 the bottom row's (read with two masked loads, the second
 * one 8 lanes early so that lane 8 reads the bottom row's first tap, masked lanes never read; or, where k allows,
 * with two plain loads and a blend). Lane ch of taps * wx0 plus lane ch + c of taps * wx1 (brought down by the
 * permute) is wx0 t00 + wx1 t01 in lane ch and wx0 t10 + wx1 t11 in lane 8 + ch; their products with wy0 (low half)
 * and wy1 (high half) are added last. Lanes outside these never reach the stored lanes.
 */
AVX512 static inline __attribute__((always_inline)) __m512 pt_sums(int plain, const float *t, int64_t rs,
    __mmask16 top, __mmask16 bottom, __m512i shift, float wx0, float wx1) {
  __m512 taps;
  if (plain) {
    taps = _mm512_mask_blend_ps((__mmask16) 0xFF00, _mm512_loadu_ps(t), _mm512_loadu_ps(t + rs - 8));
  } else {
    taps = _mm512_maskz_loadu_ps(top, t);
    taps = _mm512_mask_loadu_ps(taps, bottom, t + rs - 8);
  }
  return _mm512_add_ps(_mm512_mul_ps(taps, _mm512_set1_ps(wx0)),
      _mm512_permutexvar_ps(shift, _mm512_mul_ps(taps, _mm512_set1_ps(wx1))));
}

/* Stores lanes 0 .. c-1 of lower + upper as the pixel at out, in output column column. */
AVX512 static inline __attribute__((always_inline)) void pt_store(int plain, __mmask8 one, __m256 lower,
    __m256 upper, float *out) {
  const __m128 v = _mm256_castps256_ps128(_mm256_add_ps(lower, upper));
  if (plain) {
    _mm_storeu_ps(out, v);
  } else {
    store_lanes(out, one, v);
  }
}

/* pt_sums and pt_store for one pixel; plain (a constant at every call) chooses plain or masked loads and store. */
AVX512 static inline __attribute__((always_inline)) void pt_pixel(int plain, __mmask8 one, const float *t,
    int64_t rs, __mmask16 top, __mmask16 bottom, __m512i shift, float wx0, float wx1, float wy0, float wy1,
    float *out) {
  const __m512 sums = pt_sums(plain, t, rs, top, bottom, shift, wx0, wx1);
  const __m256 upper = _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(
      _mm512_mul_ps(sums, _mm512_set1_ps(wy1))), 1));
  pt_store(plain, one, _mm512_castps512_ps256(_mm512_mul_ps(sums, _mm512_set1_ps(wy0))), upper, out);
}

/* One row o: its interior pixels from the taps and weights in row, the others with the fill value or TF's border
   reads, in increasing column order (see pt_taps_t.plain_stores). */
AVX512 static void pt_write_row(const pt_taps_t *k, const pt_row_t *row, int outW, float *o) {
  const float *const src = k->src;
  const int64_t rs = k->row;
  const int c = k->c;
  const __mmask16 top = (__mmask16) (k->pair & 0xFF), bottom = (__mmask16) (k->pair & 0xFF00);
  const __m512i shift = k->shift;
  const __mmask8 one = k->one;
  const float fill = k->fill;
  const int32_t *restrict p = row->p;
  const float *restrict wx0 = row->wx0, *restrict wx1 = row->wx1, *restrict wy0 = row->wy0, *restrict wy1 = row->wy1;
  const float *restrict xs = row->xs, *restrict ys = row->ys;
  for (int ox = 0; ox < outW; ox += 16) {
    const unsigned interior = row->interior[ox >> 4];
    if (interior == 0xFFFFu && row->plain[ox >> 4]) {
      for (int j = ox; j < ox + 16; j++) {
        pt_pixel(1, one, src + p[j], rs, top, bottom, shift, wx0[j], wx1[j], wy0[j], wy1[j], o + (int64_t) j * c);
      }
      continue;
    }
    const unsigned degenerate = row->degenerate[ox >> 4];
    const int end = outW - ox < 16 ? outW : ox + 16;
    for (int j = ox; j < end; j++) {
      float *oj = o + (int64_t) j * c;
      if (interior >> (j - ox) & 1) {
        pt_pixel(0, one, src + p[j], rs, top, bottom, shift, wx0[j], wx1[j], wy0[j], wy1[j], oj);
      } else if (degenerate >> (j - ox) & 1) {
        for (int ch = 0; ch < c; ch++) oj[ch] = fill;
      } else {
        pt_border(src, k->h, k->w, c, xs[j], ys[j], fill, oj);
      }
    }
  }
}

/* One image: input img (h x w x c), transform t[0..7], output out (outH x outW x c). */
AVX512 static void pt_image(const float *img, const float *end, int h, int w, int c, const float *t, float *out,
    int outH, int outW, int mode, float fill, const pt_row_t *row) {
  const float a0 = t[0], a1 = t[1], a2 = t[2], b0 = t[3], b1 = t[4], b2 = t[5], c0 = t[6], c1 = t[7];
  const int projective = !(c0 == 0 && c1 == 0);
  const int constant = mode == PT_CONSTANT;
  const float wLast = (float) (w - 1), hLast = (float) (h - 1);
  pt_taps_t k;
  pt_taps_init(&k, img, h, w, c, end, outW, fill);
  const __m512i iota = _mm512_set_epi32(15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
  const __m512 va0 = _mm512_set1_ps(a0), vb0 = _mm512_set1_ps(b0), vc0 = _mm512_set1_ps(c0);
  const __m512 va2 = _mm512_set1_ps(a2), vb2 = _mm512_set1_ps(b2);
  const __m512 zero = _mm512_setzero_ps(), onev = _mm512_set1_ps(1.0f);
  const __m512 vw = _mm512_set1_ps(wLast), vh = _mm512_set1_ps(hLast);
  const __m512i vrow = _mm512_set1_epi32(k.row), vc = _mm512_set1_epi32(c);
  const __m512i plainLoads = _mm512_set1_epi32(k.plain_loads);
  float xs[16] __attribute__((aligned(64))), ys[16] __attribute__((aligned(64)));
  for (int oy = 0; oy < outH; oy++) {
    const float fy = (float) oy;
    const __m512 rowA = _mm512_set1_ps(a1 * fy), rowB = _mm512_set1_ps(b1 * fy), rowC = _mm512_set1_ps(c1 * fy);
    float *const o = out + (int64_t) oy * outW * c;
    /* pass 1: coordinates */
    for (int ox = 0; ox < outW; ox += 16) {
      const int count = outW - ox < 16 ? outW - ox : 16;
      const __mmask16 lanes = (__mmask16) (count == 16 ? 0xFFFFu : (1u << count) - 1u);
      const __m512 fx = _mm512_cvtepi32_ps(_mm512_add_epi32(iota, _mm512_set1_epi32(ox)));
      __m512 x = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(va0, fx), rowA), va2);
      __m512 y = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(vb0, fx), rowB), vb2);
      __mmask16 degenerate = 0;
      if (projective) {
        const __m512 projection = _mm512_add_ps(_mm512_add_ps(_mm512_mul_ps(vc0, fx), rowC), onev);
        degenerate = _mm512_cmp_ps_mask(projection, zero, _CMP_EQ_OQ);
        x = _mm512_div_ps(x, projection);
        y = _mm512_div_ps(y, projection);
      }
      if (!constant) {
        /* inside [0, len - 1] the map is the identity but for -0, which becomes +0 (x + 0f) */
        const __mmask16 inX = _mm512_cmp_ps_mask(x, zero, _CMP_GE_OQ) & _mm512_cmp_ps_mask(x, vw, _CMP_LE_OQ);
        const __mmask16 inY = _mm512_cmp_ps_mask(y, zero, _CMP_GE_OQ) & _mm512_cmp_ps_mask(y, vh, _CMP_LE_OQ);
        x = _mm512_mask_add_ps(x, inX, x, zero);
        y = _mm512_mask_add_ps(y, inY, y, zero);
        __mmask16 outX = (__mmask16) (~inX & lanes & ~degenerate), outY = (__mmask16) (~inY & lanes & ~degenerate);
        if (mode == PT_REFLECT) {
          x = pt_reflect_near(x, w, &outX);
          y = pt_reflect_near(y, h, &outY);
        }
        if (outX | outY) {
          _mm512_store_ps(xs, x);
          _mm512_store_ps(ys, y);
          for (int j = 0; j < count; j++) {
            if (outX >> j & 1) xs[j] = pt_map(xs[j], w, mode);
            if (outY >> j & 1) ys[j] = pt_map(ys[j], h, mode);
          }
          x = _mm512_load_ps(xs);
          y = _mm512_load_ps(ys);
        }
      }
      const __mmask16 interior = (__mmask16) (_mm512_cmp_ps_mask(x, zero, _CMP_GE_OQ)
          & _mm512_cmp_ps_mask(x, vw, _CMP_LT_OQ) & _mm512_cmp_ps_mask(y, zero, _CMP_GE_OQ)
          & _mm512_cmp_ps_mask(y, vh, _CMP_LT_OQ) & lanes & ~degenerate);
      row->interior[ox >> 4] = interior;
      row->degenerate[ox >> 4] = degenerate;
      if (interior) {
        /* x + 0f: -0 becomes +0, so that the truncation is the floor and x - floor(x) is +0 */
        const __m512 xi = _mm512_add_ps(x, zero), yi = _mm512_add_ps(y, zero);
        const __m512i x0 = _mm512_maskz_cvttps_epi32(interior, xi), y0 = _mm512_maskz_cvttps_epi32(interior, yi);
        const __m512 xFloor = _mm512_cvtepi32_ps(x0), yFloor = _mm512_cvtepi32_ps(y0);
        _mm512_store_ps(row->wx0 + ox, _mm512_sub_ps(_mm512_add_ps(xFloor, onev), xi));
        _mm512_store_ps(row->wx1 + ox, _mm512_sub_ps(xi, xFloor));
        _mm512_store_ps(row->wy0 + ox, _mm512_sub_ps(_mm512_add_ps(yFloor, onev), yi));
        _mm512_store_ps(row->wy1 + ox, _mm512_sub_ps(yi, yFloor));
        const __m512i taps = _mm512_add_epi32(_mm512_mullo_epi32(y0, vrow), _mm512_mullo_epi32(x0, vc));
        _mm512_store_si512(row->p + ox, taps);
        row->plain[ox >> 4] = interior == 0xFFFFu && ox + 16 <= k.plain_stores
            && _mm512_cmpgt_epi32_mask(taps, plainLoads) == 0;
      }
      if (interior != lanes) {
        _mm512_store_ps(row->xs + ox, x);
        _mm512_store_ps(row->ys + ox, y);
      }
    }
    /* pass 2: the pixels */
    pt_write_row(&k, row, outW, o);
  }
}

/*
 * The horizontal sums of source row srcRow for the columns set in cols (bit masks, per sixteen columns):
 * hrow[ox c + ch] = wx0 t0 + wx1 t1 with t0, t1 the column's two taps in that row, the products and the sum of
 * pt_sums (a masked load: no value outside the taps is read). A column's values are stored with a 4-lane store whose
 * values past the column land in the next column's values, written later, or in the row's padding.
 */
AVX512 static void pt_hsums_columns(const float *srcRow, const int32_t *colOff, const float *wx0, const float *wx1,
    const uint16_t *cols, int outW, int c, __m512i shift, float *hrow) {
  const __mmask16 taps2 = (__mmask16) ((1u << (2 * c)) - 1u);
  for (int word = 0; word < (outW + 15) >> 4; word++) {
    for (unsigned m = cols[word]; m != 0; m &= m - 1) {
      const int j = (word << 4) + __builtin_ctz(m);
      const __m512 taps = _mm512_maskz_loadu_ps(taps2, srcRow + colOff[j]);
      const __m512 sums = _mm512_add_ps(_mm512_mul_ps(taps, _mm512_set1_ps(wx0[j])),
          _mm512_permutexvar_ps(shift, _mm512_mul_ps(taps, _mm512_set1_ps(wx1[j]))));
      _mm_storeu_ps(hrow + (int64_t) j * c, _mm512_castps512_ps128(sums));
    }
  }
}

/* The horizontal sums of source row srcRow: chunks by two permutes where the row's loads stay inside the input array,
   the other interior columns (slow) column by column first, so that the chunks overwrite the columns' spills. */
AVX512 static void pt_hsums(const float *srcRow, int plain, const pt_chunk_t *chunks, const int32_t *fast,
    int nFast, const uint16_t *slow, const uint16_t *interior, const int32_t *colOff, const float *wx0,
    const float *wx1, int outW, int c, __m512i shift, float *hrow) {
  if (!plain) {
    pt_hsums_columns(srcRow, colOff, wx0, wx1, interior, outW, c, shift, hrow);
    return;
  }
  pt_hsums_columns(srcRow, colOff, wx0, wx1, slow, outW, c, shift, hrow);
  for (int i = 0; i < nFast; i++) {
    const int q = fast[i];
    const pt_chunk_t *k = chunks + q;
    const __m512 lo = _mm512_loadu_ps(srcRow + k->base), hi = _mm512_loadu_ps(srcRow + k->base + 16);
    const __m512 t0 = _mm512_permutex2var_ps(lo, _mm512_loadu_si512(k->idx0), hi);
    const __m512 t1 = _mm512_permutex2var_ps(lo, _mm512_loadu_si512(k->idx1), hi);
    _mm512_storeu_ps(hrow + 16 * (int64_t) q, _mm512_add_ps(_mm512_mul_ps(t0, _mm512_loadu_ps(k->w0)),
        _mm512_mul_ps(t1, _mm512_loadu_ps(k->w1))));
  }
}

/*
 * pt_image for axis-aligned maps (a1, b0, c0 and c1 all zero: translations, zooms, flips): x depends only on the
 * column and y only on the row, so both are computed once per column and once per row with the same float32
 * operations as pt_image (a1 y is a1 itself, a zero of the same sign, for every row y >= 0, and b0 x is b0 for every
 * column; the sums keep their order). row->p holds the columns' tap offsets, row->wx0/wx1 their weights and
 * row->xs their mapped x, row->interior the interior columns. An interior pixel's horizontal sums wx0 t0 + wx1 t1 in
 * its two source rows then depend only on the source row and the column: they are computed once per source row
 * (pt_hsums, kept for the two rows last used, which neighbouring output rows share), and an interior output row is
 * wy0 top + wy1 bottom of two such rows, sixteen values at a time: pt_pixel's products and sums in pt_pixel's order.
 */
AVX512 static void pt_image_separable(const float *img, const float *end, int h, int w, int c, const float *t,
    float *out, int outH, int outW, int mode, float fill, const pt_row_t *row) {
  const float a0 = t[0], a1 = t[1], a2 = t[2], b0 = t[3], b1 = t[4], b2 = t[5];
  const int constant = mode == PT_CONSTANT;
  const float wLast = (float) (w - 1), hLast = (float) (h - 1);
  int32_t *restrict colOff = row->p;
  float *restrict wx0 = row->wx0, *restrict wx1 = row->wx1, *restrict xs = row->xs;
  uint16_t *restrict masks = row->interior;
  uint16_t *restrict slow = row->degenerate;
  for (int ox = 0; ox < outW; ox++) {
    if ((ox & 15) == 0) masks[ox >> 4] = 0;
    float x = (a0 * (float) ox + a1) + a2;
    if (!constant) x = x >= 0 && x <= wLast ? x + 0.0f : pt_map(x, w, mode);
    xs[ox] = x;
    if (x >= 0 && x < wLast) {
      const float xi = x + 0.0f;
      const int32_t x0 = (int32_t) xi;
      const float xFloor = (float) x0;
      wx0[ox] = (xFloor + 1.0f) - xi;
      wx1[ox] = xi - xFloor;
      colOff[ox] = x0 * c;
      masks[ox >> 4] |= (uint16_t) (1u << (ox & 15));
    }
  }
  /* the chunks of pt_hsums; the interior columns not covered by them (row->degenerate, unused here) are slow */
  for (int ox = 0; ox < outW; ox += 16) slow[ox >> 4] = masks[ox >> 4];
  pt_chunk_t *chunks = row->chunks;
  int32_t *fast = row->fast;
  int nFast = 0;
  int32_t reach = 0; /* the most values a fast chunk's loads read past the start of a source row */
  const int nChunks = (int) (((int64_t) outW * c) / 16);
  for (int q = 0; q < nChunks; q++) {
    pt_chunk_t *k = chunks + q;
    int ok = 1;
    int32_t base = INT32_MAX, last = 0;
    for (int i = 0; i < 16 && ok; i++) {
      const int f = 16 * q + i, col = f / c;
      if (!(masks[col >> 4] >> (col & 15) & 1)) {
        ok = 0;
      } else {
        const int32_t t0 = colOff[col] + f % c;
        base = t0 < base ? t0 : base;
        last = t0 + c > last ? t0 + c : last;
      }
    }
    if (!ok || last - base >= 32) {
      k->base = -1;
      continue;
    }
    k->base = base;
    for (int i = 0; i < 16; i++) {
      const int f = 16 * q + i, col = f / c;
      k->idx0[i] = colOff[col] + f % c - base;
      k->idx1[i] = k->idx0[i] + c;
      k->w0[i] = wx0[col];
      k->w1[i] = wx1[col];
    }
    reach = base + 32 > reach ? base + 32 : reach;
    fast[nFast++] = q;
  }
  /* a column whose values all lie in fast chunks needs no column-by-column sums */
  for (int col = 0; col < outW; col++) {
    const int q1 = (int) (((int64_t) col * c) / 16), q2 = (int) (((int64_t) col * c + c - 1) / 16);
    if (q2 < nChunks && chunks[q1].base >= 0 && chunks[q2].base >= 0) {
      slow[col >> 4] &= (uint16_t) ~(1u << (col & 15));
    }
  }
  const int64_t rs = (int64_t) w * c;
  const int64_t length = end - img;
  const __m512i shift = _mm512_loadu_si512(PT_SHIFT[c]);
  /* the horizontal sums of the two source rows last computed, and which rows they are (-1: none) */
  float *hrows[2] = {row->h0, row->h1};
  int32_t held[2] = {-1, -1};
  for (int oy = 0; oy < outH; oy++) {
    float *const o = out + (int64_t) oy * outW * c;
    float y = (b0 + b1 * (float) oy) + b2;
    if (!constant) y = y >= 0 && y <= hLast ? y + 0.0f : pt_map(y, h, mode);
    if (!(y >= 0 && y < hLast)) {
      for (int ox = 0; ox < outW; ox++) pt_border(img, h, w, c, xs[ox], y, fill, o + (int64_t) ox * c);
      continue;
    }
    const float yi = y + 0.0f;
    const int32_t y0 = (int32_t) yi;
    const float yFloor = (float) y0;
    const float wy0 = (yFloor + 1.0f) - yi, wy1 = yi - yFloor;
    /* the sums of rows y0 and y0 + 1, computed where not held; a slot is taken only from a row not needed here */
    int s0 = held[0] == y0 ? 0 : held[1] == y0 ? 1 : -1;
    if (s0 < 0) {
      s0 = held[0] == y0 + 1 ? 1 : 0;
      pt_hsums(img + y0 * rs, y0 * rs + reach <= length, chunks, fast, nFast, slow, masks, colOff, wx0, wx1, outW,
          c, shift, hrows[s0]);
      held[s0] = y0;
    }
    const int s1 = 1 - s0;
    if (held[s1] != y0 + 1) {
      pt_hsums(img + (y0 + 1) * rs, (y0 + 1) * rs + reach <= length, chunks, fast, nFast, slow, masks, colOff, wx0,
          wx1, outW, c, shift, hrows[s1]);
      held[s1] = y0 + 1;
    }
    const float *restrict ht = hrows[s0], *restrict hb = hrows[s1];
    const __m512 vwy0 = _mm512_set1_ps(wy0), vwy1 = _mm512_set1_ps(wy1);
    for (int ox = 0; ox < outW; ox += 16) {
      const unsigned interior = masks[ox >> 4];
      if (interior == 0xFFFFu) { /* sixteen interior columns: 16 c values */
        const int64_t from = (int64_t) ox * c;
        for (int v = 0; v < c; v++) {
          const int64_t i = from + 16 * v;
          _mm512_storeu_ps(o + i, _mm512_add_ps(_mm512_mul_ps(_mm512_loadu_ps(ht + i), vwy0),
              _mm512_mul_ps(_mm512_loadu_ps(hb + i), vwy1)));
        }
        continue;
      }
      const int end16 = outW - ox < 16 ? outW : ox + 16;
      for (int j = ox; j < end16; j++) {
        float *oj = o + (int64_t) j * c;
        if (!(interior >> (j - ox) & 1)) {
          pt_border(img, h, w, c, xs[j], y, fill, oj);
          continue;
        }
        const int64_t i = (int64_t) j * c;
        for (int ch = 0; ch < c; ch++) oj[ch] = ht[i + ch] * wy0 + hb[i + ch] * wy1;
      }
    }
  }
}

/* Allocates the row scratch of pt_image for outW columns in one block; returns it, or NULL when out of memory. */
static void *pt_row_alloc(pt_row_t *row, int outW) {
  const size_t n = ((size_t) outW + 15) & ~(size_t) 15;
  /* a row of horizontal sums: up to 4 values per column and the 4-lane store's spill past the last one */
  const size_t sums = 4 * n + 16;
  const size_t chunks = n / 4; /* 16-value chunks of a row of up to 4 n values */
  const size_t bytes = chunks * sizeof(pt_chunk_t) + chunks * sizeof(int32_t) + (n * 7 + 2 * sums) * sizeof(float)
      + 3 * (n / 16) * sizeof(uint16_t);
  char *block = aligned_alloc(64, (bytes + 63) & ~(size_t) 63);
  if (block == NULL) return NULL;
  row->chunks = (pt_chunk_t *) block; /* first: 64-byte aligned */
  block += chunks * sizeof(pt_chunk_t);
  row->p = (int32_t *) block;
  row->wx0 = (float *) (block + n * 4);
  row->wx1 = (float *) (block + n * 8);
  row->wy0 = (float *) (block + n * 12);
  row->wy1 = (float *) (block + n * 16);
  row->xs = (float *) (block + n * 20);
  row->ys = (float *) (block + n * 24);
  row->h0 = (float *) (block + n * 28);
  row->h1 = row->h0 + sums;
  row->fast = (int32_t *) (row->h1 + sums);
  row->interior = (uint16_t *) (row->fast + chunks);
  row->degenerate = row->interior + n / 16;
  row->plain = row->degenerate + n / 16;
  return row->chunks;
}

/*
 * ProjectiveNative.image0: checks every index against the arrays before any pixel is read or written and throws
 * IllegalArgumentException on a mismatch; an array that cannot be pinned throws OutOfMemoryError.
 */
JNIEXPORT void JNICALL Java_dev_tuna_augment_layers_internal_ProjectiveNative_image0(JNIEnv *env, jclass cls,
    jfloatArray images, jint inBase, jint h, jint w, jint c, jfloatArray transforms, jint t, jfloatArray out,
    jint outBase, jint outH, jint outW, jint mode, jfloat fill) {
  (void) cls;
  const char *iae = "java/lang/IllegalArgumentException";
  if (images == NULL || transforms == NULL || out == NULL) {
    throw_new(env, "java/lang/NullPointerException", "the projective transform needs images, transforms and out");
    return;
  }
  int64_t in_n = (int64_t) h * w * c;
  int64_t out_n = (int64_t) outH * outW * c;
  if (h <= 0 || w <= 0 || c < 1 || c > 4 || outH < 0 || outW < 0 || mode < PT_REFLECT || mode > PT_NEAREST) {
    throw_new(env, iae, "the native projective transform needs a positive input shape with 1 to 4 channels, a "
        "non-negative output size and a fill mode in [0, 3] but got %dx%dx%d, %dx%d and mode %d", h, w, c, outH, outW,
        mode);
    return;
  }
  jsize in_length = (*env)->GetArrayLength(env, images);
  jsize t_length = (*env)->GetArrayLength(env, transforms);
  jsize out_length = (*env)->GetArrayLength(env, out);
  if (inBase < 0 || in_length - (int64_t) inBase < in_n || t < 0 || t_length - (int64_t) t < 8 || outBase < 0
      || out_length - (int64_t) outBase < out_n) {
    throw_new(env, iae, "the projective transform of %dx%dx%d to %dx%d needs images >= %d + %lld, transforms >= "
        "%d + 8 and out >= %d + %lld but got %d, %d and %d", h, w, c, outH, outW, inBase, (long long) in_n, t,
        outBase, (long long) out_n, (int) in_length, (int) t_length, (int) out_length);
    return;
  }
  if (out_n == 0) return;
  jfloat m[8];
  (*env)->GetFloatArrayRegion(env, transforms, t, 8, m);
  /* No JNI calls between the critical sections' get and release. */
  pt_row_t row;
  void *scratch = pt_row_alloc(&row, outW);
  if (scratch == NULL) {
    throw_new(env, "java/lang/OutOfMemoryError", "the projective transform could not allocate %d columns", outW);
    return;
  }
  float *s = (*env)->GetPrimitiveArrayCritical(env, images, NULL);
  float *d = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
  if (s != NULL && d != NULL) {
    if (m[1] == 0 && m[3] == 0 && m[6] == 0 && m[7] == 0) {
      pt_image_separable(s + inBase, s + in_length, h, w, c, m, d + outBase, outH, outW, mode, fill, &row);
    } else {
      pt_image(s + inBase, s + in_length, h, w, c, m, d + outBase, outH, outW, mode, fill, &row);
    }
  }
  if (d != NULL) (*env)->ReleasePrimitiveArrayCritical(env, out, d, 0);
  if (s != NULL) (*env)->ReleasePrimitiveArrayCritical(env, images, s, JNI_ABORT);
  free(scratch);
  if (s == NULL || d == NULL) {
    throw_new(env, "java/lang/OutOfMemoryError", "the projective transform could not pin its arrays");
  }
}

/* Lane i of output register k of pt_flip_row3: 45 - 3 (f / 3) + f % 3 for value f = 16 k + i, the input value of
   the reversed pixel, less the offset of the first of the two loads it permutes (16, 8, 0). */
static const int32_t PT_FLIP3[3][16] = {
    {29, 30, 31, 26, 27, 28, 23, 24, 25, 20, 21, 22, 17, 18, 19, 14},
    {23, 24, 19, 20, 21, 16, 17, 18, 13, 14, 15, 10, 11, 12, 7, 8},
    {17, 12, 13, 14, 9, 10, 11, 6, 7, 8, 3, 4, 5, 0, 1, 2}};

/*
 * One row of w 3-channel pixels reversed (output pixel x is input pixel w - 1 - x), sixteen pixels at a time: the
 * 48 input values of sixteen pixels are read with five overlapping 16-lane loads and every output register is one
 * two-register permute of two of them (no arithmetic: the values are copied exactly); the last w % 16 pixels one by
 * one.
 */
AVX512 static void pt_flip_row3(const float *in, int w, float *out) {
  const __m512i i0 = _mm512_loadu_si512(PT_FLIP3[0]), i1 = _mm512_loadu_si512(PT_FLIP3[1]);
  const __m512i i2 = _mm512_loadu_si512(PT_FLIP3[2]);
  int x = 0;
  for (; x + 16 <= w; x += 16) {
    const float *b = in + (int64_t) (w - 16 - x) * 3;
    float *o = out + (int64_t) x * 3;
    const __m512 a = _mm512_loadu_ps(b), m = _mm512_loadu_ps(b + 8), bb = _mm512_loadu_ps(b + 16);
    const __m512 e = _mm512_loadu_ps(b + 24), cc = _mm512_loadu_ps(b + 32);
    _mm512_storeu_ps(o, _mm512_permutex2var_ps(bb, i0, cc));
    _mm512_storeu_ps(o + 16, _mm512_permutex2var_ps(m, i1, e));
    _mm512_storeu_ps(o + 32, _mm512_permutex2var_ps(a, i2, bb));
  }
  for (; x < w; x++) {
    const float *p = in + (int64_t) (w - 1 - x) * 3;
    out[(int64_t) x * 3] = p[0];
    out[(int64_t) x * 3 + 1] = p[1];
    out[(int64_t) x * 3 + 2] = p[2];
  }
}

/*
 * ProjectiveNative.flip0: the h x w x 3 image at inBase flipped horizontally (and vertically when vertical is true)
 * into out at outBase; checks every index against the arrays before any value is read or written and throws
 * IllegalArgumentException on a mismatch.
 */
JNIEXPORT void JNICALL Java_dev_tuna_augment_layers_internal_ProjectiveNative_flip0(JNIEnv *env, jclass cls,
    jfloatArray images, jint inBase, jint h, jint w, jint c, jboolean vertical, jfloatArray out, jint outBase) {
  (void) cls;
  if (images == NULL || out == NULL) {
    throw_new(env, "java/lang/NullPointerException", "the flip needs images and out");
    return;
  }
  if (h <= 0 || w <= 0 || c != 3) {
    throw_new(env, "java/lang/IllegalArgumentException", "the native flip needs a positive shape with 3 channels "
        "but got %dx%dx%d", h, w, c);
    return;
  }
  const int64_t n = (int64_t) h * w * c;
  jsize in_length = (*env)->GetArrayLength(env, images);
  jsize out_length = (*env)->GetArrayLength(env, out);
  if (inBase < 0 || in_length - (int64_t) inBase < n || outBase < 0 || out_length - (int64_t) outBase < n) {
    throw_new(env, "java/lang/IllegalArgumentException", "the flip of %dx%dx%d needs images >= %d + %lld and out >= "
        "%d + %lld but got %d and %d", h, w, c, inBase, (long long) n, outBase, (long long) n, (int) in_length,
        (int) out_length);
    return;
  }
  /* No JNI calls between the critical sections' get and release. */
  float *s = (*env)->GetPrimitiveArrayCritical(env, images, NULL);
  float *d = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
  if (s != NULL && d != NULL) {
    const int64_t row = (int64_t) w * 3;
    for (int y = 0; y < h; y++) {
      pt_flip_row3(s + inBase + (vertical ? h - 1 - y : y) * row, w, d + outBase + y * row);
    }
  }
  if (d != NULL) (*env)->ReleasePrimitiveArrayCritical(env, out, d, 0);
  if (s != NULL) (*env)->ReleasePrimitiveArrayCritical(env, images, s, JNI_ABORT);
  if (s == NULL || d == NULL) {
    throw_new(env, "java/lang/OutOfMemoryError", "the flip could not pin its arrays");
  }
}
