// Server actions from another site. Next.js compares a server action's Origin with the host it
// was sent to (X-Forwarded-Host, else Host) and refuses a mismatch, but answers the refusal with
// 500, as if the store had failed. proxy.ts refuses the same requests first, with 403: an Origin
// that names another host, and the opaque `null` a sandboxed frame or a privacy redirect sends.
// A request without Origin is left to Next.js, which lets it through as it does (browsers send
// Origin on every POST; a script without one carries no visitor's cookies by accident).
export function isForeignServerAction(request: Request): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  if (origin === "null") return true;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // not a URL at all
  }
}

export const foreignServerAction = (requestId: string) =>
  Response.json(
    {
      error: "forbidden",
      message: "Server actions are accepted from this store's own pages only.",
      requestId,
    },
    { status: 403, headers: { "Cache-Control": "no-store" } },
  );
