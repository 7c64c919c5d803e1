/*
 * tuna's native image-codec helpers. pick: the nearest-neighbour pick of the JPEG fast path (OpenCvCodec), from a
 * decoded 8-bit BGR image straight to RGB floats: output pixel (y, x) is source pixel (ys[y], xs[x]); a negative
 * index gives 0. Sixteen pixels at a time with AVX-512 gathers where the CPU has AVX-512F, else one at a time.
 */
#include <jni.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
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
 * Checks every length and index against the image before any pixel is read or written, and throws
 * IllegalArgumentException instead of picking on a mismatch; an array that cannot be pinned throws OutOfMemoryError.
 * The output is either fully written or an exception is pending.
 */
JNIEXPORT void JNICALL Java_dev_tuna_core_io_NativePick_pick0(JNIEnv *env, jclass cls, jlong address, jint srcW,
    jint srcH, jintArray xsArray, jintArray ysArray, jint outW, jint outH, jfloatArray outArray, jint offset) {
  (void) cls;
  if (address == 0 || xsArray == NULL || ysArray == NULL || outArray == NULL) {
    throw_new(env, "java/lang/NullPointerException", "pick needs a source address and xs, ys and out arrays");
    return;
  }
  if (srcW <= 0 || srcH <= 0 || outW < 0 || outH < 0) {
    throw_new(env, "java/lang/IllegalArgumentException",
        "pick needs a positive source size and a non-negative output size but got %dx%d -> %dx%d", srcW, srcH,
        outW, outH);
    return;
  }
  jsize xsLength = (*env)->GetArrayLength(env, xsArray);
  jsize ysLength = (*env)->GetArrayLength(env, ysArray);
  jsize outLength = (*env)->GetArrayLength(env, outArray);
  if (offset < 0 || xsLength < outW || ysLength < outH
      || (int64_t) outLength < (int64_t) offset + (int64_t) outW * outH * 3) {
    throw_new(env, "java/lang/IllegalArgumentException",
        "pick of %dx%d pixels needs xs >= %d, ys >= %d and out >= %lld values but got %d, %d and %d", outW, outH,
        outW, outH, (long long) offset + (long long) outW * outH * 3, (int) xsLength, (int) ysLength,
        (int) outLength);
    return;
  }
  const uint8_t *src = (const uint8_t *) (intptr_t) address;
  /* No JNI calls between the critical sections' get and release. */
  jint *xs = (*env)->GetPrimitiveArrayCritical(env, xsArray, NULL);
  jint *ys = (*env)->GetPrimitiveArrayCritical(env, ysArray, NULL);
  float *outBase = (*env)->GetPrimitiveArrayCritical(env, outArray, NULL);
  float *out = outBase == NULL ? NULL : outBase + offset; /* the image starts at out[offset] */
  int pinned = xs != NULL && ys != NULL && out != NULL;
  int bad = -1; /* the first out-of-range index: x in [0, outW), y in [outW, outW + outH) */
  if (pinned) {
    int holes = 0;
    for (int x = 0; x < outW && bad < 0; x++) {
      holes |= xs[x] < 0;
      if (xs[x] >= srcW) bad = x;
    }
    for (int y = 0; y < outH && bad < 0; y++) {
      if (ys[y] >= srcH) bad = outW + y;
    }
    for (int y = 0; y < outH && bad < 0; y++) {
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
  jint badValue = bad < 0 ? 0 : bad < outW ? xs[bad] : ys[bad - outW];
  if (outBase != NULL) (*env)->ReleasePrimitiveArrayCritical(env, outArray, outBase, bad < 0 ? 0 : JNI_ABORT);
  if (ys != NULL) (*env)->ReleasePrimitiveArrayCritical(env, ysArray, ys, JNI_ABORT);
  if (xs != NULL) (*env)->ReleasePrimitiveArrayCritical(env, xsArray, xs, JNI_ABORT);
  if (!pinned) {
    throw_new(env, "java/lang/OutOfMemoryError", "pick could not pin its arrays");
  } else if (bad >= 0) {
    throw_new(env, "java/lang/IllegalArgumentException", bad < outW
        ? "pick column xs[%d] = %d must be below the source width %d"
        : "pick row ys[%d] = %d must be below the source height %d",
        bad < outW ? bad : bad - outW, (int) badValue, bad < outW ? srcW : srcH);
  }
}
