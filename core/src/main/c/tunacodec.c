/*
 * tuna's native image-codec helpers. pick: the nearest-neighbour pick of the JPEG fast path (OpenCvCodec), from a
 * decoded 8-bit BGR image straight to RGB floats: output pixel (y, x) is source pixel (ys[y], xs[x]); a negative
 * index gives 0. Sixteen pixels at a time with AVX-512 gathers where the CPU has AVX-512F, else one at a time.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>
#include <immintrin.h>

/* Output positions of 16 pixels' r (0-15), g (16-31) and b (32-47), interleaved as 48 RGB floats. */
static const int RGB[3][16] = {
    {0, 16, 32, 1, 17, 33, 2, 18, 34, 3, 19, 35, 4, 20, 36, 5},
    {21, 37, 6, 22, 38, 7, 23, 39, 8, 24, 40, 9, 25, 41, 10, 26},
    {42, 11, 27, 43, 12, 28, 44, 13, 29, 45, 14, 30, 46, 15, 31, 47}};

/* Columns from..outW-1 of one output row, one pixel at a time. */
static void pick_tail(const uint8_t *row, const jint *xs, int from, int outW, float *o) {
  for (int x = from; x < outW; x++, o += 3) {
    int c = xs[x];
    if (c < 0) {
      o[0] = o[1] = o[2] = 0;
      continue;
    }
    const uint8_t *p = row + (int64_t) c * 3;
    o[0] = p[2];
    o[1] = p[1];
    o[2] = p[0];
  }
}

/*
 * Sixteen output pixels of a row: one 4-byte gather per pixel (B, G, R and the next byte), so the row must not be
 * the source's last (the fourth byte of its last pixel would lie beyond the image) and no index may be negative.
 */
__attribute__((target("avx512f"))) static int pick_row16(const uint8_t *src, int64_t rowoff, const jint *xs,
    int outW, float *o) {
  const __m512i ff = _mm512_set1_epi32(0xFF);
  const __m512i vrow = _mm512_set1_epi32((int) rowoff);
  const __m512i low5 = _mm512_set1_epi32(31), low4 = _mm512_set1_epi32(15), blue = _mm512_set1_epi32(32);
  int x = 0;
  for (; x + 16 <= outW; x += 16, o += 48) {
    __m512i c = _mm512_loadu_si512(xs + x);
    __m512i idx = _mm512_add_epi32(vrow, _mm512_add_epi32(c, _mm512_add_epi32(c, c)));
    __m512i v = _mm512_i32gather_epi32(idx, src, 1);
    __m512 b = _mm512_cvtepi32_ps(_mm512_and_si512(v, ff));
    __m512 g = _mm512_cvtepi32_ps(_mm512_and_si512(_mm512_srli_epi32(v, 8), ff));
    __m512 r = _mm512_cvtepi32_ps(_mm512_and_si512(_mm512_srli_epi32(v, 16), ff));
    for (int k = 0; k < 3; k++) {
      __m512i ix = _mm512_loadu_si512(RGB[k]);
      __m512 rg = _mm512_permutex2var_ps(r, _mm512_and_si512(ix, low5), g);
      __m512 bb = _mm512_permutexvar_ps(_mm512_and_si512(ix, low4), b);
      _mm512_storeu_ps(o + 16 * k, _mm512_mask_blend_ps(_mm512_cmpge_epi32_mask(ix, blue), rg, bb));
    }
  }
  return x;
}

static int avx512;

JNIEXPORT void JNICALL Java_dev_tuna_core_io_NativePick_init(JNIEnv *env, jclass cls) {
  (void) env;
  (void) cls;
  __builtin_cpu_init();
  avx512 = __builtin_cpu_supports("avx512f");
}

JNIEXPORT void JNICALL Java_dev_tuna_core_io_NativePick_pick(JNIEnv *env, jclass cls, jlong address, jint srcW,
    jint srcH, jintArray xsArray, jintArray ysArray, jint outW, jint outH, jfloatArray outArray) {
  (void) cls;
  const uint8_t *src = (const uint8_t *) (intptr_t) address;
  /* No JNI calls between the critical sections' get and release. */
  jint *xs = (*env)->GetPrimitiveArrayCritical(env, xsArray, NULL);
  jint *ys = (*env)->GetPrimitiveArrayCritical(env, ysArray, NULL);
  float *out = (*env)->GetPrimitiveArrayCritical(env, outArray, NULL);
  if (xs != NULL && ys != NULL && out != NULL) {
    int holes = 0;
    for (int x = 0; x < outW; x++) {
      holes |= xs[x] < 0;
    }
    for (int y = 0; y < outH; y++) {
      float *o = out + (int64_t) y * outW * 3;
      if (ys[y] < 0) {
        memset(o, 0, sizeof(float) * 3 * (size_t) outW);
        continue;
      }
      int64_t rowoff = (int64_t) ys[y] * srcW * 3;
      /* gathers take 32-bit offsets: rows whose pixels lie beyond 2^31 bytes go one pixel at a time */
      int wide = avx512 && !holes && ys[y] < srcH - 1 && rowoff + (int64_t) srcW * 3 < INT32_MAX;
      int x = wide ? pick_row16(src, rowoff, xs, outW, o) : 0;
      pick_tail(src + rowoff, xs, x, outW, o + (int64_t) x * 3);
    }
  }
  if (out != NULL) (*env)->ReleasePrimitiveArrayCritical(env, outArray, out, 0);
  if (ys != NULL) (*env)->ReleasePrimitiveArrayCritical(env, ysArray, ys, JNI_ABORT);
  if (xs != NULL) (*env)->ReleasePrimitiveArrayCritical(env, xsArray, xs, JNI_ABORT);
}
