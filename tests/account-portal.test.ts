import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import AccountPage from "../app/(account)/account/page";
import AccountOrdersPage from "../app/(account)/account/orders/page";
import { getCurrentUser, type CurrentUser } from "../lib/auth/session";
import { setEmailPreferenceAction } from "../lib/actions/account/email-preferences";
import { deactivateMachineAction } from "../lib/actions/account/machines";
import { listEmailPreferences } from "../lib/dal/account";
import { enqueueReleaseNotifications } from "../lib/dal/release-notifications";
import { enqueueDueReminders, reminderKey } from "../lib/dal/renewal-reminders";
import { newLicenseKey } from "../lib/licensing/keys";
import { dispatchApiRequest } from "./support/api-routes";
import { form } from "./support/access-cases";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.9", "user-agent": "vitest" }),
}));

afterAll(() => prisma.$disconnect());

const day = 86_400_000;
const as = (user: CurrentUser | null) => vi.mocked(getCurrentUser).mockResolvedValue(user);

// A buyer of a Personal tier (one machine per key, a Team tier above it) whose key is active on
// their old machine, with an order and an update window ending in five days.
async function buyerAtLimit() {
  const product = await prisma.product.create({
    data: {
      slug: unique("portal"),
      name: `Portal ${unique("p")}`,
      tiers: {
        create: [
          { name: "Personal", priceCents: 4900, machinesPerSeat: 1, updateMonths: 12, position: 0 },
          { name: "Team", priceCents: 3900, machinesPerSeat: 3, perSeat: true, maxSeats: 50, position: 1 },
        ],
      },
    },
    include: { tiers: { orderBy: { position: "asc" } } },
  });
  const user = { ...(await createUser()), isAdmin: false };
  const order = await prisma.order.create({
    data: {
      stripeCheckoutSessionId: unique("cs"),
      email: user.email,
      userId: user.id,
      amountSubtotal: 4900,
      amountTax: 931,
      amountTotal: 5831,
      currency: "eur",
      taxCountry: "DE",
      taxRateBasisPoints: 1900,
      invoiceNumber: unique("INV"),
      invoiceUrl: "https://invoice.stripe.com/i/acct_1/test_1",
      invoicePdfUrl: "https://pay.stripe.com/invoice/acct_1/test_1/pdf",
    },
  });
  const entitlement = await prisma.entitlement.create({
    data: {
      userId: user.id,
      productId: product.id,
      tierId: product.tiers[0].id,
      orderId: order.id,
      source: "stripe",
      updatesUntil: new Date(Date.now() + 5 * day),
      createdAt: new Date(Date.now() - 360 * day),
      license: {
        create: {
          key: newLicenseKey(),
          activations: { create: { fingerprint: `old-mac-${unique("f")}`, label: "Old MacBook" } },
        },
      },
    },
    include: { license: { include: { activations: true } } },
  });
  return {
    product,
    user,
    order,
    entitlement,
    license: entitlement.license!,
    machine: entitlement.license!.activations[0],
  };
}

async function activate(key: string, product: string) {
  const response = await dispatchApiRequest(
    new Request("http://localhost/api/v1/licenses/activate", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `198.51.100.${unique("ip")}` },
      body: JSON.stringify({ key, product, fingerprint: `new-mac-${unique("f")}`, label: "New MacBook" }),
    }),
  );
  return response.status;
}

const deactivate = (activationId: string) =>
  deactivateMachineAction({ status: "idle" }, form({ activationId }));

describe("the customer portal", () => {
  it("shows the caller's own orders and keys, masked, with renewal and upgrade", async () => {
    const mine = await buyerAtLimit();
    const theirs = await buyerAtLimit();
    as(mine.user);
    const licences = renderToStaticMarkup(await AccountPage());
    const orders = renderToStaticMarkup(await AccountOrdersPage());
    expect(licences).toContain(`DL-•••••-•••••-•••••-${mine.license.key.split("-").at(-1)}`);
    expect(licences).not.toContain(mine.license.key.split("-")[1]);
    expect(licences).toContain(`/account/renew/${mine.entitlement.id}`);
    expect(licences).toContain(`/account/upgrade/${mine.entitlement.id}`);
    expect(licences).toContain("Old MacBook");
    expect(orders).toContain(`Order ${mine.order.number}`);
    expect(orders).toContain("€58.31");
    expect(orders).toContain("Tax 19 % (DE)");
    expect(orders).toContain(mine.order.invoicePdfUrl);
    for (const page of [licences, orders]) {
      expect(page).not.toContain(theirs.entitlement.id);
      expect(page).not.toContain(`Order ${theirs.order.number}`);
    }
  });

  it("frees the caller's own machine at once, audited, and refuses another user's like an unknown id", async () => {
    const buyer = await buyerAtLimit();
    const other = await buyerAtLimit();
    const machines = () => prisma.licenseActivation.count({ where: { licenseId: buyer.license.id } });
    const before = await activate(buyer.license.key, buyer.product.slug);

    as(other.user);
    const notTheirs = await deactivate(buyer.machine.id);
    const unknown = await deactivate("doesnotexist000");
    as(null);
    const signedOut = await deactivate(buyer.machine.id);
    const afterRefusals = await machines();
    as(buyer.user);
    const own = await deactivate(buyer.machine.id);
    const afterOwn = await machines();
    const after = await activate(buyer.license.key, buyer.product.slug);
    const audit = await prisma.auditLog.findMany({
      where: { action: "license.deactivate_machine", targetId: buyer.license.id },
    });
    const denials = await prisma.auditLog.findMany({
      where: { action: "account.denied", targetId: "deactivateMachineAction", actorId: other.user.id },
    });

    recordSecurityEvidence({
      section: "access-control",
      title: "Freeing a machine from the account page",
      columns: ["caller", "machine", "answer", "the buyer's machines after"],
      rows: [
        [
          "another customer",
          "the buyer's",
          notTheirs.status === "error" ? notTheirs.code : "success",
          afterRefusals,
        ],
        [
          "another customer",
          "an id that does not exist",
          unknown.status === "error" ? unknown.code : "success",
          afterRefusals,
        ],
        [
          "signed out",
          "the buyer's",
          signedOut.status === "error" ? signedOut.code : "success",
          afterRefusals,
        ],
        ["the buyer", "their own", own.status, afterOwn],
        [
          "the licence API, a new machine",
          "before / after",
          `${before} / ${after}`,
          afterOwn + (after === 201 ? 1 : 0),
        ],
      ],
      note: "deactivateMachineAction deletes through the key's entitlement and its owner in one statement; another customer's machine gets the answer an unknown id gets, and the denial is audited.",
    });
    expect(before).toBe(409);
    expect(notTheirs).toEqual(unknown);
    expect(notTheirs).toMatchObject({ status: "error", code: "not_found" });
    expect(signedOut).toMatchObject({ status: "error", code: "unauthorized" });
    expect(afterRefusals).toBe(1);
    expect(own).toEqual({ status: "success", data: { label: "Old MacBook" } });
    expect(afterOwn).toBe(0);
    expect(after).toBe(201);
    expect(audit).toMatchObject([{ actorId: buyer.user.id, data: { label: "Old MacBook", by: "customer" } }]);
    expect(denials.map((row) => (row.data as { count: number }).count)).toEqual([2]);
    expect(await prisma.licenseActivation.count({ where: { licenseId: other.license.id } })).toBe(1);
  });

  it("keeps each email preference per product, round-trips it, and stops those emails", async () => {
    const buyer = await buyerAtLimit();
    const stranger = await buyerAtLimit();
    const release = await prisma.release.create({
      data: { productId: buyer.product.id, version: "2.0.0", status: "published", publishedAt: new Date() },
    });
    const set = (productId: string, topic: string, emails: "on" | "off") =>
      setEmailPreferenceAction({ status: "idle" }, form({ productId, topic, emails }));
    const shown = async () => (await listEmailPreferences(buyer.user.id, buyer.user.email))[0].topics;
    const reminderQueued = async () =>
      (await enqueueDueReminders()).includes(
        reminderKey("7_days", buyer.entitlement.id, buyer.entitlement.updatesUntil!),
      );
    const releaseQueued = async () => {
      await enqueueReleaseNotifications(release.id);
      return (
        (await prisma.outboxEmail.count({ where: { releaseId: release.id, email: buyer.user.email } })) > 0
      );
    };

    as(buyer.user);
    const steps: [string, unknown][] = [["as bought", await shown()]];
    expect(await set(buyer.product.id, "renewal_reminder", "off")).toMatchObject({ status: "success" });
    expect(await set(buyer.product.id, "release", "off")).toMatchObject({ status: "success" });
    steps.push(["both off", await shown()]);
    const whileOff = { reminder: await reminderQueued(), release: await releaseQueued() };
    expect(await set(buyer.product.id, "renewal_reminder", "on")).toMatchObject({ status: "success" });
    expect(await set(buyer.product.id, "release", "on")).toMatchObject({ status: "success" });
    steps.push(["both on again", await shown()]);
    const whileOn = { reminder: await reminderQueued(), release: await releaseQueued() };
    const strangers = await set(stranger.product.id, "release", "off");

    recordSecurityEvidence({
      section: "access-control",
      title: "Email preferences from the account page",
      columns: ["step", "release emails", "renewal reminders"],
      rows: [
        ...steps.map(([step, topics]) => {
          const t = topics as { release: boolean; renewal_reminder: boolean };
          return [step, t.release ? "on" : "off", t.renewal_reminder ? "on" : "off"];
        }),
        ["queued while off", whileOff.release ? "yes" : "no", whileOff.reminder ? "yes" : "no"],
        ["queued once on again", whileOn.release ? "yes" : "no", whileOn.reminder ? "yes" : "no"],
        ["another buyer's product", strangers.status === "error" ? strangers.code : "success", "—"],
      ],
    });
    expect(steps.map(([, topics]) => topics)).toEqual([
      { release: true, renewal_reminder: true },
      { release: false, renewal_reminder: false },
      { release: true, renewal_reminder: true },
    ]);
    expect(whileOff).toEqual({ reminder: false, release: false });
    expect(whileOn).toEqual({ reminder: true, release: true });
    expect(strangers).toMatchObject({ status: "error", code: "not_found" });
    expect(await prisma.emailOptOut.count({ where: { productId: stranger.product.id } })).toBe(0);
  });
});
