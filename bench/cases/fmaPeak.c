/*
 * Native FP32 peak of one core, measured: independent chains of acc = acc * c + d as fused
 * multiply-adds (2 FLOP per lane), enough chains to hide the FMA latency, so the loop runs at the
 * FMA units' throughput. bench/cases/machine.ts compiles it with the system C compiler (if there
 * is one) and prints the result as the peak the matmul figures are a fraction of.
 *
 * Prints JSON: {"avx2": GFLOP/s or null, "avx512": GFLOP/s or null}, best of five runs each.
 */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#define CHAINS 12
#define STEP(T, FMA) \
  a0 = FMA(a0, c, d); a1 = FMA(a1, c, d); a2 = FMA(a2, c, d); a3 = FMA(a3, c, d); \
  a4 = FMA(a4, c, d); a5 = FMA(a5, c, d); a6 = FMA(a6, c, d); a7 = FMA(a7, c, d); \
  a8 = FMA(a8, c, d); a9 = FMA(a9, c, d); a10 = FMA(a10, c, d); a11 = FMA(a11, c, d);

/* Sink so the compiler keeps the chains. */
volatile float sink;

__attribute__((target("avx2,fma"))) static double run256(long n) {
  __m256 c = _mm256_set1_ps(0.5f), d = _mm256_set1_ps(1.0f);
  /* Distinct starting values: equal chains would be merged into one by the compiler. */
  __m256 a0 = _mm256_set1_ps(0), a1 = _mm256_set1_ps(1), a2 = _mm256_set1_ps(2), a3 = _mm256_set1_ps(3);
  __m256 a4 = _mm256_set1_ps(4), a5 = _mm256_set1_ps(5), a6 = _mm256_set1_ps(6), a7 = _mm256_set1_ps(7);
  __m256 a8 = _mm256_set1_ps(8), a9 = _mm256_set1_ps(9), a10 = _mm256_set1_ps(10), a11 = _mm256_set1_ps(11);
  double t = seconds();
  for (long i = 0; i < n; i++) { STEP(__m256, _mm256_fmadd_ps) }
  t = seconds() - t;
  __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)),
      _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a4, a5), _mm256_add_ps(a6, a7)),
      _mm256_add_ps(_mm256_add_ps(a8, a9), _mm256_add_ps(a10, a11))));
  sink = _mm256_cvtss_f32(s);
  return (double)n * CHAINS * 8 * 2 / t / 1e9;
}

__attribute__((target("avx512f"))) static double run512(long n) {
  __m512 c = _mm512_set1_ps(0.5f), d = _mm512_set1_ps(1.0f);
  /* Distinct starting values: equal chains would be merged into one by the compiler. */
  __m512 a0 = _mm512_set1_ps(0), a1 = _mm512_set1_ps(1), a2 = _mm512_set1_ps(2), a3 = _mm512_set1_ps(3);
  __m512 a4 = _mm512_set1_ps(4), a5 = _mm512_set1_ps(5), a6 = _mm512_set1_ps(6), a7 = _mm512_set1_ps(7);
  __m512 a8 = _mm512_set1_ps(8), a9 = _mm512_set1_ps(9), a10 = _mm512_set1_ps(10), a11 = _mm512_set1_ps(11);
  double t = seconds();
  for (long i = 0; i < n; i++) { STEP(__m512, _mm512_fmadd_ps) }
  t = seconds() - t;
  __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
      _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(a6, a7)),
      _mm512_add_ps(_mm512_add_ps(a8, a9), _mm512_add_ps(a10, a11))));
  sink = _mm512_reduce_add_ps(s);
  return (double)n * CHAINS * 16 * 2 / t / 1e9;
}

static double best(double (*run)(long)) {
  double top = 0;
  run(1000000); /* warm-up: lets the clock and the wide units come up */
  for (int r = 0; r < 5; r++) {
    double g = run(20000000);
    if (g > top) top = g;
  }
  return top;
}

int main(void) {
  __builtin_cpu_init();
  int has256 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  int has512 = __builtin_cpu_supports("avx512f");
  char a[32] = "null", b[32] = "null";
  if (has256) snprintf(a, sizeof a, "%.2f", best(run256));
  if (has512) snprintf(b, sizeof b, "%.2f", best(run512));
  printf("{\"avx2\": %s, \"avx512\": %s}\n", a, b);
  return 0;
}
