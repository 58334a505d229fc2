// A PostgreSQL server of the suite's own, to stop and start under load without touching the one
// the other suites share: the newest server installed on the machine (initdb into a temporary
// directory, its own port, trust on loopback), or the embedded PGlite server where none is.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresUrl, startPostgres } from "../../scripts/embedded/postgres";
import pg from "pg";
import { freePort, type Service } from "../../scripts/embedded/process";
import { crashServer } from "../../tests/support/faults";

export type PrivatePostgres = {
  url: string;
  kind: string; // "PostgreSQL 15" or "embedded PGlite"
  stop(): Promise<void>; // like a crash: no clean shutdown, recovery at the next start
  start(): Promise<void>;
  dispose(): Promise<void>;
};

const installed = () => {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, "bin/postgres")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? { version: versions[0], bin: path.join(root, versions[0], "bin") } : null;
};

const waitUntil = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

// Open is not ready: a server in crash recovery accepts connections and refuses queries.
const answers = async (url: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
};

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "downlink-faults-load-"));
  const server = installed();
  if (!server) {
    let service: Service | undefined;
    const start = async () => void (service = await startPostgres({ port, dataDir: dir }));
    await start();
    return {
      url: postgresUrl(port),
      kind: "embedded PGlite",
      start,
      stop: () => crashServer(path.join(dir, "pg"), port).then(() => undefined),
      dispose: async () => (await service?.stop(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  // PostgreSQL refuses to run as root; the distribution's `postgres` user owns the data then.
  const root = process.getuid?.() === 0;
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const as = (command: string, args: string[]) =>
    root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const [initdb, initArgs] = as(path.join(server.bin, "initdb"), [
    "-D",
    data,
    "-U",
    "postgres",
    "--auth=trust",
  ]);
  execFileSync(initdb as string, initArgs as string[], { stdio: "ignore" });
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const [command, args] = as(path.join(server.bin, "postgres"), [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
    ]);
    child = spawn(command as string, args as string[], { stdio: "ignore", detached: true });
    await waitUntil(() => answers(url), `PostgreSQL on port ${port}`);
  };
  // Immediate shutdown: every backend is killed at once and the next start runs crash recovery.
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    const [pgCtl, args] = as(path.join(server.bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    execFileSync(pgCtl as string, args as string[], { stdio: "ignore" });
    await exited;
  };
  await start();
  return {
    url,
    kind: `PostgreSQL ${server.version}`,
    start,
    stop,
    dispose: async () => (await stop(), rmSync(dir, { recursive: true, force: true })),
  };
}
