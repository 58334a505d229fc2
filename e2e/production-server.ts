// Extra instances of the built standalone server (the one the Docker image runs), started by
// a test with its own environment, and a relay that lets a test watch the database connections.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import path from "node:path";

export const serverJs = path.resolve(".next/standalone/server.js");

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type RunningServer = {
  url: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
};

export async function startServer(env: Record<string, string | undefined>): Promise<RunningServer> {
  if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing: build the app first`);
  const port = await freePort();
  const child = spawn(process.execPath, [serverJs], {
    env: {
      PATH: process.env.PATH,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  let partial = "";
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString("utf8");
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.trim()));
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    lines,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

export async function waitForHealth(server: RunningServer, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.lines.join("\n")}`);
    const ok = await fetch(`${server.url}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${server.lines.join("\n")}`);
}

// Lines the app wrote as JSON (Next.js's banner before start-up is plain text).
export const jsonLines = (lines: string[]) =>
  lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });

// A TCP relay in front of PostgreSQL that remembers, per connection, whether the client ended
// it properly: node-postgres sends a Terminate message ('X', length 4) when a pool closes.
export async function startPostgresRelay(target: URL) {
  const connections: { terminated: boolean; closed: boolean }[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    const record = { terminated: false, closed: false };
    connections.push(record);
    let tail = Buffer.alloc(0);
    const upstream = connect(Number(target.port || 5432), target.hostname);
    client.on("data", (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk]).subarray(-5);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on("close", () => {
      record.closed = true;
      record.terminated = tail.equals(Buffer.from([0x58, 0, 0, 0, 4]));
      upstream.end();
    });
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(target.href);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  return {
    databaseUrl: url.href,
    connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
}

function closeServer(server: Server) {
  return new Promise<void>((resolve) => server.close(() => resolve()));
}
