// Load for the faults-under-load suite: a pool of concurrent callers, Stripe-signed webhook
// deliveries, and a tally of answers by kind.
import { spawn } from "node:child_process";
import net from "node:net";
import Stripe from "stripe";

// Runs `work` over `items` with at most `concurrency` at once; every item's outcome is kept.
export async function inParallel<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

export function stripeStandIn() {
  const api = new URL(process.env.STRIPE_API_URL!);
  const client = new Stripe(process.env.STRIPE_SECRET_KEY!, {
    host: api.hostname,
    port: Number(api.port),
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
  // A paid checkout session of one product, as a buyer leaves it on the stand-in's checkout page.
  const paidSession = async (productId: string, email: string) => {
    const session = await client.checkout.sessions.create({
      mode: "payment",
      line_items: [
        { quantity: 1, price_data: { currency: "usd", unit_amount: 1500, product_data: { name: "Storm" } } },
      ],
      metadata: { product_id: productId },
      customer_email: email,
      success_url: "http://localhost/success?session_id={CHECKOUT_SESSION_ID}",
    });
    const paid = await fetch(`${api.origin}/pay/${session.id}`, {
      method: "POST",
      body: new URLSearchParams({ email, method: "card" }),
      redirect: "manual",
    });
    if (paid.status !== 303) throw new Error(`paying ${session.id} answered ${paid.status}`);
    return client.checkout.sessions.retrieve(session.id);
  };
  return { paidSession };
}

// One delivery of an event as Stripe makes it: the same payload, freshly signed. A server that
// died with the request in flight gave no answer.
export async function deliver(origin: string, payload: string) {
  const secret = process.env.STRIPE_WEBHOOK_SECRET!.split(",")[0];
  try {
    const response = await fetch(`${origin}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
      body: payload,
    });
    return { status: response.status, outcome: ((await response.json()) as { outcome?: string }).outcome };
  } catch {
    return { status: 0, outcome: "no answer" };
  }
}

// Receipts in the mail catcher for these buyers: how many of them got one, and how many emails.
export async function receiptsTo(buyers: string[]) {
  type Mail = { to: { address: string }[]; subject: string };
  const mailbox = (await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Mail[];
  const to = mailbox.flatMap((mail) =>
    /^Your .+ receipt: /.test(mail.subject) ? mail.to.map((t) => t.address) : [],
  );
  return {
    buyers: buyers.filter((buyer) => to.includes(buyer)).length,
    copies: to.filter((t) => buyers.includes(t)).length,
  };
}

// "3× 200, 2× 409" for a list of answers.
export function statuses(answers: { status: number }[]) {
  const by = new Map<number, number>();
  for (const { status } of answers) by.set(status, (by.get(status) ?? 0) + 1);
  return [...by].map(([status, count]) => `${count}× ${status || "no answer"}`);
}

// An operator's command (`npm run stripe:reconcile`, `npm run emails:send`) with the given
// environment. Not spawnSync: a relay in this process must keep forwarding meanwhile.
export function runScript(env: Record<string, string | undefined>, script: string, args: string[]) {
  return new Promise<{ status: number | null; output: string }>((resolve) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", script, ...args], {
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("exit", (status) => (clearTimeout(timer), resolve({ status, output })));
  });
}

export type Kind = "library" | "stable link" | "product page" | "licence check" | "malformed";
export type Answer = { kind: Kind; phase: string; status: number; retryAfter: boolean; location: string };

// How one answer counts: what the issue measured, before and after.
export function tally(answers: Answer[]) {
  const count = (test: (answer: Answer) => boolean) => answers.filter(test).length;
  return {
    answers: answers.length,
    toSignIn: count((a) => a.status >= 300 && a.status < 400 && a.location.includes("/signin")),
    unauthorized: count((a) => a.status === 401),
    bare500: count((a) => a.status === 500),
    unavailable: count((a) => a.status === 503 && a.retryAfter),
    fivexxWithoutRetryAfter: count((a) => a.status >= 500 && !a.retryAfter),
    malformed5xx: count((a) => a.kind === "malformed" && a.status >= 500),
    noAnswer: count((a) => a.status === 0),
  };
}

// A mail server across the internet: every chunk each way arrives `delayMs` late (in order), so a
// send takes a few hundred milliseconds, as with a real provider, rather than the local catcher's
// one. A server killed mid-storm then has sends in flight, as it would in production.
export async function startSlowRelay(target: URL, delayMs: number) {
  const sockets = new Set<net.Socket>();
  const delayed = (from: net.Socket, to: net.Socket) => {
    let queue = Promise.resolve();
    from.on("data", (chunk: Buffer) => {
      queue = queue
        .then(() => new Promise((resolve) => setTimeout(resolve, delayMs)))
        .then(() => {
          if (!to.destroyed) to.write(chunk);
        });
    });
    from.on("close", () => void queue.then(() => to.destroy()));
    from.on("error", () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) sockets.add(socket);
    delayed(client, upstream);
    delayed(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `${target.protocol}//127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => (sockets.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}
