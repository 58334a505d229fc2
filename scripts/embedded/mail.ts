import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { canConnect, spawnService, type Service } from "./process";

export type MailOptions = {
  smtpPort: number;
  uiPort: number;
  dataDir?: string;
  verbose?: boolean;
  timeoutMs?: number;
};

export async function startMail({
  smtpPort,
  uiPort,
  dataDir,
  verbose,
  timeoutMs,
}: MailOptions): Promise<Service> {
  const args = ["--smtp", String(smtpPort), "--web", String(uiPort), "--ip", "127.0.0.1"];
  const mailDir = dataDir && path.resolve(dataDir, "mail");
  if (mailDir) {
    // With a directory maildev keeps caught mail across restarts; without one it uses a temp dir.
    mkdirSync(mailDir, { recursive: true });
    args.push("--mail-directory", mailDir);
  }
  if (!verbose) args.push("--silent");
  const bin = createRequire(import.meta.url).resolve("maildev/bin/maildev");
  const url = `http://127.0.0.1:${uiPort}`;
  // maildev reads MAILDEV_* variables as flags; drop inherited ones so an outgoing relay is never enabled.
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("MAILDEV_")) delete env[key];
  return spawnService({
    name: "mail",
    url,
    command: process.execPath,
    args: [bin, ...args],
    ports: [smtpPort, uiPort],
    dataDir: mailDir,
    verbose,
    timeoutMs,
    env,
    ready: async () => {
      const res = await fetch(`${url}/email`, { signal: AbortSignal.timeout(2000) });
      return res.status === 200 && (await canConnect(smtpPort));
    },
  });
}
