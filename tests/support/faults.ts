// Tools for the fault suites: crash a server process the way an OOM killer or a power cut
// would, wait for its port, put a TCP relay in front of a server to cut a transfer half-way,
// and collect evidence rows from what each run observed.
import { readFileSync } from "node:fs";
import net from "node:net";
import { canConnect } from "../../scripts/embedded/process";
import { isRunning } from "../../scripts/embedded/proctree";
import { recordSecurityEvidence } from "./security-evidence";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

// The embedded servers record their pid beside their data directory (scripts/embedded/datalock.ts);
// SIGKILL gives the server no chance to close anything cleanly.
export async function crashServer(serviceDir: string, port: number) {
  const pid = Number(readFileSync(`${serviceDir.replace(/\/+$/, "")}.pid`, "utf8"));
  if (!(pid > 0)) throw new Error(`no server pid recorded for ${serviceDir}`);
  process.kill(pid, "SIGKILL");
  await waitFor(async () => !(await canConnect(port)), `port ${port} to close`);
  // Until it is reaped the dead server still counts as the data directory's owner.
  await waitFor(() => !isRunning(pid), `process ${pid} to be reaped`);
  return pid;
}

// A TCP relay: clients connect to `port`, bytes go to whatever listens on `targetPort`. Signed
// URLs and SigV4 headers pass unchanged (the Host header names the relay on both sides).
// `cutAfter` fires once a single connection has carried that many request bytes.
// While `freeze()` holds, new connections are accepted and never answered (a hung server);
// `thaw()` drops them, so their clients fail at once, and lets new ones through again.
export async function startRelay(targetPort: number) {
  let tripwire: { bytes: number; fire: () => void } | null = null;
  const open = new Set<net.Socket>();
  let frozen: Set<net.Socket> | null = null;
  const server = net.createServer((client) => {
    if (frozen) {
      frozen.add(client);
      client.on("error", () => {});
      return;
    }
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
    }
    let carried = 0;
    client.on("data", (chunk: Buffer) => {
      carried += chunk.length;
      if (tripwire && carried >= tripwire.bytes) {
        const { fire } = tripwire;
        tripwire = null;
        fire();
      }
    });
    client.pipe(upstream).on("error", () => client.destroy());
    upstream.pipe(client).on("error", () => upstream.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cutAfter(bytes: number, fire: () => void) {
      tripwire = { bytes, fire };
    },
    freeze() {
      frozen ??= new Set();
    },
    held: () => frozen?.size ?? 0,
    thaw() {
      frozen?.forEach((socket) => socket.destroy());
      frozen = null;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        open.forEach((socket) => socket.destroy());
        frozen?.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

type Row = { fault: string; observed: string; expected: string; ok: boolean };

// One evidence table per suite: each row is what was injected, what the app visibly did, what
// it should do, and whether the run's own checks agreed. Written even when a check failed.
export function faultEvidence(title: string) {
  const rows: Row[] = [];
  const counts: Record<string, number> = {};
  const notes: string[] = [];
  return {
    row(fault: string, observed: string, expected: string, ok: boolean) {
      rows.push({ fault, observed, expected, ok });
      return ok;
    },
    count(name: string, value: number) {
      counts[name] = value;
    },
    note(text: string) {
      notes.push(text);
    },
    write() {
      if (rows.length === 0) return;
      recordSecurityEvidence({
        section: "faults",
        title,
        columns: ["Fault injected", "What the app did", "Expected", "Result"],
        rows: rows.map((row) => [row.fault, row.observed, row.expected, row.ok ? "pass" : "FAIL"]),
        counts: {
          "faults injected": rows.length,
          "rows passing": rows.filter((row) => row.ok).length,
          ...counts,
        },
        note: notes.join(" ") || undefined,
      });
    },
  };
}
