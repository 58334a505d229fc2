// Swallows the Stripe stand-in's own webhook deliveries (answering 200), so that only the
// events a benchmark sends on purpose reach the app.
import http from "node:http";
import type { AddressInfo } from "node:net";

export async function startSink() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume().on("end", () => {
      received++;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
