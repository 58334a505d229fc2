// A purchase the way a buyer makes one: the real startCheckout action (as the product page's form
// posts it) creates the Checkout Session, the buyer pays on the stand-in's page with whatever
// they choose there, and the signed checkout.session.completed event reaches the webhook route.
import { startCheckout } from "../../lib/actions/start-checkout";
import { completedEvent, deliver, stripe } from "./stripe";
import { config, prisma } from "./fixtures";

export type Started = { status: "redirect"; sessionId: string } | { status: string; code?: string };

export async function startCheckoutFor(fields: Record<string, string>): Promise<Started> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  try {
    return await startCheckout({ status: "idle" }, form);
  } catch (error) {
    // redirect() throws; its digest carries the target URL ("NEXT_REDIRECT;replace;<url>;307;").
    const digest = (error as { digest?: string }).digest ?? "";
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { status: "redirect", sessionId: new URL(digest.split(";")[2]).pathname.split("/").pop()! };
  }
}

// The pay page's form: email, payment method and the page's other fields (quantity, …).
export async function payOnPage(sessionId: string, fields: Record<string, string>) {
  const response = await fetch(`${new URL(config.STRIPE_API_URL!).origin}/pay/${sessionId}`, {
    method: "POST",
    body: new URLSearchParams({ method: "card", ...fields }),
    redirect: "manual",
  });
  if (response.status !== 303)
    throw new Error(`paying ${sessionId}: ${response.status} ${await response.text()}`);
  return stripe.checkout.sessions.retrieve(sessionId, { expand: ["line_items"] });
}

export async function buy(fields: Record<string, string>, page: Record<string, string>) {
  const started = await startCheckoutFor(fields);
  if (started.status !== "redirect" || !("sessionId" in started))
    throw new Error(`checkout refused: ${JSON.stringify(started)}`);
  const session = await payOnPage(started.sessionId, page);
  const delivered = await deliver(completedEvent(session));
  if (delivered.status !== 200) throw new Error(`webhook answered ${delivered.status}`);
  const order = await prisma.order.findUniqueOrThrow({
    where: { stripeCheckoutSessionId: session.id },
    include: { entitlements: { include: { license: true, tier: true } } },
  });
  return { session, order, entitlement: order.entitlements[0] };
}
