// Next.js calls register() once when a server starts. Only the production Node.js server
// (next start or the standalone server.js) is set up here; `next build` and `next dev` skip it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NODE_ENV !== "production" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootProductionServer } = await import("./lib/boot");
  bootProductionServer();
}
