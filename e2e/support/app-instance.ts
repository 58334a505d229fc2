// A further instance of the production build on its own port, sharing the database and the
// other services with the instance Playwright started: what a second server behind a load
// balancer would be. `appUrl` may differ from where it listens (e.g. an https public URL).
import { spawn, type ChildProcess } from "node:child_process";

export type AppInstance = { origin: string; appUrl: string; stop(): Promise<void> };

export async function startAppInstance(options: {
  port: number;
  appUrl?: string;
  env?: Record<string, string>;
}): Promise<AppInstance> {
  const origin = `http://127.0.0.1:${options.port}`;
  const appUrl = options.appUrl ?? origin;
  // The standalone server the build made (the one the Docker image runs), as Playwright's own.
  const child: ChildProcess = spawn("node", [".next/standalone/server.js"], {
    env: {
      ...process.env,
      ...options.env,
      PORT: String(options.port),
      HOSTNAME: "127.0.0.1",
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the app instance on ${origin} did not start`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, appUrl, stop };
}
