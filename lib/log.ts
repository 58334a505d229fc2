// Structured logs: one JSON object per line on stdout, for whatever collects the container's
// output. Every argument passes through lib/redact.ts first, so a presigned URL, a Stripe key
// or a cookie that ends up in a log call is masked. Every line written while a request is handled
// carries its id (the one echoed to the client as x-request-id), whoever wrote it: the app,
// next-auth through its logger, Next.js through the console (lib/boot.ts). The id comes from the
// request's scope (lib/http/request-scope.ts), which follows the request through every await.
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequest } from "./http/request-scope";
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
      mixin: () => {
        const scope = currentRequest();
        return scope ? { requestId: scope.requestId } : {};
      },
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
