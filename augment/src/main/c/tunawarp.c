/*
 * tuna's native bilinear warp (order 1) for float HWC images: the same arithmetic as AffineWarp's Java kernels, in
 * the same order, in double precision, so results are bit-identical. Interior pixels run eight at a time with
 * AVX-512 gathers; border pixels use the fill-mode tap tables computed by the Java side. Compiled with
 * -ffp-contract=off (no fused multiply-adds) and without -ffast-math.
 */
#include <jni.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <immintrin.h>

/* Everything runs only after the Java side checked for AVX-512F and VL (NativeKernel.supported). */
#define AVX512 __attribute__((target("avx512f,avx512vl")))

enum { CONSTANT = 0, NEAREST = 1, REFLECT = 2, WRAP = 3, MIRROR = 4 };

/* The exact entry points: AVX-512 gathers (NATIVE) and packed row loads (NATIVE_PACKED); FLOAT32's is tunafloat.c. */
enum { GATHER = 0, PACKED = 1 };

typedef struct {
  const float *src;
  float *dst;
  int height, width, channels, row_stride;
  int64_t length; /* height * width * channels */
  double a00, a01, b0, a10, a11, b1;
  int mode;
  float fill;
  const jint *row_taps, *col_taps;
  int row_first, row_last, col_first, col_last;
} warp_t;

/* Java's (int) cast of a double: NaN is 0, out-of-range values saturate. */
AVX512 static int32_t java_d2i(double v) {
  if (v != v) return 0;
  if (v >= 2147483647.0) return INT32_MAX;
  if (v <= -2147483648.0) return INT32_MIN;
  return (int32_t) v;
}

/* Java's (long) cast of a double. */
AVX512 static int64_t java_d2l(double v) {
  if (v != v) return 0;
  if (v >= 9223372036854775807.0) return INT64_MAX;
  if (v <= -9223372036854775808.0) return INT64_MIN;
  return (int64_t) v;
}

AVX512 static int32_t floor_mod(int32_t i, int32_t n) {
  int64_t m = (int64_t) i % n;
  return (int32_t) (m < 0 ? m + n : m);
}

/* AffineWarp.tap: an integer tap index mapped into [0, n-1] by the mode's extension rule. */
AVX512 static int32_t tap(int32_t i, int32_t n, int mode) {
  if (i >= 0 && i < n) return i;
  if (mode == REFLECT) {
    int32_t period = 2 * n;
    int32_t j = floor_mod(i, period);
    return j >= n ? period - 1 - j : j;
  }
  if (mode == MIRROR) {
    if (n == 1) return 0;
    int32_t period = 2 * n - 2;
    int32_t j = floor_mod(i, period);
    return j >= n ? period - j : j;
  }
  return i < 0 ? 0 : n - 1;
}

/* AffineWarp.wrapCoordinate (SciPy's legacy wrap, period n-1), with Java's long arithmetic. */
AVX512 static double wrap_coordinate(double in, int len) {
  if (in < 0) {
    if (len <= 1) return 0;
    int64_t sz = len - 1;
    int64_t k = (int64_t) ((uint64_t) java_d2l(-in / (double) sz) + 1u);
    return in + (double) (int64_t) ((uint64_t) sz * (uint64_t) k);
  }
  if (in > len - 1) {
    if (len <= 1) return 0;
    int64_t sz = len - 1;
    int64_t k = java_d2l(in / (double) sz);
    return in - (double) (int64_t) ((uint64_t) sz * (uint64_t) k);
  }
  return in;
}

/* One border pixel: AffineWarp.borderPixel for order 1. */
AVX512 static void border_pixel(const warp_t *w, double ra, double rb, int c, float *out) {
  const int channels = w->channels;
  double y = ra + (double) c * w->a01 + w->b0;
  double x = rb + (double) c * w->a11 + w->b1;
  if (w->mode == CONSTANT) {
    if (y < 0 || y > w->height - 1 || x < 0 || x > w->width - 1) {
      for (int ch = 0; ch < channels; ch++) out[ch] = w->fill;
      return;
    }
  } else if (w->mode == WRAP) {
    y = wrap_coordinate(y, w->height);
    x = wrap_coordinate(x, w->width);
  }
  double fy = floor(y);
  double fx = floor(x);
  double wy1 = y - fy;
  double wy0 = 1.0 - wy1;
  double wx1 = x - fx;
  double wx0 = 1.0 - wx1;
  int32_t iy0 = java_d2i(fy);
  int32_t ix0 = java_d2i(fx);
  int64_t iy = (int64_t) iy0 - w->row_first;
  int64_t ix = (int64_t) ix0 - w->col_first;
  int64_t ty0, ty1, tx0, tx1;
  if (iy >= 0 && iy < w->row_last && ix >= 0 && ix < w->col_last) {
    ty0 = w->row_taps[iy];
    ty1 = w->row_taps[iy + 1];
    tx0 = w->col_taps[ix];
    tx1 = w->col_taps[ix + 1];
  } else {
    int32_t iy1 = (int32_t) ((uint32_t) iy0 + 1u);
    int32_t ix1 = (int32_t) ((uint32_t) ix0 + 1u);
    ty0 = (int64_t) tap(iy0, w->height, w->mode) * w->row_stride;
    ty1 = (int64_t) tap(iy1, w->height, w->mode) * w->row_stride;
    tx0 = (int64_t) tap(ix0, w->width, w->mode) * channels;
    tx1 = (int64_t) tap(ix1, w->width, w->mode) * channels;
  }
  const float *s = w->src;
  for (int ch = 0; ch < channels; ch++) {
    double t = (double) s[ty0 + tx0 + ch] * wy0 * wx0;
    t += (double) s[ty0 + tx1 + ch] * wy0 * wx1;
    t += (double) s[ty1 + tx0 + ch] * wy1 * wx0;
    t += (double) s[ty1 + tx1 + ch] * wy1 * wx1;
    out[ch] = (float) t;
  }
}

/* Positions of eight pixels' three channels, interleaved (c0 in lanes 0-7, c1 in 8-15, c2 in 16-23 of a|b). */
static const int INTERLEAVE[2][2][16] = {
    {{0, 8, 16, 1, 9, 17, 2, 10, 18, 3, 11, 19, 4, 12, 20, 5}, {13, 21, 6, 14, 22, 7, 15, 23, 0, 0, 0, 0, 0, 0, 0, 0}},
    {{7, 15, 23, 6, 14, 22, 5, 13, 21, 4, 12, 20, 3, 11, 19, 2}, {10, 18, 1, 9, 17, 0, 8, 16, 0, 0, 0, 0, 0, 0, 0, 0}}};

/* Stores eight 3-channel pixels as 24 contiguous floats: pixel k at out + 3k (step 3) or out - 3k (step -3). */
AVX512 static void store3x8(float *out, int step, __m256 c0, __m256 c1, __m256 c2) {
  const int rev = step < 0;
  __m512 a = _mm512_castpd_ps(_mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(c0)),
      _mm256_castps_pd(c1), 1));
  __m512 b = _mm512_castps256_ps512(c2);
  __m512 lo = _mm512_permutex2var_ps(a, _mm512_loadu_si512(INTERLEAVE[rev][0]), b);
  __m512 hi = _mm512_permutex2var_ps(a, _mm512_loadu_si512(INTERLEAVE[rev][1]), b);
  float *base = rev ? out - 21 : out;
  _mm512_storeu_ps(base, lo);
  _mm256_storeu_ps(base + 16, _mm512_castps512_ps256(hi));
}

/* wrap_coordinate on eight lanes; lanes must be finite with |v| < 2^40 so that the integer products are exact. */
AVX512 static __m512d wrap8(__m512d v, int len) {
  const __m512d sz = _mm512_set1_pd((double) (len - 1));
  const __m512d zero = _mm512_setzero_pd();
  __mmask8 low = _mm512_cmp_pd_mask(v, zero, _CMP_LT_OQ);
  __mmask8 high = _mm512_cmp_pd_mask(v, sz, _CMP_GT_OQ);
  if ((low | high) == 0) {
    return v;
  }
  /* (long) (-v / sz) below the range and (long) (v / sz) above it: both are trunc(|v| / sz) */
  __m512d q = _mm512_roundscale_pd(_mm512_div_pd(_mm512_abs_pd(v), sz), _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
  __m512d r = _mm512_mask_blend_pd(low, v,
      _mm512_add_pd(v, _mm512_mul_pd(sz, _mm512_add_pd(q, _mm512_set1_pd(1.0)))));
  return _mm512_mask_blend_pd(high, r, _mm512_sub_pd(v, _mm512_mul_pd(sz, q)));
}

/*
 * Up to eight pixels (count) starting at column c through the tap tables; returns 0, writing nothing, when a lane
 * needs the scalar path (a tap outside the tables, a non-finite or huge coordinate, a degenerate wrap). Interior
 * pixels give the same values here as in interior_run (the tables are the identity inside the image).
 */
AVX512 static int border8(const warp_t *w, double ra, double rb, int c, int count, float *out, int step) {
  const int channels = w->channels;
  const __m512d cd = _mm512_add_pd(_mm512_set_pd(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_pd((double) c));
  __m512d y = _mm512_add_pd(_mm512_add_pd(_mm512_set1_pd(ra), _mm512_mul_pd(cd, _mm512_set1_pd(w->a01))),
      _mm512_set1_pd(w->b0));
  __m512d x = _mm512_add_pd(_mm512_add_pd(_mm512_set1_pd(rb), _mm512_mul_pd(cd, _mm512_set1_pd(w->a11))),
      _mm512_set1_pd(w->b1));
  const __m512d zero = _mm512_setzero_pd();
  const __mmask8 lanes_used = (__mmask8) ((1u << count) - 1u);
  __mmask8 active = lanes_used;
  if (w->mode == CONSTANT) {
    /* fill where y < 0 || y > h-1 || x < 0 || x > w-1 (ordered: NaN lanes stay active and fail below) */
    __mmask8 outside = _mm512_cmp_pd_mask(y, zero, _CMP_LT_OQ)
        | _mm512_cmp_pd_mask(y, _mm512_set1_pd(w->height - 1), _CMP_GT_OQ)
        | _mm512_cmp_pd_mask(x, zero, _CMP_LT_OQ)
        | _mm512_cmp_pd_mask(x, _mm512_set1_pd(w->width - 1), _CMP_GT_OQ);
    active = (__mmask8) (~outside & lanes_used);
    if (active == 0) {
      for (int k = 0; k < count; k++) {
        for (int ch = 0; ch < channels; ch++) out[k * step + ch] = w->fill;
      }
      return 1;
    }
  } else if (w->mode == WRAP) {
    const __m512d limit = _mm512_set1_pd(1099511627776.0); /* 2^40 */
    __m512d ay = _mm512_abs_pd(y), ax = _mm512_abs_pd(x);
    if (w->height <= 1 || w->width <= 1
        || (_mm512_cmp_pd_mask(ay, limit, _CMP_LT_OQ) & lanes_used) != lanes_used
        || (_mm512_cmp_pd_mask(ax, limit, _CMP_LT_OQ) & lanes_used) != lanes_used) {
      return 0;
    }
    y = wrap8(y, w->height);
    x = wrap8(x, w->width);
  }
  __m512d fy = _mm512_roundscale_pd(y, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  __m512d fx = _mm512_roundscale_pd(x, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  /* table index i - first must satisfy 0 <= i - first < last (ordered compares: NaN fails) */
  __m512d iy = _mm512_sub_pd(fy, _mm512_set1_pd((double) w->row_first));
  __m512d ix = _mm512_sub_pd(fx, _mm512_set1_pd((double) w->col_first));
  __mmask8 ok = _mm512_cmp_pd_mask(iy, zero, _CMP_GE_OQ)
      & _mm512_cmp_pd_mask(iy, _mm512_set1_pd((double) w->row_last), _CMP_LT_OQ)
      & _mm512_cmp_pd_mask(ix, zero, _CMP_GE_OQ)
      & _mm512_cmp_pd_mask(ix, _mm512_set1_pd((double) w->col_last), _CMP_LT_OQ);
  if ((ok & active) != active) {
    return 0;
  }
  __m512d wy1 = _mm512_sub_pd(y, fy);
  __m512d wy0 = _mm512_sub_pd(_mm512_set1_pd(1.0), wy1);
  __m512d wx1 = _mm512_sub_pd(x, fx);
  __m512d wx0 = _mm512_sub_pd(_mm512_set1_pd(1.0), wx1);
  __m256i jy = _mm512_maskz_cvttpd_epi32(active, iy);
  __m256i jx = _mm512_maskz_cvttpd_epi32(active, ix);
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i none = _mm256_setzero_si256();
  const __m256i bits = _mm256_set_epi32(128, 64, 32, 16, 8, 4, 2, 1);
  const __m256i m256 = _mm256_cmpeq_epi32(_mm256_and_si256(_mm256_set1_epi32(active), bits), bits);
  __m256i ty0 = _mm256_mask_i32gather_epi32(none, (const int *) w->row_taps, jy, m256, 4);
  __m256i ty1 = _mm256_mask_i32gather_epi32(none, (const int *) w->row_taps, _mm256_add_epi32(jy, one), m256, 4);
  __m256i tx0 = _mm256_mask_i32gather_epi32(none, (const int *) w->col_taps, jx, m256, 4);
  __m256i tx1 = _mm256_mask_i32gather_epi32(none, (const int *) w->col_taps, _mm256_add_epi32(jx, one), m256, 4);
  __m256i p00 = _mm256_add_epi32(ty0, tx0), p01 = _mm256_add_epi32(ty0, tx1);
  __m256i p10 = _mm256_add_epi32(ty1, tx0), p11 = _mm256_add_epi32(ty1, tx1);
  const __m256 nonef = _mm256_setzero_ps();
  const __m256 mf = _mm256_castsi256_ps(m256);
  float lanes[8];
  __m256 packed[3];
  const int pack = channels == 3 && count == 8;
  for (int ch = 0; ch < channels; ch++) {
    const float *s = w->src + ch;
    __m512d t = _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtps_pd(_mm256_mask_i32gather_ps(nonef, s, p00, mf, 4)), wy0),
        wx0);
    t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(
        _mm512_cvtps_pd(_mm256_mask_i32gather_ps(nonef, s, p01, mf, 4)), wy0), wx1));
    t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(
        _mm512_cvtps_pd(_mm256_mask_i32gather_ps(nonef, s, p10, mf, 4)), wy1), wx0));
    t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(
        _mm512_cvtps_pd(_mm256_mask_i32gather_ps(nonef, s, p11, mf, 4)), wy1), wx1));
    __m256 f = _mm512_cvtpd_ps(t);
    f = _mm256_blendv_ps(_mm256_set1_ps(w->fill), f, mf);
    if (pack) {
      packed[ch] = f;
      continue;
    }
    _mm256_storeu_ps(lanes, f);
    for (int k = 0; k < count; k++) out[k * step + ch] = lanes[k];
  }
  if (pack) {
    store3x8(out, step, packed[0], packed[1], packed[2]);
  }
  return 1;
}

/* Border columns c0 <= c < c1 of one row; out points at column c0's output. */
AVX512 static void border_run(const warp_t *w, double ra, double rb, int c0, int c1, float *out, int step) {
  for (int c = c0; c < c1; c += 8, out += 8 * step) {
    int count = c1 - c < 8 ? c1 - c : 8;
    if (!border8(w, ra, rb, c, count, out, step)) {
      for (int k = 0; k < count; k++) {
        border_pixel(w, ra, rb, c + k, out + k * step);
      }
    }
  }
}

/* Interior columns lo <= c < hi of one row, eight at a time; out points at column lo's output, step is +-channels. */
AVX512 static void interior_run(const warp_t *w, double ra, double rb, int lo, int hi, float *out, int step) {
  const int channels = w->channels;
  const __m512d iota = _mm512_set_pd(7, 6, 5, 4, 3, 2, 1, 0);
  const __m512d va01 = _mm512_set1_pd(w->a01), va11 = _mm512_set1_pd(w->a11);
  const __m512d vra = _mm512_set1_pd(ra), vrb = _mm512_set1_pd(rb);
  const __m512d vb0 = _mm512_set1_pd(w->b0), vb1 = _mm512_set1_pd(w->b1);
  const __m512d one = _mm512_set1_pd(1.0);
  const __m256i stride = _mm256_set1_epi32(w->row_stride), vch = _mm256_set1_epi32(channels);
  int c = lo;
  float lanes[8];
  __m256 packed[3];
  for (; c + 8 <= hi; c += 8, out += 8 * step) {
    __m512d cd = _mm512_add_pd(iota, _mm512_set1_pd((double) c));
    __m512d y = _mm512_add_pd(_mm512_add_pd(vra, _mm512_mul_pd(cd, va01)), vb0);
    __m512d x = _mm512_add_pd(_mm512_add_pd(vrb, _mm512_mul_pd(cd, va11)), vb1);
    __m256i y0 = _mm512_cvttpd_epi32(y);
    __m256i x0 = _mm512_cvttpd_epi32(x);
    __m512d wy1 = _mm512_sub_pd(y, _mm512_cvtepi32_pd(y0));
    __m512d wx1 = _mm512_sub_pd(x, _mm512_cvtepi32_pd(x0));
    __m512d wy0 = _mm512_sub_pd(one, wy1);
    __m512d wx0 = _mm512_sub_pd(one, wx1);
    __m256i p = _mm256_add_epi32(_mm256_mullo_epi32(y0, stride), _mm256_mullo_epi32(x0, vch));
    __m256i q = _mm256_add_epi32(p, stride);
    for (int ch = 0; ch < channels; ch++) {
      const float *s = w->src + ch;
      __m512d t = _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtps_pd(_mm256_i32gather_ps(s, p, 4)), wy0), wx0);
      t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(
          _mm512_cvtps_pd(_mm256_i32gather_ps(s + channels, p, 4)), wy0), wx1));
      t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtps_pd(_mm256_i32gather_ps(s, q, 4)), wy1), wx0));
      t = _mm512_add_pd(t, _mm512_mul_pd(_mm512_mul_pd(
          _mm512_cvtps_pd(_mm256_i32gather_ps(s + channels, q, 4)), wy1), wx1));
      if (channels == 3) {
        packed[ch] = _mm512_cvtpd_ps(t);
        continue;
      }
      _mm256_storeu_ps(lanes, _mm512_cvtpd_ps(t));
      for (int k = 0; k < 8; k++) out[k * step + ch] = lanes[k];
    }
    if (channels == 3) {
      store3x8(out, step, packed[0], packed[1], packed[2]);
    }
  }
  if (c < hi) {
    border_run(w, ra, rb, c, hi, out, step);
  }
}

AVX512 static void warp_rows(const warp_t *w, const jint *spans, int dst_offset, int flip_h, int flip_v) {
  const int height = w->height, width = w->width, channels = w->channels;
  const int step = flip_h ? -channels : channels;
  for (int r = 0; r < height; r++) {
    const double ra = (double) r * w->a00;
    const double rb = (double) r * w->a10;
    const int lo = spans[2 * r], hi = spans[2 * r + 1];
    float *row = w->dst + dst_offset + (int64_t) (flip_v ? height - 1 - r : r) * w->row_stride;
#define OUT(c) (row + (int64_t) (flip_h ? width - 1 - (c) : (c)) * channels)
    if (lo < hi) {
      border_run(w, ra, rb, 0, lo, OUT(0), step);
      interior_run(w, ra, rb, lo, hi, OUT(lo), step);
      border_run(w, ra, rb, hi, width, OUT(hi), step);
    } else {
      border_run(w, ra, rb, 0, width, OUT(0), step);
    }
#undef OUT
  }
}


/*
 * The packed kernel (NATIVE_PACKED): no gathers. For up to four channels a pixel's two taps in one source row are
 * 2 * channels contiguous floats, read with one masked load; the other row's two taps with a second one. It widens
 * them to double and computes SciPy's products (src * wy) * wx lane by lane and
 * the sums t00 + t01 + t10 + t11 in SciPy's order (the right-hand taps brought down by a permute), so it is
 * bit-identical to the other kernels. Coordinates are computed eight columns at a time with the same operations as
 * interior_run. Border pixels take the scalar fill-mode logic and packed loads of their four (non-adjacent) taps.
 */

/*
 * Stores the lanes of v selected by k (fault-suppressed: masked-off lanes are neither written nor checked). Written as
 * a 512-bit masked store because GCC folds a masked 128-bit store of the low half of a 256-bit value into a masked
 * vextractf32x4, which on at least one AMD CPU (Zen 5) faults when a masked-off lane lies in an unmapped page.
 */
AVX512 static inline void store_lanes(float *out, __mmask8 k, __m128 v) {
  _mm512_mask_storeu_ps(out, (__mmask16) k, _mm512_castps128_ps512(v));
}

/* Lane i of the shift-down permute for c channels: i + c. */
static const long long SHIFT[5][8] = {
    {0, 1, 2, 3, 4, 5, 6, 7}, {1, 2, 3, 4, 5, 6, 7, 7}, {2, 3, 4, 5, 6, 7, 7, 7}, {3, 4, 5, 6, 7, 7, 7, 7},
    {4, 5, 6, 7, 7, 7, 7, 7}};

/* One exact pixel from two row loads (each 2 * channels floats: left tap, right tap) and its weights. */
AVX512 static inline void packed_pixel(const float *top, const float *bottom, __mmask8 pair, __mmask8 one,
    __m512i shift, __mmask8 right, double wy0, double wy1, double wx0, double wx1, float *out) {
  const __m512d wx = _mm512_mask_blend_pd(right, _mm512_set1_pd(wx0), _mm512_set1_pd(wx1));
  __m512d t = _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtps_pd(_mm256_maskz_loadu_ps(pair, top)), _mm512_set1_pd(wy0)),
      wx);
  __m512d b = _mm512_mul_pd(_mm512_mul_pd(_mm512_cvtps_pd(_mm256_maskz_loadu_ps(pair, bottom)),
      _mm512_set1_pd(wy1)), wx);
  __m256d sum = _mm256_add_pd(_mm512_castpd512_pd256(t), _mm512_castpd512_pd256(_mm512_permutexvar_pd(shift, t)));
  sum = _mm256_add_pd(sum, _mm512_castpd512_pd256(b));
  sum = _mm256_add_pd(sum, _mm512_castpd512_pd256(_mm512_permutexvar_pd(shift, b)));
  _mm_mask_storeu_ps(out, one, _mm256_cvtpd_ps(sum));
}

/* A border pixel of the packed kernels: border_pixel's coordinate and tap logic, then four packed tap loads. */
AVX512 static void packed_border(const warp_t *w, double ra, double rb, int c, float *out, int f32) {
  const int channels = w->channels;
  const __mmask8 one = (__mmask8) ((1u << channels) - 1u);
  double y = ra + (double) c * w->a01 + w->b0;
  double x = rb + (double) c * w->a11 + w->b1;
  if (w->mode == CONSTANT) {
    if (y < 0 || y > w->height - 1 || x < 0 || x > w->width - 1) {
      store_lanes(out, one, _mm_set1_ps(w->fill));
      return;
    }
  } else if (w->mode == WRAP) {
    y = wrap_coordinate(y, w->height);
    x = wrap_coordinate(x, w->width);
  }
  double fy = floor(y);
  double fx = floor(x);
  double wy1 = y - fy;
  double wy0 = 1.0 - wy1;
  double wx1 = x - fx;
  double wx0 = 1.0 - wx1;
  int32_t iy0 = java_d2i(fy);
  int32_t ix0 = java_d2i(fx);
  int64_t iy = (int64_t) iy0 - w->row_first;
  int64_t ix = (int64_t) ix0 - w->col_first;
  int64_t ty0, ty1, tx0, tx1;
  if (iy >= 0 && iy < w->row_last && ix >= 0 && ix < w->col_last) {
    ty0 = w->row_taps[iy];
    ty1 = w->row_taps[iy + 1];
    tx0 = w->col_taps[ix];
    tx1 = w->col_taps[ix + 1];
  } else {
    int32_t iy1 = (int32_t) ((uint32_t) iy0 + 1u);
    int32_t ix1 = (int32_t) ((uint32_t) ix0 + 1u);
    ty0 = (int64_t) tap(iy0, w->height, w->mode) * w->row_stride;
    ty1 = (int64_t) tap(iy1, w->height, w->mode) * w->row_stride;
    tx0 = (int64_t) tap(ix0, w->width, w->mode) * channels;
    tx1 = (int64_t) tap(ix1, w->width, w->mode) * channels;
  }
  const float *s = w->src;
  if (f32) {
    /* tunafloat.c's order: (s00 * w00 + s10 * w10) + (s01 * w01 + s11 * w11) */
    __m128 l = _mm_add_ps(_mm_mul_ps(_mm_maskz_loadu_ps(one, s + ty0 + tx0), _mm_set1_ps((float) (wy0 * wx0))),
        _mm_mul_ps(_mm_maskz_loadu_ps(one, s + ty1 + tx0), _mm_set1_ps((float) (wy1 * wx0))));
    __m128 r = _mm_add_ps(_mm_mul_ps(_mm_maskz_loadu_ps(one, s + ty0 + tx1), _mm_set1_ps((float) (wy0 * wx1))),
        _mm_mul_ps(_mm_maskz_loadu_ps(one, s + ty1 + tx1), _mm_set1_ps((float) (wy1 * wx1))));
    store_lanes(out, one, _mm_add_ps(l, r));
    return;
  }
  const __m256d vy0 = _mm256_set1_pd(wy0), vy1 = _mm256_set1_pd(wy1);
  const __m256d vx0 = _mm256_set1_pd(wx0), vx1 = _mm256_set1_pd(wx1);
  __m256d t = _mm256_mul_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm_maskz_loadu_ps(one, s + ty0 + tx0)), vy0), vx0);
  t = _mm256_add_pd(t, _mm256_mul_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm_maskz_loadu_ps(one, s + ty0 + tx1)), vy0),
      vx1));
  t = _mm256_add_pd(t, _mm256_mul_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm_maskz_loadu_ps(one, s + ty1 + tx0)), vy1),
      vx0));
  t = _mm256_add_pd(t, _mm256_mul_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm_maskz_loadu_ps(one, s + ty1 + tx1)), vy1),
      vx1));
  store_lanes(out, one, _mm256_cvtpd_ps(t));
}

AVX512 static void packed_border_run(const warp_t *w, double ra, double rb, int c0, int c1, float *out, int step) {
  for (int c = c0; c < c1; c++, out += step) {
    packed_border(w, ra, rb, c, out, 0);
  }
}

/* Interior columns lo <= c < hi of one row: coordinates eight at a time, then pixel by pixel with packed loads. */
AVX512 static void packed_interior(const warp_t *w, double ra, double rb, int lo, int hi, float *out, int step) {
  const int channels = w->channels;
  const __mmask8 pair = (__mmask8) ((1u << (2 * channels)) - 1u);
  const __mmask8 one = (__mmask8) ((1u << channels) - 1u);
  const __mmask8 right = (__mmask8) (pair & ~one);
  const __m512i shift = _mm512_loadu_si512(SHIFT[channels]);
  const __m512d iota = _mm512_set_pd(7, 6, 5, 4, 3, 2, 1, 0);
  const __m512d va01 = _mm512_set1_pd(w->a01), va11 = _mm512_set1_pd(w->a11);
  const __m512d vra = _mm512_set1_pd(ra), vrb = _mm512_set1_pd(rb);
  const __m512d vb0 = _mm512_set1_pd(w->b0), vb1 = _mm512_set1_pd(w->b1);
  const __m512d onev = _mm512_set1_pd(1.0);
  const __m256i stride = _mm256_set1_epi32(w->row_stride), vch = _mm256_set1_epi32(channels);
  const int rs = w->row_stride;
  const float *s = w->src;
  int32_t p[8];
  double wy0[8], wy1[8], wx0[8], wx1[8];
  for (int c = lo; c < hi; c += 8) {
    int count = hi - c < 8 ? hi - c : 8;
    __m512d cd = _mm512_add_pd(iota, _mm512_set1_pd((double) c));
    __m512d y = _mm512_add_pd(_mm512_add_pd(vra, _mm512_mul_pd(cd, va01)), vb0);
    __m512d x = _mm512_add_pd(_mm512_add_pd(vrb, _mm512_mul_pd(cd, va11)), vb1);
    /* lanes past hi may hold any coordinate: they are computed but never used */
    __m256i y0 = _mm512_cvttpd_epi32(y);
    __m256i x0 = _mm512_cvttpd_epi32(x);
    __m512d vy1 = _mm512_sub_pd(y, _mm512_cvtepi32_pd(y0));
    __m512d vx1 = _mm512_sub_pd(x, _mm512_cvtepi32_pd(x0));
    __m512d vy0 = _mm512_sub_pd(onev, vy1);
    __m512d vx0 = _mm512_sub_pd(onev, vx1);
    _mm256_storeu_si256((__m256i *) p, _mm256_add_epi32(_mm256_mullo_epi32(y0, stride), _mm256_mullo_epi32(x0, vch)));
    _mm512_storeu_pd(wy1, vy1);
    _mm512_storeu_pd(wx1, vx1);
    _mm512_storeu_pd(wy0, vy0);
    _mm512_storeu_pd(wx0, vx0);
    {
      for (int k = 0; k < count; k++, out += step) {
        packed_pixel(s + p[k], s + p[k] + rs, pair, one, shift, right, wy0[k], wy1[k], wx0[k], wx1[k], out);
      }
    }
  }
}

/* warp_rows for the packed kernels (channels 1 to 4). */
AVX512 static void packed_rows(const warp_t *w, const jint *spans, int dst_offset, int flip_h, int flip_v) {
  const int height = w->height, width = w->width, channels = w->channels;
  const int step = flip_h ? -channels : channels;
  for (int r = 0; r < height; r++) {
    const double ra = (double) r * w->a00;
    const double rb = (double) r * w->a10;
    const int lo = spans[2 * r], hi = spans[2 * r + 1];
    float *row = w->dst + dst_offset + (int64_t) (flip_v ? height - 1 - r : r) * w->row_stride;
#define OUT(c) (row + (int64_t) (flip_h ? width - 1 - (c) : (c)) * channels)
    if (lo < hi) {
      packed_border_run(w, ra, rb, 0, lo, OUT(0), step);
      packed_interior(w, ra, rb, lo, hi, OUT(lo), step);
      packed_border_run(w, ra, rb, hi, width, OUT(hi), step);
    } else {
      packed_border_run(w, ra, rb, 0, width, OUT(0), step);
    }
#undef OUT
  }
}

JNIEXPORT jboolean JNICALL Java_dev_tuna_augment_internal_warp_NativeKernel_supported(JNIEnv *env, jclass cls) {
  (void) env;
  (void) cls;
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") ? JNI_TRUE : JNI_FALSE;
}

/* Throws a new exception of class cls (e.g. "java/lang/IllegalArgumentException") with a printf-style message. */
static void throw_new(JNIEnv *env, const char *cls, const char *format, ...) {
  char message[256];
  va_list args;
  va_start(args, format);
  vsnprintf(message, sizeof message, format, args);
  va_end(args);
  jclass c = (*env)->FindClass(env, cls);
  if (c != NULL) (*env)->ThrowNew(env, c, message);
}

/*
 * Whether the interior columns lo <= c < hi of row r read only pixels inside the image: interior_run truncates
 * y = r * a00 + c * a01 + b0 (and x alike) and reads rows y0, y0 + 1 and columns x0, x0 + 1, so every coordinate must
 * lie in (-1, n - 1). The map is affine in c, so checking the first and last column suffices.
 */
static int interior_inside(const warp_t *w, int r, int lo, int hi) {
  const double ra = (double) r * w->a00, rb = (double) r * w->a10;
  const int ends[2] = {lo, hi - 1};
  for (int k = 0; k < 2; k++) {
    double y = ra + (double) ends[k] * w->a01 + w->b0;
    double x = rb + (double) ends[k] * w->a11 + w->b1;
    if (!(y > -1.0 && y < w->height - 1 && x > -1.0 && x < w->width - 1)) return 0;
  }
  return 1;
}

/* The first tap offset outside [0, limit] or not a multiple of step, or -1. */
static jsize bad_tap(const jint *taps, jsize n, int64_t limit, int step) {
  for (jsize i = 0; i < n; i++) {
    if (taps[i] < 0 || taps[i] > limit || taps[i] % step != 0) return i;
  }
  return -1;
}

/* The shape, fill and map of a checked call (the matrix holds at least 6 values). */
static void warp_init(JNIEnv *env, warp_t *w, int height, int width, int channels, jdoubleArray matrix, int mode,
    float fill) {
  w->height = height;
  w->width = width;
  w->channels = channels;
  w->row_stride = width * channels;
  w->length = (int64_t) height * width * channels;
  w->mode = mode;
  w->fill = fill;
  jdouble m[6];
  (*env)->GetDoubleArrayRegion(env, matrix, 0, 6, m);
  w->a00 = m[0];
  w->a01 = m[1];
  w->b0 = m[2];
  w->a10 = m[3];
  w->a11 = m[4];
  w->b1 = m[5];
}

/*
 * Checks every length, span and tap against the image before any pixel is read or written, and throws
 * IllegalArgumentException instead of warping on a mismatch; an array that cannot be pinned throws OutOfMemoryError.
 * The output is either fully written or an exception is pending.
 */
static void warp_entry(JNIEnv *env, jfloatArray src, jfloatArray dst, jint dst_offset, jint height, jint width,
    jint channels, jdoubleArray matrix, jint mode, jfloat fill, jboolean flip_h, jboolean flip_v, jintArray spans,
    jintArray row_taps, jint row_first, jintArray col_taps, jint col_first, int kind) {
  const char *iae = "java/lang/IllegalArgumentException";
  if (src == NULL || dst == NULL || matrix == NULL || spans == NULL || row_taps == NULL || col_taps == NULL) {
    throw_new(env, "java/lang/NullPointerException", "warp needs src, dst, matrix, spans and tap arrays");
    return;
  }
  int64_t n = (int64_t) height * width * channels;
  if (height <= 0 || width <= 0 || channels <= 0 || n > INT32_MAX || mode < CONSTANT || mode > MIRROR
      || (kind != GATHER && channels > 4)) {
    throw_new(env, iae, "warp needs a positive shape of at most 2^31 - 1 values (at most 4 channels for the packed "
        "kernels) and a fill mode in [0, 4] but got %dx%dx%d and mode %d", height, width, channels, mode);
    return;
  }
  jsize src_length = (*env)->GetArrayLength(env, src);
  jsize dst_length = (*env)->GetArrayLength(env, dst);
  jsize matrix_length = (*env)->GetArrayLength(env, matrix);
  jsize spans_length = (*env)->GetArrayLength(env, spans);
  jsize row_length = (*env)->GetArrayLength(env, row_taps);
  jsize col_length = (*env)->GetArrayLength(env, col_taps);
  if (src_length < n || dst_offset < 0 || (int64_t) dst_length - dst_offset < n || matrix_length < 6
      || spans_length < 2 * (int64_t) height || row_length < 1 || col_length < 1) {
    throw_new(env, iae, "warp of %dx%dx%d needs src >= %lld, dst >= offset %d + %lld, matrix >= 6, spans >= %lld "
        "and non-empty tap tables but got %d, %d, %d, %d, %d and %d", height, width, channels, (long long) n,
        dst_offset, (long long) n, 2 * (long long) height, (int) src_length, (int) dst_length, (int) matrix_length,
        (int) spans_length, (int) row_length, (int) col_length);
    return;
  }
  warp_t w;
  warp_init(env, &w, height, width, channels, matrix, mode, fill);
  w.row_first = row_first;
  w.col_first = col_first;
  w.row_last = row_length - 1;
  w.col_last = col_length - 1;
  /* No JNI calls between the critical sections' get and release. */
  float *s = (*env)->GetPrimitiveArrayCritical(env, src, NULL);
  float *d = (*env)->GetPrimitiveArrayCritical(env, dst, NULL);
  jint *sp = (*env)->GetPrimitiveArrayCritical(env, spans, NULL);
  jint *rt = (*env)->GetPrimitiveArrayCritical(env, row_taps, NULL);
  jint *ct = (*env)->GetPrimitiveArrayCritical(env, col_taps, NULL);
  int pinned = s != NULL && d != NULL && sp != NULL && rt != NULL && ct != NULL;
  const char *problem = NULL;
  int where = 0;
  if (pinned) {
    jsize bad = bad_tap(rt, row_length, (int64_t) (height - 1) * w.row_stride, w.row_stride);
    if (bad >= 0) {
      problem = "row tap %d is not a row offset inside the image";
      where = bad;
    } else if ((bad = bad_tap(ct, col_length, (int64_t) (width - 1) * channels, channels)) >= 0) {
      problem = "column tap %d is not a column offset inside the image";
      where = bad;
    }
    for (int r = 0; r < height && problem == NULL; r++) {
      int lo = sp[2 * r], hi = sp[2 * r + 1];
      if (lo < hi && (lo < 0 || hi > width || !interior_inside(&w, r, lo, hi))) {
        problem = "the interior span of row %d reaches outside the image";
        where = r;
      }
    }
    if (problem == NULL) {
      w.src = s;
      w.dst = d;
      w.row_taps = rt;
      w.col_taps = ct;
      if (kind == GATHER) {
        warp_rows(&w, sp, dst_offset, flip_h, flip_v);
      } else {
        packed_rows(&w, sp, dst_offset, flip_h, flip_v);
      }
    }
  }
  if (ct != NULL) (*env)->ReleasePrimitiveArrayCritical(env, col_taps, ct, JNI_ABORT);
  if (rt != NULL) (*env)->ReleasePrimitiveArrayCritical(env, row_taps, rt, JNI_ABORT);
  if (sp != NULL) (*env)->ReleasePrimitiveArrayCritical(env, spans, sp, JNI_ABORT);
  if (d != NULL) (*env)->ReleasePrimitiveArrayCritical(env, dst, d, problem == NULL ? 0 : JNI_ABORT);
  if (s != NULL) (*env)->ReleasePrimitiveArrayCritical(env, src, s, JNI_ABORT);
  if (!pinned) {
    throw_new(env, "java/lang/OutOfMemoryError", "warp could not pin its arrays");
  } else if (problem != NULL) {
    throw_new(env, iae, problem, where);
  }
}

#define ENTRY(name, kind)                                                                                            \
  JNIEXPORT void JNICALL Java_dev_tuna_augment_internal_warp_NativeKernel_##name(JNIEnv *env, jclass cls,             \
      jfloatArray src, jfloatArray dst, jint dst_offset, jint height, jint width, jint channels, jdoubleArray matrix, \
      jint mode, jfloat fill, jboolean flip_h, jboolean flip_v, jintArray spans, jintArray row_taps, jint row_first, \
      jintArray col_taps, jint col_first) {                                                                          \
    (void) cls;                                                                                                      \
    warp_entry(env, src, dst, dst_offset, height, width, channels, matrix, mode, fill, flip_h, flip_v, spans,       \
        row_taps, row_first, col_taps, col_first, kind);                                                            \
  }

ENTRY(warp0, GATHER)
ENTRY(packed0, PACKED)

/* Precision.FLOAT32's warp and the Keras 3 layers' projective-transform kernel, in the same library. */
#include "tunafloat.c"
#include "tunaprojective.c"
