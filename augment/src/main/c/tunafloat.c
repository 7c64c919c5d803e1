/*
 * Precision.FLOAT32's bilinear warp (NativeKernel.float32), included by tunawarp.c. Source coordinates, fill-mode
 * decisions, integer taps and the interpolation weights wy * wx are computed in double exactly as in the exact
 * kernels (so every border decision and tap is SciPy's); the four weights are rounded once to float and the blend
 * runs in float32: (s00 * w00 + s10 * w10) + (s01 * w01 + s11 * w11).
 *
 * Each row is cut into chunks of CHUNK columns. A first pass computes coordinates 16 columns at a time and classifies
 * every block of 16: PAIR when all its pixels' taps lie inside the image (a pixel's two taps of one source row are
 * then 2 * channels contiguous floats, read with one load, masked near the image's end), TAPS when some pixel needs
 * the fill mode (its four taps mapped by the mode's rule, lane by lane, and read one by one; constant fill replaces
 * pixels outside the image), SCALAR for maps no vector path can take exactly (non-finite or huge coordinates,
 * reflect/mirror taps more than a period away, one-pixel wrap axes), which run packed_border pixel by pixel. A
 * second pass blends. The columns' products c * a01 and c * a11 are computed once per call and each row's inner span
 * once per row, so that blocks inside it skip the per-lane test.
 */

enum { CHUNK = 128, PAIR = 0, TAPS = 1, SCALAR = 2 };

/* Per call: c * a01 and c * a11 for every column c (SciPy's products, computed once instead of once per row). */
typedef struct {
  const double *ca01, *ca11;
} columns_t;

typedef struct {
  int32_t o00[CHUNK], o01[CHUNK], o10[CHUNK], o11[CHUNK]; /* tap offsets (PAIR blocks use o00 only) */
  float weights[4 * CHUNK];                                /* w00, w01, w10, w11 of each pixel, pixel by pixel */
  uint16_t outside[CHUNK / 16];                            /* constant fill: pixels outside the image */
  uint8_t kind[CHUNK / 16];
  uint8_t wide[CHUNK / 16]; /* whether the block's taps may be read with unmasked loads (no read past the image) */
} chunk_t;

/* The 16 doubles a (lanes 0-7) and b (lanes 8-15) rounded to float. */
AVX512 static inline __m512 float16(__m512d a, __m512d b) {
  return _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(_mm512_cvtpd_ps(a))),
      _mm256_castps_pd(_mm512_cvtpd_ps(b)), 1));
}

/* The 16 integral doubles a, b (|v| < 2^31) as int32 lanes. */
AVX512 static inline __m512i int16(__m512d a, __m512d b) {
  return _mm512_inserti64x4(_mm512_castsi256_si512(_mm512_cvttpd_epi32(a)), _mm512_cvttpd_epi32(b), 1);
}

/* Lane indices interleaving two vectors' 32-bit lanes (a0 b0 a1 b1 ...) and their 64-bit lanes likewise. */
static const int ZIP32[2][16] = {{0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23},
    {8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31}};
static const long long ZIP64[2][8] = {{0, 8, 1, 9, 2, 10, 3, 11}, {4, 12, 5, 13, 6, 14, 7, 15}};

/* Stores w00..w11 of 16 pixels as 16 consecutive (w00, w01, w10, w11) groups. */
AVX512 static void store_weights(float *out, __m512 w0, __m512 w1, __m512 w2, __m512 w3) {
  const __m512i lo32 = _mm512_loadu_si512(ZIP32[0]), hi32 = _mm512_loadu_si512(ZIP32[1]);
  const __m512i lo64 = _mm512_loadu_si512(ZIP64[0]), hi64 = _mm512_loadu_si512(ZIP64[1]);
  /* (w00, w01) pairs of pixels 0-7 and 8-15, then (w10, w11) */
  const __m512d a = _mm512_castps_pd(_mm512_permutex2var_ps(w0, lo32, w1));
  const __m512d b = _mm512_castps_pd(_mm512_permutex2var_ps(w0, hi32, w1));
  const __m512d c = _mm512_castps_pd(_mm512_permutex2var_ps(w2, lo32, w3));
  const __m512d d = _mm512_castps_pd(_mm512_permutex2var_ps(w2, hi32, w3));
  _mm512_storeu_pd((double *) out, _mm512_permutex2var_pd(a, lo64, c));
  _mm512_storeu_pd((double *) (out + 16), _mm512_permutex2var_pd(a, hi64, c));
  _mm512_storeu_pd((double *) (out + 32), _mm512_permutex2var_pd(b, lo64, d));
  _mm512_storeu_pd((double *) (out + 48), _mm512_permutex2var_pd(b, hi64, d));
}

/*
 * tap() on 16 lanes for an axis of n pixels, or 0 when a used lane needs the scalar rule (reflect and mirror taps
 * farther than one period outside the image).
 */
AVX512 static int taps16(__m512i i, int n, int mode, __mmask16 used, __m512i *out) {
  const __m512i zero = _mm512_setzero_si512();
  const __m512i last = _mm512_set1_epi32(n - 1);
  if (mode == REFLECT || mode == MIRROR) {
    if (mode == MIRROR && n == 1) {
      *out = zero;
      return 1;
    }
    const int period = mode == REFLECT ? 2 * n : 2 * n - 2;
    const __m512i p = _mm512_set1_epi32(period);
    if ((_mm512_cmplt_epi32_mask(i, _mm512_set1_epi32(-period)) & used)
        || (_mm512_cmpge_epi32_mask(i, _mm512_set1_epi32(2 * period)) & used)) {
      return 0;
    }
    /* j = floor_mod(i, period) for -period <= i < 2 * period */
    __m512i j = _mm512_mask_add_epi32(i, _mm512_cmplt_epi32_mask(i, zero), i, p);
    j = _mm512_mask_sub_epi32(j, _mm512_cmpge_epi32_mask(j, p), j, p);
    const __m512i back = _mm512_set1_epi32(mode == REFLECT ? period - 1 : period);
    *out = _mm512_mask_sub_epi32(j, _mm512_cmpgt_epi32_mask(j, last), back, j);
    return 1;
  }
  *out = _mm512_min_epi32(_mm512_max_epi32(i, zero), last);
  return 1;
}

/* The weights of 16 pixels from their coordinates and floors, stored for block j. */
AVX512 static inline void block_weights(chunk_t *ch, int j, __m512d y0, __m512d y1, __m512d x0, __m512d x1,
    __m512d fy0, __m512d fy1, __m512d fx0, __m512d fx1) {
  const __m512d one = _mm512_set1_pd(1.0);
  const __m512d wy1a = _mm512_sub_pd(y0, fy0), wy1b = _mm512_sub_pd(y1, fy1);
  const __m512d wx1a = _mm512_sub_pd(x0, fx0), wx1b = _mm512_sub_pd(x1, fx1);
  const __m512d wy0a = _mm512_sub_pd(one, wy1a), wy0b = _mm512_sub_pd(one, wy1b);
  const __m512d wx0a = _mm512_sub_pd(one, wx1a), wx0b = _mm512_sub_pd(one, wx1b);
  store_weights(ch->weights + 4 * j, float16(_mm512_mul_pd(wy0a, wx0a), _mm512_mul_pd(wy0b, wx0b)),
      float16(_mm512_mul_pd(wy0a, wx1a), _mm512_mul_pd(wy0b, wx1b)),
      float16(_mm512_mul_pd(wy1a, wx0a), _mm512_mul_pd(wy1b, wx0b)),
      float16(_mm512_mul_pd(wy1a, wx1a), _mm512_mul_pd(wy1b, wx1b)));
}

#define FLOOR(v) _mm512_roundscale_pd(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC)

/*
 * Coordinates, taps and weights of columns c .. c + 15 (count of them used) into block k of the chunk. inner says
 * that all of them are known to be inner (both taps of each axis inside the image), checked that the row's
 * coordinates are known to be finite and below 2^30 in magnitude.
 */
AVX512 static void float_block(const warp_t *w, const columns_t *cols, double ra, double rb, int c, int count,
    int inner, int checked, chunk_t *ch, int k) {
  const int j = 16 * k;
  const __mmask16 used = (__mmask16) (count >= 16 ? 0xFFFF : (1u << count) - 1u);
  const __mmask8 u0 = (__mmask8) used, u1 = (__mmask8) (used >> 8);
  const __m512d vra = _mm512_set1_pd(ra), vrb = _mm512_set1_pd(rb);
  const __m512d vb0 = _mm512_set1_pd(w->b0), vb1 = _mm512_set1_pd(w->b1);
  __m512d y0 = _mm512_add_pd(_mm512_add_pd(vra, _mm512_loadu_pd(cols->ca01 + c)), vb0);
  __m512d y1 = _mm512_add_pd(_mm512_add_pd(vra, _mm512_loadu_pd(cols->ca01 + c + 8)), vb0);
  __m512d x0 = _mm512_add_pd(_mm512_add_pd(vrb, _mm512_loadu_pd(cols->ca11 + c)), vb1);
  __m512d x1 = _mm512_add_pd(_mm512_add_pd(vrb, _mm512_loadu_pd(cols->ca11 + c + 8)), vb1);
  const __m512d zero = _mm512_setzero_pd();
  const __m512d hmax = _mm512_set1_pd(w->height - 1), wmax = _mm512_set1_pd(w->width - 1);
  if (!inner) {
    /* inner: 0 <= y < h - 1 and 0 <= x < w - 1, so that both taps of each axis lie inside (NaN is not inner) */
    const __mmask8 in0 = _mm512_cmp_pd_mask(y0, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(y0, hmax, _CMP_LT_OQ)
        & _mm512_cmp_pd_mask(x0, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(x0, wmax, _CMP_LT_OQ);
    const __mmask8 in1 = _mm512_cmp_pd_mask(y1, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(y1, hmax, _CMP_LT_OQ)
        & _mm512_cmp_pd_mask(x1, zero, _CMP_GE_OQ) & _mm512_cmp_pd_mask(x1, wmax, _CMP_LT_OQ);
    inner = (in0 & u0) == u0 && (in1 & u1) == u1;
  }
  if (inner) {
    /* every tap inside the image: the offsets fy * rs + fx * channels are exact integers in double */
    const __m512d fy0 = FLOOR(y0), fy1 = FLOOR(y1), fx0 = FLOOR(x0), fx1 = FLOOR(x1);
    block_weights(ch, j, y0, y1, x0, x1, fy0, fy1, fx0, fx1);
    const __m512d rs = _mm512_set1_pd((double) w->row_stride), cs = _mm512_set1_pd((double) w->channels);
    const __m512i o = int16(_mm512_add_pd(_mm512_mul_pd(fy0, rs), _mm512_mul_pd(fx0, cs)),
        _mm512_add_pd(_mm512_mul_pd(fy1, rs), _mm512_mul_pd(fx1, cs)));
    _mm512_storeu_si512(ch->o00 + j, o);
    ch->kind[k] = PAIR;
    /* the pair loads read 8 floats from o and from o + rs */
    ch->wide[k] = !(_mm512_cmpgt_epi32_mask(o, _mm512_set1_epi32((int32_t) (w->length - w->row_stride - 8))) & used);
    return;
  }
  /* every used coordinate finite and below 2^30 in magnitude (NaN fails the ordered compare) */
  const __m512d limit = _mm512_set1_pd(1073741824.0);
  if ((!checked && ((_mm512_cmp_pd_mask(_mm512_abs_pd(y0), limit, _CMP_LT_OQ) & u0) != u0
      || (_mm512_cmp_pd_mask(_mm512_abs_pd(y1), limit, _CMP_LT_OQ) & u1) != u1
      || (_mm512_cmp_pd_mask(_mm512_abs_pd(x0), limit, _CMP_LT_OQ) & u0) != u0
      || (_mm512_cmp_pd_mask(_mm512_abs_pd(x1), limit, _CMP_LT_OQ) & u1) != u1))
      || (w->mode == WRAP && (w->height <= 1 || w->width <= 1))) {
    ch->kind[k] = SCALAR;
    return;
  }
  __mmask16 outside = 0;
  if (w->mode == CONSTANT) {
    __mmask8 o0 = _mm512_cmp_pd_mask(y0, zero, _CMP_LT_OQ) | _mm512_cmp_pd_mask(y0, hmax, _CMP_GT_OQ)
        | _mm512_cmp_pd_mask(x0, zero, _CMP_LT_OQ) | _mm512_cmp_pd_mask(x0, wmax, _CMP_GT_OQ);
    __mmask8 o1 = _mm512_cmp_pd_mask(y1, zero, _CMP_LT_OQ) | _mm512_cmp_pd_mask(y1, hmax, _CMP_GT_OQ)
        | _mm512_cmp_pd_mask(x1, zero, _CMP_LT_OQ) | _mm512_cmp_pd_mask(x1, wmax, _CMP_GT_OQ);
    outside = (__mmask16) ((o0 | (o1 << 8)) & used);
  } else if (w->mode == WRAP) {
    y0 = wrap8(y0, w->height);
    y1 = wrap8(y1, w->height);
    x0 = wrap8(x0, w->width);
    x1 = wrap8(x1, w->width);
  }
  const __m512d fy0 = FLOOR(y0), fy1 = FLOOR(y1), fx0 = FLOOR(x0), fx1 = FLOOR(x1);
  block_weights(ch, j, y0, y1, x0, x1, fy0, fy1, fx0, fx1);
  const __m512i iy = int16(fy0, fy1), ix = int16(fx0, fx1);
  const __m512i onei = _mm512_set1_epi32(1);
  __m512i ty0, ty1, tx0, tx1;
  if (!taps16(iy, w->height, w->mode, used, &ty0)
      || !taps16(_mm512_add_epi32(iy, onei), w->height, w->mode, used, &ty1)
      || !taps16(ix, w->width, w->mode, used, &tx0)
      || !taps16(_mm512_add_epi32(ix, onei), w->width, w->mode, used, &tx1)) {
    ch->kind[k] = SCALAR;
    return;
  }
  const __m512i rs = _mm512_set1_epi32(w->row_stride), cs = _mm512_set1_epi32(w->channels);
  ty0 = _mm512_mullo_epi32(ty0, rs);
  ty1 = _mm512_mullo_epi32(ty1, rs);
  tx0 = _mm512_mullo_epi32(tx0, cs);
  tx1 = _mm512_mullo_epi32(tx1, cs);
  const __m512i o00 = _mm512_add_epi32(ty0, tx0), o01 = _mm512_add_epi32(ty0, tx1);
  const __m512i o10 = _mm512_add_epi32(ty1, tx0), o11 = _mm512_add_epi32(ty1, tx1);
  _mm512_storeu_si512(ch->o00 + j, o00);
  _mm512_storeu_si512(ch->o01 + j, o01);
  _mm512_storeu_si512(ch->o10 + j, o10);
  _mm512_storeu_si512(ch->o11 + j, o11);
  /* the tap loads read 4 floats from each offset */
  const __m512i last = _mm512_set1_epi32((int32_t) (w->length - 4));
  ch->wide[k] = !((_mm512_cmpgt_epi32_mask(o00, last) | _mm512_cmpgt_epi32_mask(o01, last)
      | _mm512_cmpgt_epi32_mask(o10, last) | _mm512_cmpgt_epi32_mask(o11, last)) & used);
  ch->outside[k] = outside;
  ch->kind[k] = TAPS;
}

#undef FLOOR

/* Lane i of the pair permutes for c channels: top weights (w00 then w01), bottom (w10, w11), shift down by c. */
static const int PAIR_TOP[5][8] = {
    {0}, {0, 1, 1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1, 1, 1}, {0, 0, 0, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 1, 1, 1, 1}};
static const int PAIR_SHIFT[5][8] = {
    {0}, {1, 2, 3, 4, 5, 6, 7, 7}, {2, 3, 4, 5, 6, 7, 7, 7}, {3, 4, 5, 6, 7, 7, 7, 7}, {4, 5, 6, 7, 7, 7, 7, 7}};

/* One PAIR pixel: two taps of each source row from a (top) and a + rs (bottom), 2 * channels floats each. */
#define PAIR_PIXEL(load)                                                                                             \
  const float *a = s + ch->o00[i];                                                                                  \
  const __m256 w4 = _mm256_castps128_ps256(_mm_loadu_ps(ch->weights + 4 * i));                                      \
  __m256 t = _mm256_mul_ps(load(a), _mm256_permutexvar_ps(top, w4));                                                \
  t = _mm256_add_ps(t, _mm256_mul_ps(load(a + rs), _mm256_permutexvar_ps(bottom, w4)));                             \
  const __m128 v = _mm256_castps256_ps128(_mm256_add_ps(t, _mm256_permutexvar_ps(shift, t)))

/* One TAPS pixel from its four tap offsets. */
#define TAPS_PIXEL(load)                                                                                             \
  const __m128 w4 = _mm_loadu_ps(ch->weights + 4 * i);                                                               \
  __m128 v = _mm_add_ps(                                                                                             \
      _mm_add_ps(_mm_mul_ps(load(s + ch->o00[i]), _mm_permute_ps(w4, 0x00)),                                          \
          _mm_mul_ps(load(s + ch->o10[i]), _mm_permute_ps(w4, 0xAA))),                                                \
      _mm_add_ps(_mm_mul_ps(load(s + ch->o01[i]), _mm_permute_ps(w4, 0x55)),                                          \
          _mm_mul_ps(load(s + ch->o11[i]), _mm_permute_ps(w4, 0xFF))));                                               \
  if ((outside >> (i - k)) & 1u) v = fill

/*
 * Blends the chunk's columns 0 .. count - 1 into out (column 0's output), step +-channels per column. Pixels before
 * plain are stored with four-float stores whose spare lanes land in pixels written later; the rest with masked ones.
 */
AVX512 static void float_blend(const warp_t *w, double ra, double rb, int c0, const chunk_t *ch, int count, int plain,
    float *out, int step) {
  const int channels = w->channels, rs = w->row_stride;
  const __mmask8 pair = (__mmask8) ((1u << (2 * channels)) - 1u);
  const __mmask8 one = (__mmask8) ((1u << channels) - 1u);
  const __m256i top = _mm256_loadu_si256((const __m256i *) PAIR_TOP[channels]);
  const __m256i bottom = _mm256_add_epi32(top, _mm256_set1_epi32(2));
  const __m256i shift = _mm256_loadu_si256((const __m256i *) PAIR_SHIFT[channels]);
  const __m128 fill = _mm_set1_ps(w->fill);
  const float *s = w->src;
#define LOAD8(p) _mm256_loadu_ps(p)
#define LOAD8_MASKED(p) _mm256_maskz_loadu_ps(pair, p)
#define LOAD4(p) _mm_loadu_ps(p)
#define LOAD4_MASKED(p) _mm_maskz_loadu_ps(one, p)
#define STORE(v)                                                                                                     \
  if (i < plain) _mm_storeu_ps(out + (int64_t) i * step, v);                                                         \
  else store_lanes(out + (int64_t) i * step, one, v)
  for (int k = 0; k < count; k += 16) {
    const int end = count - k < 16 ? count : k + 16;
    const int kind = ch->kind[k / 16], wide = ch->wide[k / 16];
    if (kind == PAIR && wide) {
      const int split = plain < k ? k : plain > end ? end : plain;
      _Pragma("GCC unroll 4")
      for (int i = k; i < split; i++) {
        PAIR_PIXEL(LOAD8);
        _mm_storeu_ps(out + (int64_t) i * step, v);
      }
      for (int i = split; i < end; i++) {
        PAIR_PIXEL(LOAD8);
        store_lanes(out + (int64_t) i * step, one, v);
      }
    } else if (kind == PAIR) {
      _Pragma("GCC unroll 4")
      for (int i = k; i < end; i++) {
        PAIR_PIXEL(LOAD8_MASKED);
        STORE(v);
      }
    } else if (kind == TAPS) {
      const unsigned outside = ch->outside[k / 16];
      if (wide) {
        _Pragma("GCC unroll 4")
        for (int i = k; i < end; i++) {
          TAPS_PIXEL(LOAD4);
          STORE(v);
        }
      } else {
        _Pragma("GCC unroll 4")
        for (int i = k; i < end; i++) {
          TAPS_PIXEL(LOAD4_MASKED);
          STORE(v);
        }
      }
    } else {
      for (int i = k; i < end; i++) {
        packed_border(w, ra, rb, c0 + i, out + (int64_t) i * step, 1);
      }
    }
  }
#undef LOAD8
#undef LOAD8_MASKED
#undef LOAD4
#undef LOAD4_MASKED
#undef STORE
}

/* Whether column c of the row is inner: 0 <= y < h - 1 and 0 <= x < w - 1 with SciPy's coordinates. */
static int inner_at(const warp_t *w, const columns_t *cols, double ra, double rb, int c) {
  const double y = (ra + cols->ca01[c]) + w->b0, x = (rb + cols->ca11[c]) + w->b1;
  return y >= 0 && y < w->height - 1 && x >= 0 && x < w->width - 1;
}

/*
 * The row's inner columns [*lo, *hi) (empty when *lo >= *hi). The exact coordinate is monotone in the column (a
 * product and two sums, each rounding monotonically), so they form one interval: an analytic estimate is shrunk
 * until both ends pass the exact test, then grown while neighbours pass it (AffineWarp's interior search).
 */
static void inner_span(const warp_t *w, const columns_t *cols, double ra, double rb, int *lo, int *hi) {
  double l = 0, h = w->width - 1;
  const double ys = ra + w->b0, xs = rb + w->b1;
  if (w->a01 != 0) {
    const double t0 = (0 - ys) / w->a01, t1 = (w->height - 1 - ys) / w->a01;
    l = fmax(l, fmin(t0, t1));
    h = fmin(h, fmax(t0, t1));
  }
  if (w->a11 != 0) {
    const double t0 = (0 - xs) / w->a11, t1 = (w->width - 1 - xs) / w->a11;
    l = fmax(l, fmin(t0, t1));
    h = fmin(h, fmax(t0, t1));
  }
  *lo = *hi = 0;
  if (!(l <= h)) return;
  int a = (int) ceil(l), b = (int) floor(h);
  while (a <= b && !inner_at(w, cols, ra, rb, a)) a++;
  while (b >= a && !inner_at(w, cols, ra, rb, b)) b--;
  if (a > b) return;
  while (a > 0 && inner_at(w, cols, ra, rb, a - 1)) a--;
  while (b < w->width - 1 && inner_at(w, cols, ra, rb, b + 1)) b++;
  *lo = a;
  *hi = b + 1;
}

AVX512 static void float_rows(const warp_t *w, const columns_t *cols, int dst_offset, int flip_h, int flip_v) {
  const int height = w->height, width = w->width, channels = w->channels;
  const int step = flip_h ? -channels : channels;
  chunk_t ch;
  for (int r = 0; r < height; r++) {
    const double ra = (double) r * w->a00;
    const double rb = (double) r * w->a10;
    float *row = w->dst + dst_offset + (int64_t) (flip_v ? height - 1 - r : r) * w->row_stride;
    /* the coordinates are monotone in the column (a product and two sums, each rounding monotonically), so finite
       ends below 2^29 in magnitude bound the whole row, including the unused lanes of the last block (16 columns
       beyond the end move a coordinate by at most 16 * |a| more than the row's length did) */
    int checked = 1;
    for (int e = 0; e < 2; e++) {
      const int c = e == 0 ? 0 : width - 1 + 16;
      const double y = (ra + cols->ca01[c]) + w->b0, x = (rb + cols->ca11[c]) + w->b1;
      checked &= fabs(y) < 536870912.0 && fabs(x) < 536870912.0;
    }
    int lo, hi;
    inner_span(w, cols, ra, rb, &lo, &hi);
    for (int c0 = 0; c0 < width; c0 += CHUNK) {
      const int count = width - c0 < CHUNK ? width - c0 : CHUNK;
      for (int k = 0; 16 * k < count; k++) {
        const int left = count - 16 * k;
        const int c = c0 + 16 * k, n = left < 16 ? left : 16;
        float_block(w, cols, ra, rb, c, n, c >= lo && c + n <= hi, checked, &ch, k);
      }
      /* four-float stores run ahead of the pixel: fine while later pixels of the same row overwrite the spare
         lanes, so the row's last (4 - 1) / channels pixels (whichever chunk holds them) store masked */
      const int ahead = width - c0 - (4 - 1) / channels;
      const int plain = flip_h || ahead < 0 ? 0 : ahead < count ? ahead : count;
      float_blend(w, ra, rb, c0, &ch, count, plain, row + (int64_t) (flip_h ? width - 1 - c0 : c0) * channels, step);
    }
  }
}

/*
 * The JNI entry of NativeKernel.FLOAT32: checks the shape and lengths (IllegalArgumentException, nothing read or
 * written on a mismatch), then warps. No tap tables: every tap is computed here.
 */
JNIEXPORT void JNICALL Java_dev_tuna_augment_internal_warp_NativeKernel_float0(JNIEnv *env, jclass cls,
    jfloatArray src, jfloatArray dst, jint dst_offset, jint height, jint width, jint channels, jdoubleArray matrix,
    jint mode, jfloat fill, jboolean flip_h, jboolean flip_v) {
  (void) cls;
  if (src == NULL || dst == NULL || matrix == NULL) {
    throw_new(env, "java/lang/NullPointerException", "warp needs src, dst and matrix arrays");
    return;
  }
  int64_t n = (int64_t) height * width * channels;
  if (height <= 0 || width <= 0 || channels <= 0 || channels > 4 || n > INT32_MAX || mode < CONSTANT
      || mode > MIRROR) {
    throw_new(env, "java/lang/IllegalArgumentException", "the float32 warp needs a positive shape of at most 2^31 - 1 "
        "values, 1 to 4 channels and a fill mode in [0, 4] but got %dx%dx%d and mode %d", height, width, channels,
        mode);
    return;
  }
  jsize src_length = (*env)->GetArrayLength(env, src);
  jsize dst_length = (*env)->GetArrayLength(env, dst);
  if (src_length < n || dst_offset < 0 || (int64_t) dst_length - dst_offset < n
      || (*env)->GetArrayLength(env, matrix) < 6) {
    throw_new(env, "java/lang/IllegalArgumentException", "the float32 warp of %dx%dx%d needs src >= %lld, dst >= "
        "offset %d + %lld and matrix >= 6 but got %d and %d", height, width, channels, (long long) n, dst_offset,
        (long long) n, (int) src_length, (int) dst_length);
    return;
  }
  static const jint no_taps[1] = {0};
  warp_t w;
  warp_init(env, &w, height, width, channels, matrix, mode, fill);
  w.row_taps = no_taps;
  w.col_taps = no_taps;
  w.row_first = w.col_first = 0;
  w.row_last = w.col_last = 0; /* every border tap through tap() */
  /* c * a01 and c * a11 for the columns and the 16 lanes a block may compute past the last one */
  double *products = malloc(2 * ((size_t) width + 16) * sizeof(double));
  if (products == NULL) {
    throw_new(env, "java/lang/OutOfMemoryError", "the float32 warp could not allocate %d column products", width + 16);
    return;
  }
  for (int c = 0; c < width + 16; c++) {
    products[c] = (double) c * w.a01;
    products[width + 16 + c] = (double) c * w.a11;
  }
  const columns_t cols = {products, products + width + 16};
  float *s = (*env)->GetPrimitiveArrayCritical(env, src, NULL);
  float *d = s == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, dst, NULL);
  if (d != NULL) {
    w.src = s;
    w.dst = d;
    float_rows(&w, &cols, dst_offset, flip_h, flip_v);
    (*env)->ReleasePrimitiveArrayCritical(env, dst, d, 0);
  }
  if (s != NULL) (*env)->ReleasePrimitiveArrayCritical(env, src, s, JNI_ABORT);
  free(products);
  if (d == NULL) throw_new(env, "java/lang/OutOfMemoryError", "warp could not pin its arrays");
}
