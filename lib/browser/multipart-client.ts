// Sends a file's missing parts straight to the bucket with presigned URLs. Isomorphic on
// purpose (only fetch, AbortSignal and performance): the admin page runs it in the browser,
// the CLI in Node. The caller records each part (onPartDone), which is what makes any later
// call resume where this one stopped — after a pause, a reload or a crash.
import type { PartUrl, UploadedPart } from "../publishing/contract";

export type PartBody = ArrayBuffer | ArrayBufferView | Blob;
// A browser File or Blob is one as it is; the CLI reads each part from disk when it is due.
export type UploadSource = { size: number; slice(start: number, end: number): Promise<PartBody> | PartBody };
export type UploadProgress = {
  uploadedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  secondsLeft: number;
};

export type UploadPartsOptions = {
  source: UploadSource;
  partSize: number;
  partCount: number;
  completedParts: number[];
  getPartUrls(partNumbers: number[]): Promise<PartUrl[]>;
  onPartDone(part: UploadedPart): Promise<void>;
  concurrency?: number;
  retries?: number;
  signal?: AbortSignal;
  onProgress?(progress: UploadProgress): void;
  retryDelayMs?: number;
};

const URL_REUSE_MS = 50 * 60_000; // part URLs live an hour; older ones are asked for again
const SPEED_WINDOW_MS = 10_000;

export class PartUploadError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

// Speed over the last few seconds, so a stall shows quickly and an early burst fades.
function progressMeter(
  totalBytes: number,
  uploadedBytes: number,
  report?: (progress: UploadProgress) => void,
) {
  const samples = [{ at: performance.now(), bytes: uploadedBytes }];
  const emit = (bytesPerSecond: number) => {
    const left = totalBytes - uploadedBytes;
    report?.({
      uploadedBytes,
      totalBytes,
      bytesPerSecond,
      secondsLeft: left === 0 ? 0 : bytesPerSecond > 0 ? left / bytesPerSecond : Infinity,
    });
  };
  emit(0);
  return (bytes: number) => {
    uploadedBytes += bytes;
    const now = performance.now();
    samples.push({ at: now, bytes: uploadedBytes });
    while (samples.length > 2 && samples[1].at <= now - SPEED_WINDOW_MS) samples.shift();
    const [oldest] = samples;
    emit(now > oldest.at ? ((uploadedBytes - oldest.bytes) * 1000) / (now - oldest.at) : 0);
  };
}

// Asks for URLs a few parts ahead (one request per batch, shared by all workers) rather than
// all at once: a URL must still be valid when its part's turn comes on a slow link.
function partUrlCache(
  getPartUrls: UploadPartsOptions["getPartUrls"],
  upcoming: () => number[],
  batchSize: number,
) {
  const cache = new Map<number, { url: Promise<string>; at: number }>();
  return (partNumber: number, fresh: boolean): Promise<string> => {
    const hit = cache.get(partNumber);
    if (!fresh && hit && performance.now() - hit.at < URL_REUSE_MS) return hit.url;
    const wanted = fresh
      ? [partNumber]
      : [partNumber, ...upcoming().filter((number) => !cache.has(number))].slice(0, batchSize);
    const answer = getPartUrls(wanted).then(
      (urls) => new Map(urls.map((part) => [part.partNumber, part.url])),
    );
    for (const number of wanted) {
      const url = answer.then(
        (urls) =>
          urls.get(number) ??
          Promise.reject(new PartUploadError(`No URL was issued for part ${number}.`, true)),
      );
      // A failed request is asked again later (and its rejection is never left unhandled).
      url.catch(() => cache.get(number)?.url === url && cache.delete(number));
      cache.set(number, { url, at: performance.now() });
    }
    return cache.get(partNumber)!.url;
  };
}

function abortableDelay(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal.addEventListener("abort", stop, { once: true });
  });
}

async function putPart(url: string, body: PartBody, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { method: "PUT", body: body as BodyInit, signal });
  const text = await response.text(); // read to the end so the connection is reused
  if (!response.ok) {
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    const retryable = response.status >= 500 || [403, 408, 429].includes(response.status); // 403: URL expired
    throw new PartUploadError(`the bucket answered ${response.status}${code ? ` ${code}` : ""}`, retryable);
  }
  const etag = response.headers.get("ETag");
  if (!etag)
    throw new PartUploadError(
      "the bucket's answer has no readable ETag; its CORS rule must expose the ETag header",
      false,
    );
  return etag;
}

// Resolves when every part is sent and recorded. A pause (signal aborted) rejects with the
// signal's reason once in-flight work has settled; a part that still fails after `retries`
// retries rejects with its error. Either way, the parts recorded so far stay recorded.
export async function uploadParts(options: UploadPartsOptions): Promise<void> {
  const { source, partSize, partCount, concurrency = 4, retries = 3, retryDelayMs = 500 } = options;
  const done = new Set(options.completedParts);
  const queue = Array.from({ length: partCount }, (_, index) => index + 1).filter(
    (number) => !done.has(number),
  );
  const range = (number: number) =>
    [(number - 1) * partSize, Math.min(number * partSize, source.size)] as const;
  const alreadySent = [...done].reduce((sum, number) => sum + (range(number)[1] - range(number)[0]), 0);
  const advance = progressMeter(source.size, alreadySent, options.onProgress);
  const failed = new AbortController(); // one part giving up stops the others
  const stop = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  const urlFor = partUrlCache(options.getPartUrls, () => queue, Math.min(100, 2 * Math.max(1, concurrency)));
  let remaining = queue.length;
  let failure: unknown = null;

  // Retries with exponential backoff and jitter; a retried PUT gets a freshly signed URL.
  async function withRetries<T>(
    partNumber: number,
    attemptOnce: (attempt: number) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(attempt);
      } catch (error) {
        if (stop.aborted) throw error;
        const retryable = !(error instanceof PartUploadError) || error.retryable;
        if (!retryable || attempt >= retries)
          throw new Error(`Part ${partNumber} failed: ${(error as Error).message}`, { cause: error });
        await abortableDelay(retryDelayMs * 2 ** attempt * (0.5 + Math.random() / 2), stop);
      }
    }
  }

  async function send(partNumber: number) {
    const [start, end] = range(partNumber);
    const etag = await withRetries(partNumber, async (attempt) =>
      putPart(await urlFor(partNumber, attempt > 0), await source.slice(start, end), stop),
    );
    const part = { partNumber, etag, size: end - start };
    await withRetries(partNumber, () => options.onPartDone(part));
    remaining -= 1;
    advance(part.size);
  }

  async function worker() {
    for (let next = queue.shift(); next !== undefined && !stop.aborted; next = queue.shift()) {
      try {
        await send(next);
      } catch (error) {
        if (!stop.aborted) {
          failure = error;
          failed.abort(error);
        }
        return;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  if (failure) throw failure;
  if (remaining > 0) options.signal?.throwIfAborted();
}
