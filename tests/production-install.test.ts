// `npm ci --omit=dev` runs the project's `postinstall` without the devDependencies. This rebuilds
// that install without the network: a copy of the project whose node_modules holds what npm would
// keep (links into the real packages), every other node_modules/.bin removed from PATH and npm
// offline, so no tool can be found or fetched elsewhere. npm keeps a devDependency that is also an
// optional peer of a dependency (the lockfile's `devOptional`, e.g. prisma for @prisma/client)
// unless optional packages are omitted too.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { recordSecurityEvidence } from "./support/security-evidence";

type LockEntry = { dev?: boolean; devOptional?: boolean };
const root = path.resolve(import.meta.dirname, "..");

function productionCopy(omitOptional: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), "production-install-"));
  for (const entry of [
    "package.json",
    "package-lock.json",
    "prisma.config.ts",
    "scripts",
    "patches",
    "prisma",
  ]) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const topLevel = Object.entries(lock.packages).filter(([location]) =>
    /^node_modules\/(@[^/]+\/)?[^/]+$/.test(location),
  );
  const kept = (entry: LockEntry) => !entry.dev && !(omitOptional && entry.devOptional);
  const linked = topLevel.filter(([location, entry]) => kept(entry) && existsSync(path.join(root, location)));
  for (const [location] of linked) {
    mkdirSync(path.dirname(path.join(dir, location)), { recursive: true });
    symlinkSync(path.join(root, location), path.join(dir, location), "dir");
  }
  return { dir, linked: linked.length, left: topLevel.length - linked.length };
}

function withoutDevTools() {
  // The suite runs under npm and npx: their variables (npm_config_local_prefix, …), NODE_PATH
  // and PATH entries would lead back to the project's own node_modules.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("npm_") || key === "NODE_PATH") delete env[key];
  env.PATH = (env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => !entry.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return { ...env, npm_config_offline: "true", npm_config_update_notifier: "false" };
}

const INSTALLS = [
  { install: "npm ci --omit=dev", omitOptional: false, prisma: true },
  { install: "npm ci --omit=dev --omit=optional", omitOptional: true, prisma: false },
];

describe("production install", () => {
  it("runs postinstall without the devDependencies, with only installed tools, fetching nothing", () => {
    const rows: (string | number)[][] = [];
    for (const { install, omitOptional, prisma } of INSTALLS) {
      const { dir, linked, left } = productionCopy(omitOptional);
      expect(existsSync(path.join(dir, "node_modules/patch-package")), install).toBe(false);
      expect(existsSync(path.join(dir, "node_modules/prisma")), install).toBe(prisma);

      const result = spawnSync("npm", ["run", "postinstall"], {
        cwd: dir,
        env: withoutDevTools(),
        encoding: "utf8",
      });
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, `${install}: ${output}`).toBe(0);
      expect(output).toContain("patch-package is not installed");
      // The client is generated where the CLI is installed, and left to the build where it is not.
      expect(existsSync(path.join(dir, "lib/generated/prisma/client.ts")), install).toBe(prisma);
      if (!prisma) expect(output).toContain("prisma CLI is not installed");
      const client = prisma ? "generated" : "skipped (the build carries it)";
      rows.push([install, linked, left, `exit ${result.status}; patches skipped; client ${client}`]);
      rmSync(dir, { recursive: true, force: true }); // removes the links, not what they point to
    }
    recordSecurityEvidence({
      section: "supply-chain",
      title: "Production install",
      columns: ["install, rebuilt offline", "top-level packages present", "left out", "postinstall"],
      rows,
      note: "postinstall runs installed tools only, never npx (which would fetch an unpinned CLI); patches/ fixes a dev-only server.",
    });
  }, 60_000);
});
