import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { assertPortFree } from "./ports";

export { assertPortFree, canConnect, freePort } from "./ports";

export type Service = { name: string; url: string; stop(): Promise<void> };

export type SpawnOptions = {
  name: string;
  url: string;
  command: string;
  args: string[];
  /** Checked before spawning so a clash names the port instead of timing out. */
  ports: number[];
  ready: () => Promise<boolean>;
  verbose?: boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
};

const running = new Set<ChildProcess>();
// A crash or plain exit of the parent must not leave servers holding the ports.
process.once("exit", () => running.forEach((child) => signalAll([...descendants(child.pid!), child.pid!], "SIGTERM")));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function spawnService(opts: SpawnOptions): Promise<Service> {
  const { name, url, verbose, timeoutMs = 60_000 } = opts;
  for (const port of opts.ports) await assertPortFree(port, name);
  const started = Date.now();
  const child = spawn(opts.command, opts.args, { stdio: ["ignore", "pipe", "pipe"], env: opts.env ?? process.env });
  running.add(child);
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
  let state: "starting" | "ready" | "stopping" | "exited" = "starting";
  let how = "";
  const exited = new Promise<void>((resolve) => {
    child.once("error", (err) => record(`failed to start ${opts.command}: ${err.message}`));
    child.once("close", (code, signal) => {
      running.delete(child);
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
    if (state === "exited") throw new Error(`${name} exited during startup (${how}). Last output:\n${output}`);
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

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

// Children stay in the parent's process group so a terminal's Ctrl-C reaches them as well;
// that rules out killing by group, so the tree is walked instead.
function processTable(): { pid: number; ppid: number; zombie: boolean }[] {
  const out = execFileSync("ps", ["-A", "-o", "pid=,ppid=,stat="], { encoding: "utf8" });
  return out.trim().split("\n").map((line) => {
    const [pid, ppid, stat] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), zombie: stat.startsWith("Z") };
  });
}

function descendants(root: number): number[] {
  const table = processTable();
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const parent = queue.shift()!;
    for (const p of table) if (p.ppid === parent) found.push(p.pid), queue.push(p.pid);
  }
  return found;
}

function alive(pids: number[]): number[] {
  const living = new Set(processTable().filter((p) => !p.zombie).map((p) => p.pid));
  return pids.filter((pid) => living.has(pid));
}
