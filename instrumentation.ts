// Next.js calls register() once when a server starts (`next build` never does). Every Node.js
// server, `next dev` included, appends its socket peer to X-Forwarded-For so client addresses
// cannot be forged (lib/http/peer-address.ts). Only the production server (next start or the
// standalone server.js) checks its configuration, logs JSON and drains on SIGTERM (lib/boot.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerAddress } = await import("./lib/http/peer-address");
  installPeerAddress();
  if (process.env.NODE_ENV !== "production") return;
  const { bootProductionServer } = await import("./lib/boot");
  bootProductionServer();
}
