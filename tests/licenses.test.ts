import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { grantManualEntitlement } from "../lib/dal/customers";
import { regenerateLicenseKey, resetActivations, setLicenseRevoked } from "../lib/dal/licenses";
import { recordPaidCheckout } from "../lib/dal/orders";
import { dispatchApiRequest } from "./support/api-routes";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

afterAll(() => prisma.$disconnect());

// Every call comes from its own client address unless a test says otherwise, so the shared
// per-address budget only bites where a test means it to.
async function call(
  path: string,
  body: unknown,
  ip = `198.51.100.${randomBytes(1)[0]}-${randomBytes(4).toString("hex")}`,
) {
  const request = new Request(`http://localhost/api/v1/licenses/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await dispatchApiRequest(request);
  return { status: response.status, json: await response.json(), headers: response.headers };
}

async function productWith(options: { activationLimit?: number; updateMonths?: number } = {}) {
  const slug = unique("licensed");
  const tier = { name: "Standard", priceCents: 900, machinesPerSeat: options.activationLimit, ...options };
  const { activationLimit: _, ...tierData } = tier;
  return prisma.product.create({
    data: { slug, name: `Licensed ${slug}`, tiers: { create: tierData } },
    include: { tiers: true },
  });
}

async function licensed(options: { activationLimit?: number; updateMonths?: number } = {}) {
  const product = await productWith(options);
  const user = await createUser();
  const entitlement = await grantManualEntitlement(user.id, product.id, "test");
  const license = await prisma.license.findUniqueOrThrow({ where: { entitlementId: entitlement!.id } });
  return { product, user, entitlement: entitlement!, license };
}

const fingerprint = () => `machine-${randomBytes(8).toString("hex")}`;

describe("licence keys on entitlements", () => {
  it("come with every grant, manual or paid, with the product's update window", async () => {
    const { license, entitlement } = await licensed({ updateMonths: 12 });
    expect(license.key).toMatch(/^DL-[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const months =
      (entitlement.updatesUntil!.getTime() - entitlement.createdAt.getTime()) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThan(11.5);
    expect(months).toBeLessThan(12.5);

    const forever = await productWith();
    const windowed = await productWith({ updateMonths: 6 });
    const { order } = await recordPaidCheckout({
      checkoutSessionId: unique("cs"),
      paymentIntentId: unique("pi"),
      email: `${unique("buyer")}@example.com`,
      userId: null,
      amountTotal: 1800,
      currency: "usd",
      items: [forever, windowed].map((product) => ({
        productId: product.id,
        tierId: product.tiers[0].id,
        seats: 1,
      })),
    });
    const granted = await prisma.entitlement.findMany({
      where: { orderId: order.id },
      include: { license: true },
    });
    expect(granted).toHaveLength(2);
    expect(new Set(granted.map((item) => item.license?.key)).size).toBe(2);
    expect(granted.find((item) => item.productId === forever.id)?.updatesUntil).toBeNull();
    expect(granted.find((item) => item.productId === windowed.id)?.updatesUntil).toBeInstanceOf(Date);
  });
});

describe("POST /api/v1/licenses/validate", () => {
  it("describes a good key, however it was typed", async () => {
    const { license, product } = await licensed({ activationLimit: 2, updateMonths: 12 });
    for (const typed of [license.key, ` ${license.key.toLowerCase().replace(/-/g, " ")} `]) {
      const { status, json } = await call("validate", { key: typed, product: product.slug });
      expect(status).toBe(200);
      expect(json).toMatchObject({
        valid: true,
        key: license.key,
        status: "active",
        product: { slug: product.slug, name: product.name },
        activations: { used: 0, limit: 2 },
      });
      expect(new Date(json.updatesUntil).getTime()).toBeGreaterThan(Date.now());
    }
  });

  it("says why a key is not good", async () => {
    const { license, entitlement, product } = await licensed();
    expect((await call("validate", { key: license.key, product: "another-product" })).json).toMatchObject({
      valid: false,
      status: "wrong_product",
    });

    await prisma.entitlement.update({ where: { id: entitlement.id }, data: { status: "suspended" } });
    expect((await call("validate", { key: license.key, product: product.slug })).json).toMatchObject({
      valid: false,
      status: "suspended",
    });
    await prisma.entitlement.update({ where: { id: entitlement.id }, data: { status: "active" } });

    await setLicenseRevoked(license.id, true);
    expect((await call("validate", { key: license.key, product: product.slug })).json).toMatchObject({
      valid: false,
      status: "license_revoked",
    });
    await setLicenseRevoked(license.id, false);
    expect((await call("validate", { key: license.key, product: product.slug })).json).toMatchObject({
      valid: true,
      status: "active",
    });
  });

  it("refuses a check that does not say which product the app is, and names the key's product", async () => {
    const { license, product } = await licensed();
    const unnamed = await call("validate", { key: license.key });
    recordSecurityEvidence({
      section: "bad-input",
      title: "Licence check without the app's product",
      columns: ["request", "status", "valid"],
      rows: [["a good key, no product", unnamed.status, String(unnamed.json.valid)]],
    });
    expect(unnamed).toMatchObject({
      status: 400,
      json: { error: "invalid_input", message: expect.stringMatching(/product: required/) },
    });
    expect(unnamed.json.valid).toBeUndefined();
    const named = await call("validate", { key: license.key, product: product.slug });
    expect(named.json).toMatchObject({ valid: true, product: { slug: product.slug } });
  });

  it("answers 404 to an unknown key and 400 to anything that is not a request for one", async () => {
    expect(
      await call("validate", { key: "DL-00000-00000-00000-00000", product: "any-product" }),
    ).toMatchObject({ status: 404, json: { valid: false, error: "unknown_key" } });
    for (const body of [
      "",
      "{",
      "[]",
      { key: 42 },
      { key: "hunter2" },
      { key: "DL-00000-00000-00000-00000", extra: true },
      { key: "x".repeat(10_000) },
    ]) {
      const { status, json } = await call("validate", body);
      expect(status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(json).toMatchObject({ error: "invalid_input", message: expect.any(String) });
    }
  });

  it("allows 60 calls a minute per client address, then 429 with Retry-After; other addresses go on", async () => {
    const { license, product } = await licensed();
    // 62 calls inside one clock minute (the window); if the minute turns mid-burst, burst again.
    async function burst() {
      const ip = `203.0.113.${randomBytes(4).toString("hex")}`;
      const minute = Math.floor(Date.now() / 60_000);
      const answers = [];
      for (let i = 0; i < 62; i++)
        answers.push(await call("validate", { key: license.key, product: product.slug }, ip));
      return { ip, answers, sameWindow: minute === Math.floor(Date.now() / 60_000) };
    }
    let run = await burst();
    if (!run.sameWindow) run = await burst();
    expect(run.sameWindow).toBe(true);
    expect(run.answers.slice(0, 60).map((answer) => answer.status)).toEqual(Array(60).fill(200));
    for (const blocked of run.answers.slice(60)) {
      expect(blocked.status).toBe(429);
      expect(blocked.json).toMatchObject({
        error: "rate_limited",
        message: expect.stringContaining("try again"),
      });
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(blocked.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    }
    expect(
      (await call("validate", { key: license.key, product: product.slug }, `${run.ip}-other`)).status,
    ).toBe(200);
  });
});

describe("activations", () => {
  it("admit up to the limit, let a known machine check in, and free a slot on deactivate", async () => {
    const { license, product } = await licensed({ activationLimit: 2 });
    const [a, b, c] = [fingerprint(), fingerprint(), fingerprint()];
    expect(
      await call("activate", {
        key: license.key,
        product: product.slug,
        fingerprint: a,
        label: "Studio Mac",
      }),
    ).toMatchObject({
      status: 201,
      json: { activations: { used: 1, limit: 2 }, machine: { activated: true } },
    });
    expect(await call("activate", { key: license.key, product: product.slug, fingerprint: b })).toMatchObject(
      { status: 201, json: { activations: { used: 2 } } },
    );
    expect(await call("activate", { key: license.key, product: product.slug, fingerprint: a })).toMatchObject(
      { status: 200, json: { activations: { used: 2 } } },
    );
    expect(await call("activate", { key: license.key, product: product.slug, fingerprint: c })).toMatchObject(
      { status: 409, json: { error: "activation_limit", activations: { used: 2, limit: 2 } } },
    );
    expect(
      (await call("validate", { key: license.key, fingerprint: c, product: product.slug })).json.machine,
    ).toEqual({ fingerprint: c, activated: false });

    expect(await call("deactivate", { key: license.key, fingerprint: a })).toMatchObject({
      status: 200,
      json: { activations: { used: 1 }, machine: { activated: false } },
    });
    expect(await call("deactivate", { key: license.key, fingerprint: a })).toMatchObject({
      status: 404,
      json: { error: "not_activated" },
    });
    expect((await call("activate", { key: license.key, product: product.slug, fingerprint: c })).status).toBe(
      201,
    );
    expect(
      (await call("validate", { key: license.key, fingerprint: c, product: product.slug })).json.machine,
    ).toEqual({ fingerprint: c, activated: true });
  });

  it("admit exactly N machines when many ask at once", async () => {
    const { license, product } = await licensed({ activationLimit: 3 });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        call("activate", { key: license.key, product: product.slug, fingerprint: fingerprint() }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(9);
    expect(await prisma.licenseActivation.count({ where: { licenseId: license.id } })).toBe(3);
  });

  it("are refused for a revoked key or an inactive purchase, and unlimited without a limit", async () => {
    const { license, entitlement, product } = await licensed();
    for (let i = 0; i < 5; i++)
      expect(
        (await call("activate", { key: license.key, product: product.slug, fingerprint: fingerprint() }))
          .status,
      ).toBe(201);
    await prisma.entitlement.update({
      where: { id: entitlement.id },
      data: { status: "revoked", reason: "after a refund" },
    });
    expect(
      await call("activate", { key: license.key, product: product.slug, fingerprint: fingerprint() }),
    ).toMatchObject({ status: 403, json: { error: "not_active", status: "revoked" } });
  });
});

describe("activating another product's app", () => {
  it("needs the product, and a key for another product activates nothing", async () => {
    const { license } = await licensed({ activationLimit: 2 });
    const unnamed = await call("activate", { key: license.key, fingerprint: fingerprint() });
    expect(unnamed).toMatchObject({ status: 400, json: { error: "invalid_input" } });
    const other = await call("activate", {
      key: license.key,
      product: "another-product",
      fingerprint: fingerprint(),
    });
    expect(other).toMatchObject({
      status: 403,
      json: { error: "wrong_product", valid: false, status: "wrong_product" },
    });
    expect(await prisma.licenseActivation.count({ where: { licenseId: license.id } })).toBe(0);
  });
});

describe("seller's licence controls", () => {
  it("reset activations, and regenerate a key so the old one stops working", async () => {
    const { license, product } = await licensed({ activationLimit: 1 });
    await call("activate", { key: license.key, product: product.slug, fingerprint: fingerprint() });
    expect(await resetActivations(license.id)).toEqual({ removed: 1 });
    expect(
      (await call("activate", { key: license.key, product: product.slug, fingerprint: fingerprint() }))
        .status,
    ).toBe(201);

    const renewed = await regenerateLicenseKey(license.id);
    expect(renewed!.key).not.toBe(license.key);
    expect((await call("validate", { key: license.key, product: product.slug })).status).toBe(404);
    expect(await call("validate", { key: renewed!.key, product: product.slug })).toMatchObject({
      status: 200,
      json: { valid: true, activations: { used: 0 } },
    });
    expect(await regenerateLicenseKey("missing")).toBeNull();
  });
});
