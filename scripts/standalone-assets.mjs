// `next build` with output: "standalone" leaves the static assets out of .next/standalone
// (a CDN may serve them instead). Copy them in, so `node .next/standalone/server.js` serves
// the whole app, as the Dockerfile's image does.
import { cpSync, existsSync } from "node:fs";

const target = ".next/standalone";
if (!existsSync(`${target}/server.js`)) {
  console.error(`${target}/server.js is missing: run \`next build\` first.`);
  process.exit(1);
}
cpSync(".next/static", `${target}/.next/static`, { recursive: true });
if (existsSync("public")) cpSync("public", `${target}/public`, { recursive: true });
