import { describe, expect, it } from "vitest";
import { canConnect, freePort, spawnService } from "../scripts/embedded/process";

const node = (script: string) => ({ command: process.execPath, args: ["-e", script] });

describe("spawnService", () => {
  it("reports the last output of a process that dies during startup", async () => {
    const start = spawnService({
      name: "crashy",
      url: "http://127.0.0.1:1",
      ...node("console.log('starting'); console.error('fatal: bad config'); process.exit(3)"),
      ports: [],
      ready: async () => false,
    });
    await expect(start).rejects.toThrow(
      /crashy exited during startup \(exit code 3\)[\s\S]*fatal: bad config/,
    );
  });

  it("reports a command that cannot be started", async () => {
    const start = spawnService({
      name: "missing",
      url: "http://127.0.0.1:1",
      command: "/nonexistent/server",
      args: [],
      ports: [],
      ready: async () => false,
    });
    await expect(start).rejects.toThrow(/missing exited during startup[\s\S]*ENOENT/);
  });

  it("stops a process that never gets ready and says so", async () => {
    const start = spawnService({
      name: "sleepy",
      url: "http://127.0.0.1:1",
      ...node("setInterval(() => {}, 1000)"),
      ports: [],
      timeoutMs: 500,
      ready: async () => false,
    });
    await expect(start).rejects.toThrow("sleepy was not ready on http://127.0.0.1:1 within 500 ms");
  });

  it("stops the child and its children", async () => {
    const port = await freePort();
    const grandchild = `require('net').createServer().listen(${port}, '127.0.0.1')`;
    const service = await spawnService({
      name: "tree",
      url: `tcp://127.0.0.1:${port}`,
      ...node(
        `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'inherit' }); setInterval(() => {}, 1000)`,
      ),
      ports: [port],
      ready: () => canConnect(port),
    });
    await service.stop();
    expect(await canConnect(port)).toBe(false);
  });
});
