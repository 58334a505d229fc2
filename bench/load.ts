// One autocannon run with our own latency record: autocannon's histogram has 1 ms buckets,
// too coarse for requests of a few milliseconds, so every response time is kept as measured.
import autocannon from "autocannon";

export type LoadResult = {
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
};

export function percentile(sorted: number[], q: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// Requests `path` with a cookie that rotates over `cookies`, one per request.
export function load(
  url: string,
  cookies: string[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  let next = 0;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const tracker = autocannon(
      {
        url,
        connections,
        duration: seconds,
        requests: [
          {
            method: "GET",
            setupRequest: (request) => ({
              ...request,
              headers: { ...request.headers, cookie: cookies[next++ % cookies.length] },
            }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        resolve({
          connections,
          requests: times.length,
          perSecond: times.length / (result.duration || (performance.now() - started) / 1000),
          p50: percentile(times, 0.5),
          p99: percentile(times, 0.99),
          statuses,
          errors: result.errors + result.timeouts,
        });
      },
    );
    tracker.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}
