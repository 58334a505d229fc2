// The production app as the benchmarks see it: `next build` once, then `next start` processes
// whose CPU time and memory are read from /proc (the whole process tree, Linux only).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { alive, descendants, signalAll } from "../scripts/embedded/proctree";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const CLOCK_TICKS = 100; // USER_HZ, the unit of utime/stime in /proc/<pid>/stat on Linux
const PAGE_SIZE = 4096;

export type Usage = { cpuSeconds: number; rssBytes: number };

// utime + stime and RSS of one process; a process that exited in between counts as nothing.
function processUsage(pid: number): Usage {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
    return {
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
      rssBytes: Number(fields[21]) * PAGE_SIZE,
    };
  } catch {
    return { cpuSeconds: 0, rssBytes: 0 };
  }
}

export function treeUsage(pid: number): Usage {
  return [pid, ...descendants(pid)].map(processUsage).reduce(
    (sum, usage) => ({
      cpuSeconds: sum.cpuSeconds + usage.cpuSeconds,
      rssBytes: sum.rssBytes + usage.rssBytes,
    }),
    { cpuSeconds: 0, rssBytes: 0 },
  );
}

// Samples a process tree's RSS while `work` runs; CPU is the difference of two readings.
export async function watch<T>(pid: number, work: () => Promise<T>, everyMs = 100) {
  const before = treeUsage(pid);
  let peak = before.rssBytes;
  const sampler = setInterval(() => (peak = Math.max(peak, treeUsage(pid).rssBytes)), everyMs);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    const after = treeUsage(pid);
    peak = Math.max(peak, after.rssBytes);
    return {
      result,
      seconds,
      cpuSeconds: after.cpuSeconds - before.cpuSeconds,
      rss: { before: before.rssBytes, peak, after: after.rssBytes, grew: peak - before.rssBytes },
    };
  } finally {
    clearInterval(sampler);
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const out = createWriteStream(log);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  return new Promise((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}); see ${log}`)),
    ),
  );
}

export function buildExists() {
  return existsSync(path.join(root, ".next/BUILD_ID"));
}

export async function buildApp(env: NodeJS.ProcessEnv, logDir: string) {
  await run(
    process.execPath,
    [nextBin, "build"],
    { ...env, NODE_ENV: "production" },
    path.join(logDir, "next-build.log"),
  );
}

export type AppProcess = { url: string; pid: number; usage(): Usage; stop(): Promise<void> };

// The V8 heap limit the Docker image sets for a 512 MB container (scripts/docker-start.sh): without
// one, V8 sizes its heap from the machine's memory and RSS grows far past the container's.
export const BENCH_HEAP_MB = 256;

// `next start` on a port with the given environment; its output goes to a log file, never to
// the results (nothing the app prints is copied into them).
export async function startApp(port: number, env: NodeJS.ProcessEnv, log: string): Promise<AppProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      `--max-old-space-size=${BENCH_HEAP_MB}`,
      nextBin,
      "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: root,
      env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const out = createWriteStream(log);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exited = false;
  child.once("exit", () => (exited = true));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const pids = [...descendants(child.pid!), child.pid!];
    signalAll(pids, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (alive(pids).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    signalAll(alive(pids), "SIGKILL");
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`next start exited during start-up; see ${log}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start was not ready on ${url} within 60 s; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, usage: () => treeUsage(child.pid!), stop };
}
