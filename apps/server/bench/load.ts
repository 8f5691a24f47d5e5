// Load and latency over loopback HTTP: autocannon for throughput at N connections, a plain
// sequential keep-alive client for latency at one (autocannon's histogram counts whole
// milliseconds, too coarse for sub-millisecond answers).
import http from "node:http";
import autocannon from "autocannon";

export interface Target {
  url: string;
  headers: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
}

/** One GET (or a POST when `body` is given), read to the end. */
export function request(
  url: string,
  options: { headers?: Record<string, string>; body?: string; agent?: http.Agent; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: options.body === undefined ? "GET" : "POST",
        headers: options.headers,
        agent: options.agent,
        timeout: options.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`Timed out: ${url}`)));
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface Throughput {
  /** 2xx answers per second over the measured window. */
  rps: number;
  /** Answers completed in the window. */
  requests: number;
  non2xx: number;
  errors: number;
  /** Latency at this concurrency over the window, in milliseconds. */
  p50: number;
  p99: number;
}

const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : Number.NaN;

/**
 * `connections` keep-alive connections, each sending its next request when the last is answered
 * (autocannon). One continuous run: the warm-up lasts `warmupSeconds` and at least until every
 * connection had an answer (a slow page under 32 connections takes seconds to give its first
 * ones), then only answers completed within the next `seconds` count. So slow paths are counted
 * at their steady rate, without the empty start or the requests cut off at the end.
 */
export function measureThroughput(
  target: Target,
  connections: number,
  seconds: number,
  warmupSeconds: number,
): Promise<Throughput> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let answered = 0;
    let windowStart = Number.POSITIVE_INFINITY;
    let windowEnd = Number.POSITIVE_INFINITY;
    const inWindow = (now: number) => now >= windowStart && now < windowEnd;
    const latencies: number[] = [];
    let ok = 0;
    let non2xx = 0;
    let errors = 0;
    const instance = autocannon(
      {
        url: target.url,
        headers: target.headers,
        connections,
        // Stopped by the timer below; this only bounds a run whose window never opens.
        duration: warmupSeconds + seconds + 180,
        // Slow pages under many connections queue for seconds; only a hung server should time out.
        timeout: 60,
      },
      (error) => {
        clearInterval(timer);
        if (error) reject(error);
        else {
          latencies.sort((a, b) => a - b);
          resolve({
            rps: ok / seconds,
            requests: latencies.length,
            non2xx,
            errors,
            p50: percentile(latencies, 0.5),
            p99: percentile(latencies, 0.99),
          });
        }
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      answered++;
      if (!inWindow(performance.now())) return;
      if (status >= 200 && status < 300) ok++;
      else non2xx++;
      latencies.push(responseTime);
    });
    instance.on("reqError", () => {
      if (inWindow(performance.now())) errors++;
    });
    const timer = setInterval(() => {
      const now = performance.now();
      const warm = now - started >= warmupSeconds * 1000;
      const everyConnection = answered >= connections || now - started > (warmupSeconds + 60) * 1000;
      if (windowStart === Number.POSITIVE_INFINITY && warm && everyConnection) {
        windowStart = now;
        windowEnd = now + seconds * 1000;
      }
      if (now >= windowEnd) {
        clearInterval(timer);
        instance.stop();
      }
    }, 20);
  });
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  mean: number;
  /** Median of each Server-Timing metric over the samples (empty when the header is absent). */
  serverTiming: Record<string, number>;
  failures: number;
}

/** Reads `name;dur=1.2, other;dur=3` into { name: 1.2, other: 3 }. */
export function parseServerTiming(header: string | string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  const values = Array.isArray(header) ? header : header ? [header] : [];
  for (const value of values) {
    for (const metric of value.split(",")) {
      const [name, ...params] = metric.trim().split(";");
      const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
      if (name && dur) out[name] = (out[name] ?? 0) + Number(dur.slice(4));
    }
  }
  return out;
}

const median = (sorted: number[]) => sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;

/**
 * One request at a time on one keep-alive connection for `seconds` (at least `minRequests`,
 * at most `maxRequests`), after a few discarded warm-up requests.
 */
export async function measureLatency(
  target: Target,
  seconds: number,
  minRequests = 20,
  maxRequests = 5000,
): Promise<Latency> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 5; i++) await request(target.url, { headers: target.headers, agent });
    const samples: number[] = [];
    const timings: Record<string, number[]> = {};
    let failures = 0;
    const until = performance.now() + seconds * 1000;
    while (samples.length < maxRequests && (samples.length < minRequests || performance.now() < until)) {
      const answer = await request(target.url, { headers: target.headers, agent });
      if (answer.status < 200 || answer.status >= 300) failures++;
      samples.push(answer.ms);
      for (const [name, dur] of Object.entries(parseServerTiming(answer.headers["server-timing"]))) {
        const list = timings[name] ?? [];
        list.push(dur);
        timings[name] = list;
      }
    }
    samples.sort((a, b) => a - b);
    const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    const serverTiming: Record<string, number> = {};
    for (const [name, values] of Object.entries(timings))
      serverTiming[name] = median(values.sort((a, b) => a - b));
    return {
      n: samples.length,
      p50: at(0.5),
      p95: at(0.95),
      mean: samples.reduce((sum, s) => sum + s, 0) / samples.length,
      serverTiming,
      failures,
    };
  } finally {
    agent.destroy();
  }
}
