// Start-up of the production server, called once from instrumentation.ts. Configuration is
// checked before the first request, so a missing secret stops the process with one message
// naming every missing variable instead of failing on some later page. Logs become JSON,
// Next.js's own included, and SIGTERM drains the instance (lib/shutdown.ts).
import { format } from "node:util";
import { disconnectDatabase } from "./db";
import { env } from "./env";
import { log } from "./log";
import { installGracefulShutdown } from "./shutdown";

export function bootProductionServer() {
  try {
    log.level = env().LOG_LEVEL;
  } catch (error) {
    log.fatal((error as Error).message);
    process.exit(1);
  }
  routeConsoleToLog();
  installGracefulShutdown({
    close: disconnectDatabase,
    timeoutMs: env().SHUTDOWN_TIMEOUT_SECONDS * 1000,
    onEvent: (event, details) => log.info(details ?? {}, event),
  });
  log.info({ pid: process.pid }, "server started");
}

// Next.js and libraries write with console.*: one JSON line each, scrubbed like any other.
function routeConsoleToLog() {
  const levels = { log: "info", info: "info", debug: "debug", warn: "warn", error: "error" } as const;
  for (const [method, level] of Object.entries(levels)) {
    console[method as keyof typeof levels] = (...args: unknown[]) => {
      const err = args.find((arg) => arg instanceof Error);
      const text = format(...args.filter((arg) => arg !== err)).trim();
      if (err) log[level]({ err }, text || (err as Error).message);
      else log[level](text);
    };
  }
}
