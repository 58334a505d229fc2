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

// What one request sends, for loads other than a cookie per GET (P7: licence keys, client
// addresses, If-None-Match, JSON bodies); `n` counts the requests.
export type RequestShape = (n: number) => {
  method?: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
};

// Requests `path` with a cookie that rotates over `cookies`, one per request (or `shape`'s request).
export function load(
  url: string,
  cookies: string[],
  connections: number,
  seconds: number,
  shape?: RequestShape,
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
            setupRequest: (request) => {
              if (!shape)
                return {
                  ...request,
                  headers: { ...request.headers, cookie: cookies[next++ % cookies.length] },
                };
              const { headers, ...rest } = shape(next++);
              return { ...request, ...rest, headers: { ...request.headers, ...headers } };
            },
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
