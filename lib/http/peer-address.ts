// Next.js's App Router hands route handlers and server actions the request headers but never the
// socket, and it fills X-Forwarded-For with the socket's address only when the header is absent:
// a client that sends one of its own would erase the only address we know to be true. So, before
// Next.js sees a request, the Node.js server appends the socket peer to X-Forwarded-For, exactly
// as a proxy does. Its rightmost entry is then always the peer, in `next dev`, `next start` and
// the standalone server alike (lib/http/client-address.ts picks the entry to trust). The hook that
// calls it for every request is lib/http/server-hooks.ts.
import type http from "node:http";
import type { Socket } from "node:net";

type Tagged = http.IncomingMessage & { [PEER_APPENDED]?: true };
const PEER_APPENDED = Symbol.for("downlink.peer-appended");

export function appendPeerAddress(
  request: http.IncomingMessage,
  socket: Pick<Socket, "remoteAddress"> = request.socket,
) {
  const tagged = request as Tagged;
  if (tagged[PEER_APPENDED]) return;
  tagged[PEER_APPENDED] = true;
  // A socket that closed before the request was read has no address: record "unknown" rather
  // than let the client's own last entry pass for the peer.
  const peer = socket?.remoteAddress ?? "unknown";
  const sent = request.headers["x-forwarded-for"];
  const chain = (Array.isArray(sent) ? sent.join(", ") : sent)?.trim();
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
}
