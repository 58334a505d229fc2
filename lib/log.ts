// Structured logs: one JSON object per line on stdout, for whatever collects the container's
// output. Every argument passes through lib/redact.ts first, so a presigned URL, a Stripe key
// or a cookie that ends up in a log call is masked. Inside a request, use `requestLog()`: its
// lines carry the request id that proxy.ts assigned and echoed to the client.
import { headers } from "next/headers";
import pino, { type DestinationStream, type Logger } from "pino";
import { REQUEST_ID_HEADER } from "./http/request-id";
import { redact } from "./redact";

export type { Logger };

export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: "info",
      base: { service: "downlink" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Errors are already serialised (and scrubbed) by redact(); pino's own serialiser would
      // rename their type to "Object".
      serializers: { err: (err: unknown) => err },
      hooks: {
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          // pino treats a leading Error specially; keep it under `err` once scrubbed.
          const merged = first instanceof Error ? { err: redact(first) } : redact(first);
          return method.apply(this, [merged, ...rest.map((arg) => redact(arg))] as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

export const log = createLogger();

// The logger for the current request: bound to its id when called while Next.js handles a
// request (route handler, server action, page), the plain logger anywhere else (scripts, tests).
export async function requestLog(base: Logger = log): Promise<Logger> {
  try {
    const requestId = (await headers()).get(REQUEST_ID_HEADER);
    return requestId ? base.child({ requestId }) : base;
  } catch {
    return base;
  }
}
