// Next.js calls register() once when a server starts (`next build` never does). Every Node.js
// server, `next dev` included, hooks its requests (lib/http/server-hooks.ts): the socket peer in
// X-Forwarded-For so client addresses cannot be forged, a request id and scope for every log line,
// 400 for paths Next.js cannot decode, 503 when PostgreSQL is unreachable. Only the production server (next start or the
// standalone server.js) checks its configuration, logs JSON and drains on SIGTERM (lib/boot.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installServerHooks } = await import("./lib/http/server-hooks");
  installServerHooks();
  if (process.env.NODE_ENV !== "production") return;
  const { bootProductionServer } = await import("./lib/boot");
  bootProductionServer();
}
