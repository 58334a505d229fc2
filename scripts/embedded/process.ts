import { spawn, type ChildProcess } from "node:child_process";
import { assertDirUnused, claimDir } from "./datalock";
import { assertPortFree } from "./ports";
import { alive, descendants, signalAll } from "./proctree";

export { assertPortFree, canConnect, freePort } from "./ports";

export type Service = { name: string; url: string; stop(): Promise<void> };

export type SpawnOptions = {
  name: string;
  url: string;
  command: string;
  args: string[];
  /** Checked before spawning so a clash names the port instead of timing out. */
  ports: number[];
  /** Data directory that only one server may use at a time. */
  dataDir?: string;
  ready: () => Promise<boolean>;
  verbose?: boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
};

const running = new Set<ChildProcess>();
// A crash or plain exit of the parent must not leave servers holding the ports.
process.once("exit", () =>
  running.forEach((child) => child.pid && signalAll([...descendants(child.pid), child.pid], "SIGTERM")),
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function spawnService(opts: SpawnOptions): Promise<Service> {
  const { name, url, verbose, timeoutMs = 60_000 } = opts;
  for (const port of opts.ports) await assertPortFree(port, name);
  if (opts.dataDir) assertDirUnused(opts.dataDir, name);
  const started = Date.now();
  const child = spawn(opts.command, opts.args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: opts.env ?? process.env,
  });
  running.add(child);
  const release = opts.dataDir && child.pid ? claimDir(opts.dataDir, child.pid) : () => {};
  const tail: string[] = [];
  const record = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    if (verbose) console.log(`[${name}] ${line}`);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.setEncoding("utf8").on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      lines.forEach(record);
    });
  }
  let state = "starting" as "starting" | "ready" | "stopping" | "exited";
  let how = "";
  const exited = new Promise<void>((resolve) => {
    child.once("error", (err) => record(`failed to start ${opts.command}: ${err.message}`));
    child.once("close", (code, signal) => {
      running.delete(child);
      release();
      how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (state === "ready") console.error(`[${name}] exited unexpectedly (${how}):\n${tail.join("\n")}`);
      state = "exited";
      resolve();
    });
  });

  const stop = async () => {
    if (state === "exited") return;
    state = "stopping";
    // Taken before the signal: once the child is gone its own children are reparented and untraceable.
    const pids = [...descendants(child.pid!), child.pid!];
    signalAll(pids, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (alive(pids).length > 0 && Date.now() < deadline) await sleep(50);
    signalAll(alive(pids), "SIGKILL");
    await exited;
  };

  while (!(await opts.ready().catch(() => false))) {
    const output = tail.join("\n").trim() || "(no output)";
    if (state === "exited")
      throw new Error(`${name} exited during startup (${how}). Last output:\n${output}`);
    if (Date.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${name} was not ready on ${url} within ${timeoutMs} ms. Last output:\n${output}`);
    }
    await sleep(150);
  }
  state = "ready";
  if (verbose) console.log(`[${name}] ready at ${url} in ${Date.now() - started} ms`);
  return { name, url, stop };
}
