/** Runs `work` after a warm-up and reports mean and percentiles in milliseconds. */
export async function measure(label: string, work: () => Promise<unknown>, iterations = 200) {
  for (let i = 0; i < Math.min(20, iterations); i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  const mean = samples.reduce((sum, s) => sum + s, 0) / samples.length;
  const row = {
    label,
    n: iterations,
    mean: mean.toFixed(3),
    p50: at(0.5).toFixed(3),
    p95: at(0.95).toFixed(3),
    max: at(1).toFixed(3),
  };
  console.info(
    `${label.padEnd(52)} n=${row.n}  mean ${row.mean} ms  p50 ${row.p50} ms  p95 ${row.p95} ms  max ${row.max} ms`,
  );
  return row;
}
