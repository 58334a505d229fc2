import { randomUUID } from "node:crypto";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import { matchPattern } from "./support/api-routes";
import { buildWorld, fresh, type World } from "./support/access-world";
import { config, createUser, prisma, s3, unique } from "./support/fixtures";
import {
  brokenInput,
  describeValue,
  mustBeRefused,
  nastyJsonValue,
  nastyString,
  sweepExamples,
  toForm,
} from "./support/nasty-input";
import { recordSecurityEvidence } from "./support/security-evidence";
import { keepStoreSettings } from "./support/store-settings";
import { forbiddenVersions } from "./support/versions";
import { unsubscribeUrl } from "../lib/notifications/unsubscribe";
import { sign } from "./support/stripe";
import { discoverActions, discoverRoutes, type Callable, type RouteSurface } from "./support/surfaces";
import { freshDiscountCode } from "./support/access-cases";
import { deliverRefundEvents, paidOrder, refundsAtStripe } from "./support/orders";
import { renewable, subscribed } from "./support/access-renewals";
import { productWithImages, sampleImage } from "./support/product-images";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.8", "user-agent": "vitest" }),
}));

const NUM_RUNS = 50;
const ACTION_CODES = [
  "invalid_input",
  "unauthorized",
  "forbidden",
  "not_found",
  "rate_limited",
  "unavailable",
];

// Every table a failed call could leave a partial row in, in one round trip.
async function counts() {
  const [row] = await prisma.$queryRaw<Record<string, bigint>[]>`SELECT
    (SELECT count(*) FROM "Product") AS products, (SELECT count(*) FROM "Release") AS releases,
    (SELECT count(*) FROM "ReleaseFile") AS files, (SELECT count(*) FROM "Upload") AS uploads,
    (SELECT count(*) FROM "CustomerFile" WHERE "removedAt" IS NULL) AS "customerFiles",
    (SELECT count(*) FROM "UploadPart") AS parts, (SELECT count(*) FROM "ApiToken") AS tokens,
    (SELECT count(*) FROM "Entitlement") AS entitlements, (SELECT count(*) FROM "Order") AS orders,
    (SELECT count(*) FROM "StripeEvent") AS "stripeEvents",
    (SELECT count(*) FROM "DiscountCode" WHERE active) AS "discountCodes",
    (SELECT count(*) FROM "DownloadEvent" WHERE outcome = 'issued') AS issued,
    (SELECT count(*) FROM "ProductImage") AS "productImages",
    (SELECT count(*) FROM "AuditLog" WHERE action NOT LIKE '%.denied') AS audits,
    (SELECT count(*) FROM "OrderRefund") AS refunds`;
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
}

type Answer = { ok: boolean; code?: string; message?: string };
type Target = {
  valid: () => Promise<Record<string, unknown>>;
  send: (input: unknown) => Promise<Answer>;
  values?: fc.Arbitrary<unknown>; // JSON-only for routes
  pure?: boolean; // even an accepted input writes nothing
};

let world: World;
let openUpload: string; // an open upload and a draft release, for the routes that address them
let draftRelease: string;
let actions: Map<string, Callable>;
let routes: Map<string, RouteSurface>;
let restoreStoreSettings: () => Promise<void>;
beforeAll(async () => {
  const [foundActions, foundRoutes] = await Promise.all([discoverActions(), discoverRoutes()]);
  actions = new Map(foundActions.filter((a) => a.action).map((a) => [a.name, a.action!]));
  routes = new Map(foundRoutes.map((r) => [r.name, r]));
  world = await buildWorld();
  restoreStoreSettings = await keepStoreSettings();
  openUpload = (await fresh.upload(world.actor)).started.fileId;
  draftRelease = (await fresh.draftRelease()).release.id;
});
afterAll(async () => {
  // Fuzzed settings that were valid were saved: the store's one settings row goes back as it was.
  await restoreStoreSettings();
  await prisma.$disconnect();
});

// An action result must be success or { status: "error", code, message }, never a throw.
async function actionAnswer(run: () => Promise<unknown>): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { ok: true };
    throw new Error(`the action threw: ${(error as Error).message?.slice(0, 300)}`);
  }
  const shaped = result as { status?: string; code?: string; message?: unknown };
  if (shaped?.status === "success") return { ok: true };
  expect(shaped?.status, JSON.stringify(result)?.slice(0, 200)).toBe("error");
  expect(ACTION_CODES).toContain(shaped.code);
  expect(typeof shaped.message === "string" ? shaped.message : "").not.toBe("");
  return { ok: false, code: shaped.code, message: shaped.message as string };
}

// A route must answer < 500; a 4xx is JSON { error, message }.
async function routeAnswer(name: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const surface = routes.get(name)!;
  const url = new URL(path, "http://localhost");
  const params = matchPattern(surface.pattern, url.pathname) ?? {};
  const response = await surface.handler(new Request(url, { method: surface.method, ...init }), {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  expect(response.status, `${name} ${path.slice(0, 80)} → ${text.slice(0, 200)}`).toBeLessThan(500);
  if (response.status < 400) return { ok: true };
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = JSON.parse(text) as { error?: unknown; message?: unknown };
  expect(typeof body.error).toBe("string");
  const message = typeof body.message === "string" ? body.message : (body.error as string);
  expect(message).not.toBe("");
  return { ok: false, code: String(response.status), message };
}

const asAdmin = () => vi.mocked(getCurrentUser).mockResolvedValue(world.admin);
const asCustomer = () => vi.mocked(getCurrentUser).mockResolvedValue(world.customer);

function adminTarget(name: string, valid: () => Promise<Record<string, unknown>>, isForm: boolean): Target {
  return {
    valid,
    send: (input) => {
      asAdmin();
      const action = actions.get(name)!;
      // Form actions get FormData, the object itself, or null: the wire can carry any of them.
      const variant = isForm && input && typeof input === "object" ? toForm(input) : input;
      return actionAnswer(() => (isForm ? action({ status: "idle" }, variant) : action(variant)));
    },
  };
}

// The customer's own forms (the renewal and upgrade pages): FormData, the object itself, or null.
function customerFormTargets(valid: Record<string, () => Promise<Record<string, unknown>>>) {
  return Object.fromEntries(
    Object.entries(valid).map(([name, prepare]): [string, Target] => [
      name,
      {
        valid: prepare,
        send: (input) => {
          asCustomer();
          const variant = input && typeof input === "object" ? toForm(input) : input;
          return actionAnswer(() => actions.get(name)!({ status: "idle" }, variant));
        },
      },
    ]),
  );
}

const token = (caller: "valid token" | "files token" = "valid token") => ({
  authorization: `Bearer ${world.tokens[caller]}`,
  "content-type": "application/json",
});
// As a client would send it: percent-encoded UTF-8 (a lone surrogate goes as U+FFFD's bytes).
const path = (value: unknown) => {
  const text = typeof value === "string" ? value : describeValue(value);
  return [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, "0")}`,
    )
    .join("");
};
function apiTarget(
  name: string,
  valid: () => Promise<Record<string, unknown>>,
  url: (input: Record<string, unknown>) => string,
  method = "POST",
  caller: "valid token" | "files token" = "valid token",
): Target {
  return {
    valid,
    values: nastyJsonValue,
    send: (input) => {
      const fields = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
      const body = JSON.stringify(fields.body === undefined ? input : fields.body) ?? "";
      return routeAnswer(
        name,
        url(fields),
        method === "GET" ? { headers: token(caller) } : { headers: token(caller), body },
      );
    },
  };
}

const targets = (): Record<string, Target> => ({
  grantEntitlementAction: adminTarget(
    "grantEntitlementAction",
    async () => ({ userId: world.customer.id, productId: world.unreleased.product.id, reason: "support" }),
    true,
  ),
  changeEntitlementAction: adminTarget(
    "changeEntitlementAction",
    async () => {
      const e = await fresh.entitlement(world.other.id);
      return { entitlementId: e.id, userId: world.other.id, change: "reset_downloads", reason: "support" };
    },
    true,
  ),
  changeLicenseAction: adminTarget(
    "changeLicenseAction",
    async () => ({
      licenseId: (await fresh.license(world.other.id)).id,
      userId: world.other.id,
      change: "reset_activations",
      reason: "support",
    }),
    true,
  ),
  saveProductAction: adminTarget(
    "saveProductAction",
    async () => ({ name: "Fuzzed", slug: unique("fuzz"), price: "10", currency: "usd", downloadLimit: "" }),
    true,
  ),
  saveTierAction: adminTarget(
    "saveTierAction",
    async () => ({
      productId: world.owned.product.id,
      name: unique("tier"),
      price: "10",
      currency: "usd",
      perSeat: "on",
      minSeats: "2",
      maxSeats: "5",
    }),
    true,
  ),
  createReleaseAction: adminTarget(
    "createReleaseAction",
    async () => ({
      productId: world.unreleased.product.id,
      version: `9.${Date.now()}.0`,
      channel: "beta",
      notes: "",
    }),
    true,
  ),
  publishReleaseAction: adminTarget(
    "publishReleaseAction",
    async () => ({ releaseId: world.owned.product.releases[0].id }),
    true,
  ),
  yankReleaseAction: adminTarget(
    "yankReleaseAction",
    async () => ({ releaseId: (await fresh.product()).product.releases[0].id, reason: "broken" }),
    true,
  ),
  createShareLinkAction: adminTarget(
    "createShareLinkAction",
    async () => ({ fileId: world.owned.file.id, expiresInSeconds: "600", note: "qa" }),
    true,
  ),
  createDiscountAction: adminTarget(
    "createDiscountAction",
    async () => ({
      code: unique("FUZZ"),
      kind: "amount",
      amount: "5",
      currency: "eur",
      expiresOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      maxRedemptions: "3",
      firstPurchaseOnly: "on",
      tierIds: world.owned.product.tiers[0].id,
    }),
    true,
  ),
  deactivateDiscountAction: adminTarget(
    "deactivateDiscountAction",
    async () => ({ id: (await freshDiscountCode(world)).id }),
    true,
  ),
  createTokenAction: adminTarget("createTokenAction", async () => ({ name: "fuzzed token" }), true),
  saveStoreSettingsAction: adminTarget(
    "saveStoreSettingsAction",
    async () => ({ name: "Fuzzed Store", accentColor: "#4f46e5", supportEmail: "help@example.com" }),
    true,
  ),
  addProductImageAction: adminTarget(
    "addProductImageAction",
    async () => ({
      productId: world.owned.product.id,
      role: "cover",
      alt: "The editor",
      image: sampleImage("64x40.png"),
    }),
    true,
  ),
  saveProductImageAltAction: adminTarget(
    "saveProductImageAltAction",
    async () => ({ imageId: (await productWithImages()).screenshots[0].id, alt: "The editor" }),
    true,
  ),
  moveProductImageAction: adminTarget(
    "moveProductImageAction",
    async () => ({ imageId: (await productWithImages()).screenshots[0].id, direction: "later" }),
    true,
  ),
  removeProductImageAction: adminTarget(
    "removeProductImageAction",
    async () => ({ imageId: (await productWithImages()).screenshots[0].id }),
    true,
  ),
  revokeTokenAction: adminTarget(
    "revokeTokenAction",
    async () => ({ id: (await fresh.token(world.actor)).id }),
    true,
  ),
  startUploadAction: adminTarget(
    "startUploadAction",
    async () => ({
      releaseId: (await fresh.draftRelease()).release.id,
      platform: "Linux",
      filename: "tool.zip",
      sizeBytes: 1000,
    }),
    false,
  ),
  presignPartsAction: adminTarget(
    "presignPartsAction",
    async () => ({ fileId: (await fresh.upload(world.actor)).started.fileId, partNumbers: [1] }),
    false,
  ),
  recordPartAction: adminTarget(
    "recordPartAction",
    async () => ({
      fileId: (await fresh.upload(world.actor)).started.fileId,
      partNumber: 1,
      etag: '"abc"',
      size: 1000,
    }),
    false,
  ),
  completeUploadAction: adminTarget(
    "completeUploadAction",
    async () => ({ fileId: (await fresh.upload(world.actor)).started.fileId }),
    false,
  ),
  abortUploadAction: adminTarget(
    "abortUploadAction",
    async () => ({ fileId: (await fresh.upload(world.actor)).started.fileId }),
    false,
  ),
  startCustomerFileUploadAction: adminTarget(
    "startCustomerFileUploadAction",
    async () => ({
      userId: (await createUser()).id,
      title: "Invoice 2026-11",
      note: "Paid by card",
      filename: "invoice.pdf",
      sizeBytes: 1000,
    }),
    false,
  ),
  removeCustomerFileAction: adminTarget(
    "removeCustomerFileAction",
    async () => ({ userId: world.other.id, fileId: (await fresh.customerFile(world.other.id)).id }),
    true,
  ),
  createWebhookEndpointAction: adminTarget(
    "createWebhookEndpointAction",
    async () => ({ url: "http://127.0.0.1:9/hooks", events: "release.published" }),
    true,
  ),
  rotateWebhookSecretAction: adminTarget(
    "rotateWebhookSecretAction",
    async () => ({ id: (await fresh.webhookEndpoint()).id }),
    true,
  ),
  setWebhookEndpointActiveAction: adminTarget(
    "setWebhookEndpointActiveAction",
    async () => ({ id: (await fresh.webhookEndpoint()).id, active: "false" }),
    true,
  ),
  redeliverWebhookAction: adminTarget(
    "redeliverWebhookAction",
    async () => ({ id: (await fresh.failedDelivery()).id }),
    true,
  ),
  eraseCustomerAction: adminTarget(
    "eraseCustomerAction",
    async () => ({ userId: (await createUser()).id, reason: "erasure request" }),
    true,
  ),
  "GET /admin/customers/[id]/data": {
    valid: async () => ({ id: world.other.id }),
    values: nastyString,
    send: (input) => {
      asAdmin();
      const { id } = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
      return routeAnswer("GET /admin/customers/[id]/data", `/admin/customers/${path(id)}/data`);
    },
  },
  emailCustomerFileAction: adminTarget(
    "emailCustomerFileAction",
    async () => ({ userId: world.other.id, fileId: (await fresh.customerFile(world.other.id)).id }),
    true,
  ),
  issueDownloadLink: {
    valid: async () => ({ fileId: world.owned.file.id }),
    send: (input) => {
      asCustomer();
      const fileId =
        input && typeof input === "object" && "fileId" in input
          ? (input as { fileId: unknown }).fileId
          : input;
      return actionAnswer(() => actions.get("issueDownloadLink")!(fileId));
    },
  },
  startCheckout: {
    valid: async () => ({ productId: world.owned.product.id }),
    send: (input) => {
      asCustomer();
      return actionAnswer(() =>
        actions.get("startCheckout")!(
          { status: "idle" },
          input && typeof input === "object" ? toForm(input) : input,
        ),
      );
    },
  },
  // The customer's own forms (the portal, the renewal and upgrade pages), sent by the owner.
  ...customerFormTargets({
    deactivateMachineAction: async () => {
      const license = await fresh.license(world.customer.id);
      const machine = await prisma.licenseActivation.create({
        data: { licenseId: license.id, fingerprint: unique("machine"), label: "Studio" },
      });
      return { activationId: machine.id };
    },
    setEmailPreferenceAction: async () => ({
      productId: world.owned.product.id,
      topic: "renewal_reminder",
      emails: "off",
    }),
    startRenewalAction: async () => ({
      entitlementId: (await renewable(world)).entitlement.id,
      automatic: "on",
    }),
    startUpgradeAction: async () => {
      const { entitlement, team } = await renewable(world);
      return { entitlementId: entitlement.id, tierId: team.id, seats: "1" };
    },
    cancelAutoRenewalAction: async () => ({ entitlementId: (await subscribed(world)).entitlement.id }),
  }),
  "GET /download/file/[fileId]": {
    valid: async () => ({ fileId: world.owned.file.id }),
    values: nastyString,
    send: (input) => {
      asCustomer();
      return routeAnswer(
        "GET /download/file/[fileId]",
        `/download/file/${path((input as { fileId?: unknown })?.fileId ?? input)}`,
        { headers: { cookie: world.cookies.customer! } },
      );
    },
  },
  "GET /download/[productSlug]/latest": {
    valid: async () => ({ productSlug: world.owned.product.slug, platform: "Linux", channel: "stable" }),
    values: nastyString,
    send: (input) => {
      asCustomer();
      const { productSlug, platform, channel } = (input && typeof input === "object" ? input : {}) as Record<
        string,
        unknown
      >;
      const query = new URLSearchParams({ platform: String(platform), channel: String(channel) });
      return routeAnswer(
        "GET /download/[productSlug]/latest",
        `/download/${path(productSlug)}/latest?${query}`,
        { headers: { cookie: world.cookies.customer! } },
      );
    },
  },
  "GET /download/[productSlug]/[version]/[platform]/[filename]": {
    valid: async () => ({
      productSlug: world.owned.product.slug,
      version: "1.0.0",
      platform: "linux_universal",
      filename: world.owned.file.filename,
    }),
    values: nastyString,
    send: (input) => {
      asCustomer();
      const fields = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
      const segments = [fields.productSlug, fields.version, fields.platform, fields.filename].map(path);
      return routeAnswer(
        "GET /download/[productSlug]/[version]/[platform]/[filename]",
        `/download/${segments.join("/")}`,
        { headers: { cookie: world.cookies.customer! } },
      );
    },
  },
  "GET /download/license/[licenseId]": {
    valid: async () => ({ licenseId: (await fresh.license(world.customer.id)).id }),
    values: nastyString,
    send: (input) => {
      asCustomer();
      return routeAnswer(
        "GET /download/license/[licenseId]",
        `/download/license/${path((input as { licenseId?: unknown })?.licenseId ?? input)}`,
      );
    },
  },
  "POST /api/webhooks/stripe": {
    // Correctly signed, so the body itself is what is tested; the store handles six event types.
    valid: async () => ({
      id: `evt_${unique("f")}`,
      object: "event",
      type: "customer.created",
      created: 1,
      data: { object: { id: "cus_1" } },
    }),
    values: nastyJsonValue,
    pure: true,
    send: (input) => {
      const payload = typeof input === "string" ? input : (JSON.stringify(input) ?? "");
      return routeAnswer("POST /api/webhooks/stripe", "/api/webhooks/stripe", {
        headers: { "stripe-signature": sign(payload) },
        body: payload,
      });
    },
  },
  "POST /api/v1/releases": apiTarget(
    "POST /api/v1/releases",
    async () => ({
      product: world.unreleased.product.slug,
      version: `8.${Date.now()}.0`,
      channel: "beta",
      notes: "",
    }),
    () => "/api/v1/releases",
  ),
  "GET /api/v1/products/[slug]/releases/[version]": apiTarget(
    "GET /api/v1/products/[slug]/releases/[version]",
    async () => ({ slug: world.owned.product.slug, version: "1.0.0" }),
    (i) => `/api/v1/products/${path(i.slug)}/releases/${path(i.version)}`,
    "GET",
  ),
  "POST /api/v1/releases/[releaseId]/files": apiTarget(
    "POST /api/v1/releases/[releaseId]/files",
    async () => ({ platform: "Linux", filename: "tool.zip", sizeBytes: 1000 }),
    () => `/api/v1/releases/${draftRelease}/files`,
  ),
  "POST /api/v1/releases/[releaseId]/publish": apiTarget(
    "POST /api/v1/releases/[releaseId]/publish",
    async () => ({ releaseId: world.owned.product.releases[0].id }),
    (i) => `/api/v1/releases/${path(i.releaseId)}/publish`,
  ),
  "POST /api/v1/files/[fileId]/parts": apiTarget(
    "POST /api/v1/files/[fileId]/parts",
    async () => ({ partNumbers: [1] }),
    () => `/api/v1/files/${openUpload}/parts`,
  ),
  "PUT /api/v1/files/[fileId]/parts/[partNumber]": apiTarget(
    "PUT /api/v1/files/[fileId]/parts/[partNumber]",
    async () => ({ etag: '"abc"', size: 1000 }),
    () => `/api/v1/files/${openUpload}/parts/1`,
    "PUT",
  ),
  "POST /api/v1/files/[fileId]/complete": apiTarget(
    "POST /api/v1/files/[fileId]/complete",
    async () => ({ fileId: (await fresh.upload(world.actor)).started.fileId }),
    (i) => `/api/v1/files/${path(i.fileId)}/complete`,
  ),
  "POST /api/v1/customers/files": apiTarget(
    "POST /api/v1/customers/files",
    async () => ({
      email: world.customer.email,
      title: "Invoice 2026-11",
      note: "Paid",
      filename: "invoice.pdf",
      sizeBytes: 1000,
    }),
    () => "/api/v1/customers/files",
    "POST",
    "files token",
  ),
  "POST /api/v1/presign": apiTarget(
    "POST /api/v1/presign",
    async () => ({
      product: world.owned.product.slug,
      version: "1.0.0",
      filename: world.owned.file.filename,
      expiresIn: 600,
    }),
    () => "/api/v1/presign",
  ),
  "GET /media/[owner]/[file]": {
    valid: async () => ({ owner: "store", file: "0123456789abcdef.png" }),
    values: nastyString,
    pure: true,
    send: (input) => {
      const { owner, file } = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
      return routeAnswer("GET /media/[owner]/[file]", `/media/${path(owner)}/${path(file)}`);
    },
  },
  ...licenseTargets(),
  ...orderTargets(),
});

// Admin → Orders. A refund's valid input names an order with plenty left, so the accepted
// variations the fuzzer makes (another amount, another reason) refund a little each time.
function orderTargets(): Record<string, Target> {
  const query = (input: unknown) =>
    new URLSearchParams(
      Object.entries((input && typeof input === "object" ? input : {}) as Record<string, unknown>).map(
        ([k, v]) => [k, describeValue(v)],
      ),
    );
  return {
    refundOrderAction: adminTarget(
      "refundOrderAction",
      async () => ({
        orderId: (await paidOrder({ unitAmount: 5_000_000 })).order.id,
        amount: "1.00",
        reason: "requested_by_customer",
        note: "fuzzed",
        attempt: randomUUID(),
      }),
      true,
    ),
    searchOrdersAction: adminTarget(
      "searchOrdersAction",
      async () => ({ q: "someone@example.com", product: "", tier: "", status: "paid" }),
      true,
    ),
    "GET /admin/orders/export": {
      valid: async () => ({ q: "someone@example.com", status: "paid" }),
      values: nastyString,
      pure: true,
      send: (input) => {
        asAdmin();
        return routeAnswer("GET /admin/orders/export", `/admin/orders/export?${query(input)}`);
      },
    },
  };
}

// Licence and feed routes are public (the key is the credential), so each call comes from its own
// address: the per-address budget would otherwise answer 429 before the input is looked at.
const fromSomewhere = () => ({
  "content-type": "application/json",
  "x-forwarded-for": `198.51.100.${unique("ip")}`,
});
function licenseTargets(): Record<string, Target> {
  const keyRoute = (name: string, path: string, valid: () => Record<string, unknown>): Target => ({
    valid: async () => valid(),
    values: nastyJsonValue,
    send: (input) => routeAnswer(name, path, { headers: fromSomewhere(), body: JSON.stringify(input) ?? "" }),
  });
  const feed = (name: string, suffix: string): Target => ({
    valid: async () => ({ productSlug: world.owned.product.slug, channel: "stable", platform: "linux" }),
    values: nastyString,
    pure: true,
    send: (input) => {
      const { productSlug, channel, platform } = (input && typeof input === "object" ? input : {}) as Record<
        string,
        unknown
      >;
      return routeAnswer(
        name,
        `/api/v1/feeds/${path(productSlug)}/${path(channel)}/${path(platform)}${suffix}`,
        {
          headers: { ...fromSomewhere(), authorization: `Bearer ${world.keys["valid key"]}` },
        },
      );
    },
  });
  const unsubscribeFields = () => {
    const url = new URL(unsubscribeUrl(world.customer.email, world.owned.product.id));
    return Object.fromEntries(url.searchParams);
  };
  const query = (input: unknown) =>
    new URLSearchParams(
      Object.entries((input && typeof input === "object" ? input : {}) as Record<string, unknown>).map(
        ([k, v]) => [k, describeValue(v)],
      ),
    );
  return {
    "POST /api/v1/licenses/validate": keyRoute(
      "POST /api/v1/licenses/validate",
      "/api/v1/licenses/validate",
      () => ({
        key: world.keys["valid key"],
        fingerprint: "machine-0001",
        product: world.owned.product.slug,
      }),
    ),
    "POST /api/v1/licenses/activate": keyRoute(
      "POST /api/v1/licenses/activate",
      "/api/v1/licenses/activate",
      () => ({
        key: world.keys["valid key"],
        fingerprint: `machine-${unique("m")}`,
        product: world.owned.product.slug,
        label: "Studio",
      }),
    ),
    "POST /api/v1/licenses/deactivate": keyRoute(
      "POST /api/v1/licenses/deactivate",
      "/api/v1/licenses/deactivate",
      () => ({ key: world.keys["valid key"], fingerprint: "machine-0001" }),
    ),
    "GET /api/v1/feeds/[productSlug]/[channel]/[platform]": feed(
      "GET /api/v1/feeds/[productSlug]/[channel]/[platform]",
      "",
    ),
    "GET /api/v1/feeds/[productSlug]/[channel]/[platform]/[file]": feed(
      "GET /api/v1/feeds/[productSlug]/[channel]/[platform]/[file]",
      "/latest-linux.yml",
    ),
    "POST /api/unsubscribe": {
      valid: async () => unsubscribeFields(),
      values: nastyString,
      send: (input) =>
        routeAnswer("POST /api/unsubscribe", `/api/unsubscribe?${query(input)}`, {
          headers: fromSomewhere(),
        }),
    },
    unsubscribeAction: {
      valid: async () => unsubscribeFields(),
      send: (input) =>
        actionAnswer(() =>
          actions.get("unsubscribeAction")!(
            { status: "idle" },
            input && typeof input === "object" ? toForm(input) : input,
          ),
        ),
    },
  };
}

// Surfaces that take no input, or that only Next.js itself can call.
const WITHOUT_TARGET: Record<string, string> = {
  "GET /api/health": "takes no input",
  "GET /account/data": "takes no input: the session names whose data it is",
  "GET /api/ready": "takes no input",
  "GET /api/v1/licenses/keys": "takes no input: the published public keys",
  "GET /api/unsubscribe":
    "only redirects to the confirmation page with the same query, which the action checks",
  "GET /api/auth/[...nextauth]":
    "next-auth's handler needs a Next.js request; e2e/action-replay.spec.ts sends it bad input over HTTP",
  "POST /api/auth/[...nextauth]":
    "next-auth's handler needs a Next.js request; e2e/action-replay.spec.ts sends it bad input over HTTP",
  "GET /api/auth/sign-in-form":
    "reads only callbackUrl, reduced to a same-origin path; needs a Next.js request (e2e/sign-in-security.spec.ts)",
};

// A price means something only in its currency's minor unit (lib/money.ts): what the currency
// cannot carry is refused, never rounded, and a refused edit leaves the stored price as it was.
const PRICES: { currency: string; price: string; stored?: number }[] = [
  { currency: "jpy", price: "1900", stored: 1900 },
  { currency: "usd", price: "19.99", stored: 1999 },
  { currency: "kwd", price: "5.12", stored: 5120 },
  { currency: "isk", price: "1900", stored: 190000 },
  { currency: "jpy", price: "1.5" },
  { currency: "krw", price: "1900.00" },
  { currency: "usd", price: "19.999" },
  { currency: "kwd", price: "5.125" },
  { currency: "isk", price: "1900.5" },
  { currency: "usd", price: "1000000" },
  { currency: "jpy", price: "100000000" },
  { currency: "usd", price: "1,900" },
];

async function savePrice(fields: Record<string, string>) {
  asAdmin();
  return actionAnswer(() =>
    actions.get("saveProductAction")!(
      { status: "idle" },
      toForm({ name: "Priced", downloadLimit: "", ...fields }),
    ),
  );
}

describe("prices", () => {
  it("stores a price in its currency's minor unit, and refuses one the currency cannot carry without writing", async () => {
    const rows: (string | number)[][] = [];
    const existing = await prisma.product.create({
      data: {
        slug: unique("priced"),
        name: "Priced",
        tiers: { create: { name: "Standard", priceCents: 4200, currency: "jpy" } },
      },
    });
    for (const { currency, price, stored } of PRICES) {
      const before = await counts();
      const created = await savePrice({ slug: unique("priced"), price, currency });
      const edited = await savePrice({ id: existing.id, slug: existing.slug, price, currency });
      // The product form's price is its first tier's.
      const after = await prisma.productTier.findFirstOrThrow({ where: { productId: existing.id } });
      if (stored === undefined) {
        expect(created, `${price} ${currency}`).toMatchObject({
          ok: false,
          code: "invalid_input",
          message: expect.stringMatching(/^price: /),
        });
        expect(edited.ok, `${price} ${currency} as an edit`).toBe(false);
        expect(await counts(), `${price} ${currency} left rows behind`).toEqual(before);
        expect(after).toMatchObject({ priceCents: 4200, currency: "jpy" });
      } else {
        expect(created.ok && edited.ok, `${price} ${currency}: ${created.message ?? edited.message}`).toBe(
          true,
        );
        expect(after).toMatchObject({ priceCents: stored, currency });
        await prisma.productTier.update({
          where: { id: after.id },
          data: { priceCents: 4200, currency: "jpy" },
        });
      }
      rows.push([currency.toUpperCase(), price, stored ?? "—", created.ok ? "saved" : created.message!]);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "Prices per currency",
      columns: ["currency", "typed price", "stored (minor units)", "answer"],
      rows,
      counts: { "prices tried": rows.length, refused: rows.filter((row) => row[2] === "—").length },
      note: "saveProductAction as an admin, creating and editing: refused prices change no table and leave an edited product's price as it was.",
    });
  });
});

// A refund amount means something only in its order's currency (lib/money.ts), and never more than
// remains. What cannot be refunded is refused before Stripe is asked: no refund there, no row here.
const REFUND_AMOUNTS: { currency: string; total: number; amount: string; refunded?: number }[] = [
  { currency: "usd", total: 1500, amount: "5.25", refunded: 525 },
  { currency: "jpy", total: 1900, amount: "950", refunded: 950 },
  { currency: "usd", total: 1500, amount: "-5" },
  { currency: "usd", total: 1500, amount: "0" },
  { currency: "usd", total: 1500, amount: "0.00" },
  { currency: "usd", total: 1500, amount: "15.01" },
  { currency: "usd", total: 1500, amount: "1.234" },
  { currency: "usd", total: 1500, amount: "1,50" },
  { currency: "usd", total: 1500, amount: "1e3" },
  { currency: "jpy", total: 1900, amount: "950.5" },
  { currency: "jpy", total: 1900, amount: "9.50" },
  { currency: "jpy", total: 1900, amount: "1901" },
];

describe("refund amounts", () => {
  it("refunds exactly the minor units typed, up to what remains, and refuses the rest before Stripe is asked", async () => {
    const rows: (string | number)[][] = [];
    for (const { currency, total, amount, refunded } of REFUND_AMOUNTS) {
      const { order, paymentIntent } = await paidOrder({ currency, unitAmount: total });
      const before = await counts();
      asAdmin();
      const form = toForm({
        orderId: order.id,
        amount,
        reason: "requested_by_customer",
        attempt: randomUUID(),
      });
      const answer = await actionAnswer(() => actions.get("refundOrderAction")!({ status: "idle" }, form));
      await deliverRefundEvents(paymentIntent);
      const atStripe = await refundsAtStripe(paymentIntent);
      const after = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
      if (refunded === undefined) {
        expect(answer, `${amount} ${currency}`).toMatchObject({ ok: false, code: "invalid_input" });
        expect(atStripe, `${amount} ${currency} reached Stripe`).toEqual([]);
        expect(await counts(), `${amount} ${currency} left rows behind`).toEqual(before);
        expect(after).toMatchObject({ amountRefunded: 0, status: "paid" });
      } else {
        expect(answer.ok, `${amount} ${currency}: ${answer.message}`).toBe(true);
        expect(atStripe.map((r) => r.amount)).toEqual([refunded]);
        expect(after).toMatchObject({ amountRefunded: refunded, status: "partially_refunded" });
      }
      rows.push([
        currency.toUpperCase(),
        total,
        amount,
        refunded ?? "—",
        atStripe.length,
        answer.message ?? "refunded",
      ]);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "Refund amounts per currency",
      columns: [
        "currency",
        "order total (minor units)",
        "typed amount",
        "refunded",
        "refunds at Stripe",
        "answer",
      ],
      rows,
      counts: { "refund amounts tried": rows.length, refused: rows.filter((row) => row[3] === "—").length },
      note: "refundOrderAction as an admin against orders paid on the Stripe stand-in; its events delivered to the webhook. A refused amount makes no Stripe call and changes no table.",
    });
  });
});

// A release's version is what apps compare (electron-updater with `semver`): strict SemVer 2.0,
// with the leading "v" the API has always taken. What SemVer forbids is refused, writing nothing.
const VERSIONS: { version: string; accepted: boolean }[] = [
  ...["1.4.0", "v2.10.3", "2.0.0-beta.1", "1.0.0-Beta", "1.0.0-rc.1e2", "1.0.0+build.5", "1.0.0-0a"].map(
    (version) => ({ version, accepted: true }),
  ),
  ...[...forbiddenVersions, "", "1.0", "2.0", "latest", "1.0.0.0", "1.0.0-", "x".repeat(70)].map(
    (version) => ({ version, accepted: false }),
  ),
];

describe("release versions", () => {
  it("creates a release only for a SemVer 2.0 version, and refuses the rest without writing", async () => {
    const product = await prisma.product.create({
      data: {
        slug: unique("versioned"),
        name: "Versioned",
        tiers: { create: { name: "Standard", priceCents: 100 } },
      },
    });
    const rows: string[][] = [];
    for (const { version, accepted } of VERSIONS) {
      const before = await counts();
      const body = JSON.stringify({ product: product.slug, version, channel: "beta" });
      const answer = await routeAnswer("POST /api/v1/releases", "/api/v1/releases", {
        headers: token(),
        body,
      });
      const outcome = answer.ok ? "created" : answer.code;
      expect(outcome, `${version}: ${answer.message}`).toBe(accepted ? "created" : "400");
      if (!accepted) expect(await counts(), `${version} left rows behind`).toEqual(before);
      rows.push([version, answer.ok ? "created" : `${answer.code}: ${answer.message}`]);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "Release versions",
      columns: ["version", "answer"],
      rows,
      counts: { "versions tried": rows.length, refused: VERSIONS.filter((item) => !item.accepted).length },
      note: "POST /api/v1/releases with a publish token: leading zeros, empty identifiers and numbers past 2^53 are refused with 400; table counts unchanged after each refusal.",
    });
  });
});

// A build's platform is one of a fixed list (lib/platforms.ts); spellings of one become it, the
// rest are refused with the list, writing nothing.
const PLATFORM_SPELLINGS: [string, string | null][] = [
  ...(["windows", "Windows", "win", "WIN32"] as const).map(
    (name) => [name, "windows_universal"] as [string, string],
  ),
  ["win64", "windows_x64"],
  ["Windows ARM64", "windows_arm64"],
  ["darwin-arm64", "macos_arm64"],
  ["macOS (Apple Silicon)", "macos_arm64"],
  ["macOS Intel", "macos_x64"],
  ["Mac OS X", "macos_universal"],
  ["linux-x86_64", "linux_x64"],
  ["Linux aarch64", "linux_arm64"],
  ["linux_universal", "linux_universal"],
  ...[
    "FreeBSD",
    "Android",
    "Windows 32-bit",
    "ia32",
    "windows linux",
    "macOS arm64 x64",
    "x64",
    " ",
    "Linux\u202e",
  ].map((name) => [name, null] as [string, null]),
];

describe("platforms", () => {
  it("stores each spelling of a platform as its one value and refuses the rest, naming the list", async () => {
    const release = (await fresh.draftRelease()).release;
    const rows: string[][] = [];
    for (const [index, [name, expected]] of PLATFORM_SPELLINGS.entries()) {
      const before = await counts();
      const filename = `build-${index}.zip`;
      const answer = await routeAnswer(
        "POST /api/v1/releases/[releaseId]/files",
        `/api/v1/releases/${release.id}/files`,
        {
          headers: token(),
          body: JSON.stringify({ platform: name, filename, sizeBytes: 1000 }),
        },
      );
      if (expected === null) {
        expect(answer, JSON.stringify(name)).toMatchObject({ ok: false, code: "400" });
        expect(answer.message).toContain("windows_x64, windows_arm64, windows_universal, macos_x64");
        expect(await counts(), `${name} left rows behind`).toEqual(before);
      } else {
        expect(answer.ok, `${name}: ${answer.message}`).toBe(true);
        const stored = await prisma.releaseFile.findFirstOrThrow({
          where: { releaseId: release.id, filename },
        });
        expect(stored.platform, name).toBe(expected);
      }
      rows.push([
        JSON.stringify(name),
        expected ?? "—",
        answer.ok ? "started" : `${answer.code}: ${answer.message}`,
      ]);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "Build platforms",
      columns: ["platform sent", "stored as", "answer"],
      rows,
      counts: {
        "spellings tried": rows.length,
        refused: PLATFORM_SPELLINGS.filter(([, expected]) => expected === null).length,
      },
      note: "POST /api/v1/releases/{id}/files with a publish token: spellings of one platform become its one value (the admin form, the CLI, the feeds and the latest link read them with the same schema); a name off the list answers 400 naming the list, table counts unchanged.",
    });
  });
});

// A product image is judged by its bytes, not by the name or type the browser claims; a refused
// one leaves no row and no object in the bucket.
async function mediaObjects() {
  let [total, token] = [0, undefined as string | undefined];
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: config.S3_BUCKET,
        Prefix: "media/products/",
        ContinuationToken: token,
      }),
    );
    total += page.KeyCount ?? 0;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return total;
}
const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, ...new Array(2043).fill(0)]);
const IMAGE_CASES: {
  input: string;
  fields: () => Promise<Record<string, unknown>>;
  answer: RegExp | null;
}[] = [
  {
    input: "a PNG screenshot with alt text (control)",
    fields: async () => ({ role: "screenshot", alt: "The editor", image: sampleImage("64x40.png") }),
    answer: null,
  },
  {
    input: "an .exe renamed tool.png, sent as image/png",
    fields: async () => ({ role: "cover", image: new File([exe], "tool.png", { type: "image/png" }) }),
    answer: /^image: a PNG, JPEG, WebP or AVIF image$/,
  },
  {
    input: "an SVG with a script, sent as image/svg+xml",
    fields: async () => ({
      role: "cover",
      image: new File(["<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"], "logo.svg", {
        type: "image/svg+xml",
      }),
    }),
    answer: /^image: a PNG, JPEG, WebP or AVIF image$/,
  },
  {
    input: "a GIF (logos only)",
    fields: async () => ({ role: "cover", image: sampleImage("64x40.gif", "shot.gif", "image/gif") }),
    answer: /^image: a PNG, JPEG, WebP or AVIF image$/,
  },
  {
    input: "a PNG signature with its header cut off",
    fields: async () => ({
      role: "cover",
      image: new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], "cut.png"),
    }),
    answer: /^image: a PNG, JPEG, WebP or AVIF image$/,
  },
  {
    input: "961 KB (over the 960 KB limit)",
    fields: async () => ({
      role: "cover",
      image: new File([new Uint8Array(961 * 1024)], "big.png", { type: "image/png" }),
    }),
    answer: /^image: at most 960 KB$/,
  },
  {
    input: "an empty file",
    fields: async () => ({ role: "cover", image: new File([], "empty.png", { type: "image/png" }) }),
    answer: /^image: choose an image file$/,
  },
  {
    input: "a screenshot without alt text",
    fields: async () => ({ role: "screenshot", alt: "  ", image: sampleImage("64x40.png") }),
    answer: /^alt: describe the screenshot/,
  },
  {
    input: "a product id that does not exist",
    fields: async () => ({ productId: "doesnotexist0000", role: "cover", image: sampleImage("64x40.png") }),
    answer: /^There is no such product\.$/,
  },
];

describe("product images", () => {
  it("stores only real PNG, JPEG, WebP and AVIF images within the limit, and a refusal leaves nothing behind", async () => {
    const { product } = await productWithImages();
    const rows: string[][] = [];
    for (const { input, fields, answer } of IMAGE_CASES) {
      const [before, objectsBefore] = [await counts(), await mediaObjects()];
      asAdmin();
      const sent = toForm({ productId: product.id, alt: "", ...(await fields()) });
      const result = await actionAnswer(() =>
        actions.get("addProductImageAction")!({ status: "idle" }, sent),
      );
      const [after, objectsAfter] = [await counts(), await mediaObjects()];
      rows.push([
        input,
        result.ok ? "stored" : `${result.code}: ${result.message}`,
        String(objectsAfter - objectsBefore),
      ]);
      if (answer === null) {
        expect(result.ok, `${input}: ${result.message}`).toBe(true);
        expect(objectsAfter - objectsBefore, input).toBe(1);
        continue;
      }
      expect(result.ok, input).toBe(false);
      expect(result.message, input).toMatch(answer);
      expect(after, `${input} left rows behind`).toEqual(before);
      expect(objectsAfter, `${input} left an object in the bucket`).toBe(objectsBefore);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "Product images",
      columns: ["upload", "answer", "objects added under media/products/"],
      rows,
      counts: { "uploads tried": rows.length, refused: IMAGE_CASES.filter((item) => item.answer).length },
      note: "addProductImageAction as an admin. The format is read from the bytes (the name and type sent are ignored) and the size from the image's header; a refused upload changes no table and adds no object to the bucket.",
    });
  });
});

const evidence: (string | number)[][] = [];

describe("bad input", () => {
  it("has a target for every action and route", () => {
    const names = [...actions.keys(), ...routes.keys()];
    const covered = new Set([...Object.keys(targets()), ...Object.keys(WITHOUT_TARGET)]);
    expect(
      names.filter((name) => !covered.has(name)),
      "add a target to tests/bad-input.test.ts",
    ).toEqual([]);
    expect(
      [...covered].filter((name) => !names.includes(name)),
      "targets for things that no longer exist",
    ).toEqual([]);
  });

  it("answers every malformed input with a structured error, never a throw or a 500, and writes nothing", async () => {
    for (const [name, target] of Object.entries(targets())) {
      const valid = await target.valid();
      const tried = { calls: 0, refused: 0, accepted: 0, wholeInputs: 0, changes: new Set<string>() };
      // Nothing else writes while this runs, so the counts after one call are those before the next.
      let last = await counts();
      await fc.assert(
        fc.asyncProperty(brokenInput(valid, target.values), async ({ change, input }) => {
          const before = last;
          const answer = await target.send(input);
          last = await counts();
          tried.calls += 1;
          tried.changes.add(change);
          if (change === "(whole input)") tried.wholeInputs += 1;
          const value = change === "(whole input)" ? input : (input as Record<string, unknown>)[change];
          const known = change === "(whole input)" || Object.hasOwn(valid, change); // unknown keys are ignored
          if (known && !target.pure && mustBeRefused(change, value))
            expect(answer.ok, `${name}: ${change}=${describeValue(value)} was accepted`).toBe(false);
          if (answer.ok) {
            tried.accepted += 1;
            if (target.pure)
              expect(last, `${name}: ${change}=${describeValue(value)} wrote rows`).toEqual(before);
            return;
          }
          tried.refused += 1;
          expect(answer.message!.length, `${name}: a short message`).toBeLessThan(600);
          expect(last, `${name}: ${change}=${describeValue(value)} left rows behind`).toEqual(before);
        }),
        { numRuns: NUM_RUNS, endOnFailure: true, examples: sweepExamples(valid) },
      );
      evidence.push([
        name,
        tried.calls,
        tried.refused,
        tried.accepted,
        tried.wholeInputs,
        [...tried.changes].sort().join(", "),
      ]);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "Malformed input per action and route",
      columns: [
        "action or route",
        "inputs tried",
        "structured errors",
        "accepted (still valid)",
        "whole-input replacements",
        "fields broken",
      ],
      rows: evidence,
      counts: {
        targets: evidence.length,
        "inputs tried": evidence.reduce((sum, row) => sum + (row[1] as number), 0),
        "structured errors": evidence.reduce((sum, row) => sum + (row[2] as number), 0),
        "accepted as still valid": evidence.reduce((sum, row) => sum + (row[3] as number), 0),
      },
      note: `fast-check, ${NUM_RUNS} runs per target: wrong types, 1 MB strings, RTL/NUL/emoji/combining text, path traversal, extreme numbers, __proto__/constructor keys, FormData vs object vs null. Counts of every table compared before and after each refused call; a throw or a 500 fails the suite.`,
    });
  }, 300_000);
});

// Every route that reads a JSON body. A body sent as another type (a cross-site form posts
// text/plain or urlencoded without a preflight) is refused before it is read: exactly 415.
const JSON_BODY_ROUTES = [
  "POST /api/v1/licenses/validate",
  "POST /api/v1/licenses/activate",
  "POST /api/v1/licenses/deactivate",
  "POST /api/v1/releases",
  "POST /api/v1/releases/[releaseId]/files",
  "POST /api/v1/files/[fileId]/parts",
  "PUT /api/v1/files/[fileId]/parts/[partNumber]",
  "POST /api/v1/customers/files",
  "POST /api/v1/presign",
];
const WRONG_TYPES = [
  null,
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonp",
];

describe("content types", () => {
  it("refuses a JSON body sent as any other type with 415 and writes nothing; application/json with a charset passes", async () => {
    const rows: (string | number)[][] = [];
    for (const name of JSON_BODY_ROUTES) {
      const surface = routes.get(name)!;
      const valid = await targets()[name].valid();
      const fields = valid as Record<string, unknown>;
      const body = JSON.stringify(fields.body === undefined ? valid : fields.body);
      const sample = name.includes("/licenses/")
        ? fromSomewhere()
        : token(name.includes("customers") ? "files token" : "valid token");
      const url = new URL(
        name
          .split(" ")[1]
          .replace("[releaseId]", draftRelease)
          .replace("[fileId]", openUpload)
          .replace("[partNumber]", "1"),
        "http://localhost",
      );
      const send = async (type: string | null) => {
        const headers = new Headers(sample);
        if (type === null) headers.delete("content-type");
        else headers.set("content-type", type);
        const response = await surface.handler(new Request(url, { method: surface.method, headers, body }), {
          params: Promise.resolve(matchPattern(surface.pattern, url.pathname) ?? {}),
        });
        const text = await response.text();
        return { status: response.status, error: text && (JSON.parse(text) as { error?: string }).error };
      };
      for (const type of WRONG_TYPES) {
        const before = await counts();
        const answer = await send(type);
        rows.push([name, type ?? "(none)", answer.status, answer.error ?? "—"]);
        expect(answer, `${name} as ${type}`).toEqual({ status: 415, error: "unsupported_media_type" });
        expect(await counts(), `${name} as ${type} wrote rows`).toEqual(before);
      }
      const accepted = await send("application/json; charset=utf-8");
      rows.push([name, "application/json; charset=utf-8 (control)", accepted.status, accepted.error ?? "—"]);
      expect(accepted.status, `${name} as JSON`).not.toBe(415);
    }
    recordSecurityEvidence({
      section: "bad-input",
      title: "JSON bodies sent with another Content-Type",
      columns: ["route", "Content-Type", "status", "error"],
      rows,
      counts: { "requests sent": rows.length },
      note: "A valid body each time; only the declared type differs. The control with application/json is answered by the route itself.",
    });
  });
});
