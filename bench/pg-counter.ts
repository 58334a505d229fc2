// A TCP relay between the app and PostgreSQL that counts round trips on the wire. Every
// statement the app sends ends either in a simple Query ('Q') or, in the extended protocol
// node-postgres uses for parameters, in a Sync ('S'); each of those waits for the server's
// ReadyForQuery. Counting them counts what the network sees — BEGIN, COMMIT, advisory locks
// and next-auth's session lookup included — whatever library issued them.
import net from "node:net";

export type Counts = { roundTrips: number; parses: number; executes: number };

// The SQL text of a Parse or Query message (its first C string after the statement name).
function sqlOf(type: string, body: Buffer) {
  const start = type === "P" ? body.indexOf(0) + 1 : 0;
  return body.subarray(start, body.indexOf(0, start)).toString("utf8").replace(/\s+/g, " ").slice(0, 160);
}

export async function startPgCounter(upstream: { host: string; port: number }) {
  const counts: Counts = { roundTrips: 0, parses: 0, executes: 0 };
  let captured: string[] | null = null; // statement texts (placeholders, never values) while capturing
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const server = net.connect(upstream.port, upstream.host);
    sockets.add(client).add(server);
    let buffer: Buffer = Buffer.alloc(0);
    let startup = true; // the startup packet (and an SSL/GSS request before it) has no type byte
    client.on("data", (chunk: Buffer) => {
      server.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          startup = code === 80877103 || code === 80877104; // SSLRequest, GSSENCRequest: another untyped packet follows
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < 5) break;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) break;
        const type = String.fromCharCode(buffer[0]);
        if (type === "Q" || type === "S") counts.roundTrips++;
        if (type === "P") counts.parses++;
        if (captured && (type === "P" || type === "Q"))
          captured.push(sqlOf(type, buffer.subarray(5, length + 1)));
        if (type === "E") counts.executes++;
        buffer = buffer.subarray(length + 1);
      }
    });
    server.on("data", (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      server.destroy();
      sockets.delete(client);
      sockets.delete(server);
    };
    client.on("close", close).on("error", close);
    server.on("close", close).on("error", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    counts,
    snapshot: (): Counts => ({ ...counts }),
    capture: async (work: () => Promise<unknown>) => {
      captured = [];
      try {
        await work();
        return captured;
      } finally {
        captured = null;
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}

// The same connection string with the relay's address in place of the server's.
export function throughCounter(databaseUrl: string, port: number) {
  const url = new URL(databaseUrl);
  const upstream = { host: url.hostname, port: Number(url.port || 5432) };
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { upstream, url: url.toString() };
}
