// Graceful shutdown of the production server. Next.js's own SIGTERM/SIGINT handler (next start
// and the standalone server.js alike) already stops accepting connections, waits for in-flight
// requests and then calls process.exit(143 or 130). This adds what it lacks: /api/ready turns
// 503 at once so load balancers drain the instance, the database pool is closed after the last
// request, and the exit code is 0 because the shutdown was clean. A request that never finishes
// cannot hold the process forever: after SHUTDOWN_TIMEOUT_MS it exits 1.

type ShutdownState = { shuttingDown: boolean };

// Route handlers and instrumentation are separate bundles: the flag lives on globalThis.
const state: ShutdownState = ((globalThis as { __downlinkShutdown?: ShutdownState }).__downlinkShutdown ??= {
  shuttingDown: false,
});

export function isShuttingDown(): boolean {
  return state.shuttingDown;
}

type Options = {
  close: () => Promise<void>;
  timeoutMs: number;
  onEvent?: (event: string, details?: Record<string, unknown>) => void;
};

const SIGNAL_EXIT_CODES = new Set([130, 143]);

export function installGracefulShutdown({ close, timeoutMs, onEvent = () => {} }: Options) {
  const begin = (signal: NodeJS.Signals) => {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    onEvent("shutdown started", { signal, timeoutMs });
    const exit = process.exit.bind(process);
    let closing: Promise<void> | undefined;
    const finish = (code: number) => {
      closing ??= close()
        .catch((error: unknown) => onEvent("shutdown close failed", { err: error }))
        .finally(() => {
          onEvent("shutdown finished", { code });
          exit(code);
        });
    };
    // Next.js calls process.exit once its server has closed and the last response was sent.
    process.exit = ((code?: number | string | null) => {
      const numeric = Number(code ?? process.exitCode ?? 0);
      finish(SIGNAL_EXIT_CODES.has(numeric) ? 0 : numeric);
    }) as typeof process.exit;
    setTimeout(() => {
      onEvent("shutdown timed out; in-flight requests are cut off", { timeoutMs });
      finish(1);
    }, timeoutMs).unref();
  };
  process.once("SIGTERM", begin);
  process.once("SIGINT", begin);
}
