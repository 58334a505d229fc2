// Runs after every `npm install` / `npm ci`: applies patches/ and generates the Prisma client.
// A production install (`npm ci --omit=dev`) has neither patch-package nor the prisma CLI, and
// needs neither: the one patch fixes the local S3 server that development and tests use (itself a
// devDependency), and the client generated into lib/generated is compiled by `next build` into
// .next/standalone, the server `npm start` runs. So each step runs when its tool is installed
// and is skipped, saying so, when it is not; never through npx, which would download a tool the
// lockfile did not install.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

// The installed command-line entry of a package, or null when the install left it out.
function installedBin(name, bin = name) {
  const manifest = path.join(root, "node_modules", name, "package.json");
  if (!existsSync(manifest)) return null;
  const { bin: bins } = JSON.parse(readFileSync(manifest, "utf8"));
  return path.join(path.dirname(manifest), typeof bins === "string" ? bins : bins[bin]);
}

function run(label, bin, args, env = process.env) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`postinstall: ${label} failed`);
    process.exit(result.status ?? 1);
  }
}

const patchPackage = installedBin("patch-package");
if (patchPackage) {
  run("patch-package", patchPackage, []);
} else {
  console.log(
    "postinstall: patch-package is not installed (production install); patches/ fix dev tools only",
  );
}

// The client needs no native engine; the CLI would still try to download the schema engine,
// which offline machines cannot do, so it is pointed at a no-op unless the caller chose one.
const prisma = installedBin("prisma");
if (prisma) {
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && process.platform !== "win32") {
    env.PRISMA_SCHEMA_ENGINE_BINARY = "/bin/false";
  }
  run("prisma generate", prisma, ["generate"], env);
} else {
  console.log(
    "postinstall: the prisma CLI is not installed (production install); the build carries the client",
  );
}
