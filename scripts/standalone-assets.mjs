// Finishes `next build`'s standalone server (output: "standalone"), so that
// `node .next/standalone/server.js` runs the whole app, as the Dockerfile's image does:
// - the static assets, which Next.js leaves out (a CDN may serve them instead), are copied in;
// - server.js refuses to start with NEXT_PHASE=phase-production-build. That variable is how
//   `next build` tells the app it is prerendering; a server started with it skips
//   instrumentation.ts (no configuration check, no client-address hook, no graceful shutdown)
//   and would run on build placeholders. Only the build may be the build.
// - server.js installs the request hooks (lib/http/server-hooks.ts: socket peer, request id,
//   undecodable paths, database outages) before Next.js loads. instrumentation.ts installs the same
//   hooks only once the server is listening, so the first requests after a start could otherwise
//   name their own address.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { buildSync } from "esbuild";

const target = ".next/standalone";
const serverJs = `${target}/server.js`;
if (!existsSync(serverJs)) {
  console.error(`${serverJs} is missing: run \`next build\` first.`);
  process.exit(1);
}
cpSync(".next/static", `${target}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${target}/public`, { recursive: true });

buildSync({
  entryPoints: ["lib/http/server-hooks.ts"],
  bundle: true, // its own modules only; node: built-ins stay imports
  outfile: `${target}/server-hooks.mjs`,
  format: "esm",
  platform: "node",
  logLevel: "warning",
});

const marker = "// downlink: refuse the build phase at run time";
const guard = `${marker}
if (process.env.NEXT_PHASE === "phase-production-build") {
  const msg = "Invalid configuration:\\n  NEXT_PHASE: phase-production-build is set by \`next build\` alone; unset it to start the server";
  console.error(JSON.stringify({ level: "fatal", time: new Date().toISOString(), service: "downlink", msg }));
  process.exit(1);
}
// downlink: every request hooked (socket peer, request id, …), from the first one on
;(await import("./server-hooks.mjs")).installServerHooks()
`;
const source = readFileSync(serverJs, "utf8");
if (!source.includes(marker)) {
  // After the imports (server.js is an ES module here), before Next.js is loaded.
  const at = source.indexOf("const dir = ");
  if (at < 0) throw new Error(`${serverJs}: unexpected layout, cannot add the build-phase guard`);
  writeFileSync(serverJs, source.slice(0, at) + guard + "\n" + source.slice(at));
}
