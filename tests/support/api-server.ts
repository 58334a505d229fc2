// A real HTTP server in the test process that hands requests to the publishing API's route
// handlers, so a child process (the CLI) can talk to them as it would to the running app.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatchApiRequest } from "./api-routes";

async function toRequest(incoming: IncomingMessage, origin: string) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined;
  return new Request(new URL(incoming.url ?? "/", origin), { method: incoming.method, headers, body });
}

export async function startApiServer() {
  let origin = "";
  const server = createServer(async (incoming, outgoing) => {
    try {
      const response = await dispatchApiRequest(await toRequest(incoming, origin));
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
