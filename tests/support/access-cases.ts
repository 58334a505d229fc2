// The expected answer of every server action and route handler to every kind of caller, keyed by
// the names the discovery in ./surfaces finds. Each case prepares fresh records, then calls.
import { customerWithData } from "./customer-data";
import { createUser, logoInUse, prisma, unique } from "./fixtures";
import { createBareProduct } from "./publishing";
import { productWithImages, sampleImage } from "./product-images";
import { unsubscribeUrl } from "../../lib/notifications/unsubscribe";
import { createDiscountCode } from "../../lib/payments/discount-codes";
import { discountForm } from "../../lib/schemas/discounts";
import {
  fresh,
  keyCallers,
  type Caller,
  type KeyCaller,
  type SessionCaller,
  type TokenCaller,
  type WebhookCaller,
  type World,
} from "./access-world";
import {
  actAs,
  callAction,
  callRoute,
  tokenHeaders,
  webhookHeaders,
  type Observation,
  type Outcome,
  type RouteCall,
} from "./access-run";
import { orderExpectations } from "./access-orders";
import { renewalExpectations } from "./access-renewals";
import { signingExpectations } from "./access-signing";
import type { Callable, RouteSurface } from "./surfaces";

export type Step = { call: () => Promise<Observation>; probe?: () => Promise<unknown> };
export type Case = {
  input: string;
  expect: Partial<Record<Caller, Outcome>>;
  run: (caller: Caller) => Promise<Step>;
};
export type Expectation = {
  kind:
    | "admin action"
    | "customer action"
    | "public action"
    | "session route"
    | "download route"
    | "token route"
    | "webhook"
    | "public route"
    | "licence route"
    | "signed link";
  cases: Case[];
  note?: string;
};

export function cell<P>(
  input: string,
  expect: Partial<Record<Caller, Outcome>>,
  prepare: () => Promise<P>,
  call: (prepared: P, caller: Caller) => Promise<Observation>,
  probe?: (prepared: P) => Promise<unknown>,
): Case {
  return {
    input,
    expect,
    run: async (caller) => {
      const prepared = await prepare();
      return { call: () => call(prepared, caller), probe: probe && (() => probe(prepared)) };
    },
  };
}

export const sessions = (allowed: SessionCaller[], otherwise: Outcome = "denied") =>
  Object.fromEntries(
    (["signed-out", "customer", "other customer", "admin"] as const).map((c) => [
      c,
      allowed.includes(c) ? "allowed" : otherwise,
    ]),
  );
const ADMIN_ONLY = sessions(["admin"]);
const EVERYONE = sessions(["signed-out", "customer", "other customer", "admin"]);
// A customer-files token is denied (401, wrong scope) on every publishing route.
const TOKEN_ONLY = {
  "valid token": "allowed",
  "files token": "denied",
  "revoked token": "denied",
  "forged token": "denied",
  "no token": "denied",
} as const;
const tokenRefused = { ...TOKEN_ONLY, "valid token": "refused" } as const;
// The upload routes serve both scopes; each token finds only the uploads its scope started.
const RELEASE_UPLOAD = { ...TOKEN_ONLY, "files token": "refused" } as const;
const CUSTOMER_UPLOAD = { ...TOKEN_ONLY, "valid token": "refused", "files token": "allowed" } as const;

// An active discount code, made the way the admin's form makes one.
export async function freshDiscountCode(world: World) {
  const input = discountForm.parse({ code: unique("FRESH"), kind: "percent", percentOff: "10" });
  const made = await createDiscountCode(input, world.actor);
  if (made.status !== "success") throw new Error(made.message);
  return made.data;
}

export const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

// Admin actions refuse anyone but an admin with unauthorized/forbidden, and audit it.
const ADMIN_DENY = ["unauthorized", "forbidden"];
// The download action answers not_found for a file that is not the caller's, exactly as for an
// unknown one; every such answer is a refused caller and is audited.
const DOWNLOAD_DENY = ["unauthorized", "forbidden", "not_found", "rate_limited"];

export function expectations(
  world: World,
  actions: Map<string, Callable>,
  routes: Map<string, RouteSurface>,
) {
  const admin = (name: string, isForm: boolean) => (input: unknown, caller: Caller) => {
    actAs(world, caller);
    return callAction(actions.get(name)!, input, isForm, ADMIN_DENY);
  };
  const adminCase = <P>(
    name: string,
    isForm: boolean,
    input: string,
    prepare: () => Promise<P>,
    toInput: (p: P) => unknown,
    probe?: (p: P) => Promise<unknown>,
    expect = ADMIN_ONLY,
  ) => cell(input, expect, prepare, (p, caller) => admin(name, isForm)(toInput(p), caller), probe);
  const nothing = async () => null;

  const download = (fileId: string) => async (_: unknown, caller: Caller) => {
    actAs(world, caller);
    return callAction(actions.get("issueDownloadLink")!, fileId, false, DOWNLOAD_DENY);
  };
  // The stable links take a session or, from apps, a licence key in a header or in ?key=.
  const keyed = (caller: Caller, path: string, inQuery = false): RouteCall => {
    const key = (world.keys as Record<string, string | undefined>)[caller];
    const cookie = (world.cookies as Record<string, string | null | undefined>)[caller];
    if (cookie) return { path, headers: { cookie } };
    if (!key) return { path };
    return inQuery
      ? { path: `${path}${path.includes("?") ? "&" : "?"}key=${key}` }
      : { path, headers: { authorization: `Bearer ${key}` } };
  };
  const fileRoute =
    (fileId: string, inQuery = false) =>
    async (_: unknown, caller: Caller) => {
      actAs(world, caller);
      return callRoute(
        routes.get("GET /download/file/[fileId]")!,
        keyed(caller, `/download/file/${fileId}`, inQuery),
        (status) => [401, 403, 404, 429].includes(status),
      );
    };
  const latestRoute = (slug: string) => async (_: unknown, caller: Caller) => {
    actAs(world, caller);
    // 404 here comes before any identity check (no such product, one off sale that the caller
    // does not own, or no release): the same for all.
    return callRoute(
      routes.get("GET /download/[productSlug]/latest")!,
      keyed(caller, `/download/${slug}/latest?platform=Linux`, true),
      (status) => [401, 403, 429].includes(status),
    );
  };
  // Who may: signed-in people, and (on the stable links only) holders of a licence key.
  const keys = (allowed: KeyCaller[], otherwise: Outcome = "denied") =>
    Object.fromEntries(keyCallers.map((c) => [c, allowed.includes(c) ? "allowed" : otherwise]));
  const downloadCases = (
    call: (fileId: string) => (p: unknown, caller: Caller) => Promise<Observation>,
    withKeys = false,
  ) => {
    const may = (people: SessionCaller[], holders: KeyCaller[] = []) => ({
      ...sessions(people),
      ...(withKeys && keys(holders)),
    });
    return [
      cell(
        "a file of a product the customer owns",
        may(["customer"], ["valid key"]),
        nothing,
        call(world.owned.file.id),
      ),
      cell(
        "another customer's file",
        may(["other customer"], ["another product's key"]),
        nothing,
        call(world.theirs.file.id),
      ),
      cell("a file of a draft release", may([]), nothing, call(world.draftFile.id)),
      cell("a file of a yanked release", may([]), nothing, call(world.yankedFile.id)),
      cell("a file whose entitlement was revoked", may([]), nothing, call(world.revoked.file.id)),
      cell("an id that does not exist", may([]), nothing, call("doesnotexist0000")),
      cell(
        "a file the seller made for the customer",
        may(["customer"]),
        nothing,
        call(world.customerFiles.own.id),
      ),
      cell(
        "a file the seller made for another customer",
        may(["other customer"]),
        nothing,
        call(world.customerFiles.theirs.id),
      ),
      cell("a customer file the seller removed", may([]), nothing, call(world.customerFiles.removed.id)),
    ];
  };

  const api =
    (name: string, path: (p: never) => string, body?: (p: never) => unknown) =>
    async (p: unknown, caller: Caller) =>
      callRoute(
        routes.get(name)!,
        {
          path: path(p as never),
          headers: tokenHeaders(world, caller as TokenCaller),
          body: body && JSON.stringify(body(p as never)),
        },
        (status) => status === 401,
      );
  const apiCase = <P>(
    name: string,
    prepare: () => Promise<P>,
    path: (p: P) => string,
    body?: (p: P) => unknown,
    probe?: (p: P) => Promise<unknown>,
    input = "valid input",
    expect: Partial<Record<Caller, Outcome>> = TOKEN_ONLY,
  ) =>
    cell(
      input,
      expect,
      prepare,
      api(name, path as (p: never) => string, body as ((p: never) => unknown) | undefined),
      probe,
    );

  const upload = () => fresh.upload(world.actor);
  type Upload = Awaited<ReturnType<typeof upload>>;
  const fileRow = (p: Upload) =>
    prisma.releaseFile.findUnique({
      where: { id: p.started.fileId },
      include: { upload: { include: { parts: true } } },
    });
  const releaseRow = (id: string) => prisma.release.findUnique({ where: { id } });
  const customerUpload = () => fresh.customerUpload(world.actor);
  const sentCustomerUpload = () => fresh.sentCustomerUpload(world.actor);
  type CustomerUpload = Awaited<ReturnType<typeof customerUpload>>;
  const customerFileRow = (p: CustomerUpload) =>
    prisma.customerFile.findUnique({
      where: { id: p.started.fileId },
      include: { upload: { include: { parts: true } } },
    });

  // Licence and feed routes: the key is the credential; "denied" is a key refused as such.
  const keyRoute =
    (name: string, path: string, body?: (key: string) => unknown) => async (_: unknown, caller: Caller) => {
      const key = world.keys[caller as KeyCaller];
      const headers: Record<string, string> = body
        ? { "content-type": "application/json" }
        : { authorization: `Bearer ${key}` };
      return callRoute(
        routes.get(name)!,
        { path, headers, body: body && JSON.stringify(body(key)) },
        (status, text) => [401, 403].includes(status) || (status === 404 && text.includes("unknown_key")),
      );
    };
  // A refunded purchase's key is answered like a revoked key: truthfully where it asks about
  // itself, refused where it would use the purchase.
  const keyExpect = (revoked: Outcome, another: Outcome) =>
    ({
      "valid key": "allowed",
      "revoked key": revoked,
      "refunded key": revoked,
      "another product's key": another,
      "unknown key": "denied",
    }) as const;
  const machine = () => `machine-${unique("m")}`;
  const feedPath = `/api/v1/feeds/${world.owned.product.slug}/stable/linux`;
  const activationsOf = (key: string) => prisma.licenseActivation.count({ where: { license: { key } } });
  const unsubscribe = (name: string, method: "page" | "one-click") => async (_: unknown, caller: Caller) => {
    const url = new URL(unsubscribeUrl(world.customer.email, world.owned.product.id, "one-click"));
    if (caller === "forged link") url.searchParams.set("email", world.other.email);
    if (method === "one-click")
      return callRoute(
        routes.get(name)!,
        { path: `${url.pathname}${url.search}` },
        (status) => status === 400,
      );
    return callAction(actions.get(name)!, form(Object.fromEntries(url.searchParams)), true, ["forbidden"]);
  };
  const LINK = { "signed link": "allowed", "forged link": "denied" } as const;

  const table: Record<string, Expectation> = {
    // Admin → Orders: refunds, search, CSV export (./access-orders.ts)
    ...orderExpectations(world, actions, routes),
    // ---- admin actions (lib/actions/admin) ----
    grantEntitlementAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "grantEntitlementAction",
          true,
          "the customer and a product",
          fresh.product,
          (p) => form({ userId: world.customer.id, productId: p.product.id, reason: "support case 42" }),
          (p) => prisma.entitlement.findMany({ where: { productId: p.product.id } }),
        ),
      ],
    },
    changeEntitlementAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "changeEntitlementAction",
          true,
          "another customer's entitlement",
          () => fresh.entitlement(world.other.id),
          (e) =>
            form({ entitlementId: e.id, userId: world.other.id, change: "revoke", reason: "chargeback" }),
          (e) => prisma.entitlement.findUnique({ where: { id: e.id } }),
        ),
      ],
    },
    changeLicenseAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "changeLicenseAction",
          true,
          "another customer's licence key",
          () => fresh.license(world.other.id),
          (l) => form({ licenseId: l.id, userId: world.other.id, change: "revoke", reason: "chargeback" }),
          (l) => prisma.license.findUnique({ where: { id: l.id } }),
        ),
      ],
    },
    saveProductAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "saveProductAction",
          true,
          "a new product",
          async () => unique("slug"),
          (slug) => form({ name: "New", slug, price: "10", currency: "usd", downloadLimit: "" }),
          (slug) => prisma.product.findUnique({ where: { slug } }),
        ),
        adminCase(
          "saveProductAction",
          true,
          "an existing product",
          fresh.product,
          (p) =>
            form({
              id: p.product.id,
              name: "Renamed",
              slug: p.product.slug,
              price: "12",
              currency: "usd",
              downloadLimit: "",
            }),
          (p) => prisma.product.findUnique({ where: { id: p.product.id } }),
        ),
      ],
    },
    saveTierAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "saveTierAction",
          true,
          "a new tier sold per seat",
          fresh.product,
          (p) =>
            form({
              productId: p.product.id,
              name: "Team",
              price: "30",
              currency: "usd",
              perSeat: "on",
              minSeats: "2",
              maxSeats: "20",
              active: "on",
            }),
          (p) =>
            prisma.productTier.findMany({ where: { productId: p.product.id }, orderBy: { name: "asc" } }),
        ),
        adminCase(
          "saveTierAction",
          true,
          "another product's tier, named with this product",
          async () => ({ mine: await fresh.product(), theirs: await fresh.product() }),
          ({ mine, theirs }) =>
            form({
              productId: mine.product.id,
              id: theirs.product.tiers[0].id,
              name: "Hijacked",
              price: "1",
              currency: "usd",
            }),
          ({ theirs }) => prisma.productTier.findUnique({ where: { id: theirs.product.tiers[0].id } }),
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },
    createReleaseAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "createReleaseAction",
          true,
          "a new version",
          createBareProduct,
          (p) => form({ productId: p.id, version: "1.0.0", channel: "stable" }),
          (p) => prisma.release.findMany({ where: { productId: p.id } }),
        ),
      ],
    },
    publishReleaseAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "publishReleaseAction",
          true,
          "a draft with a build",
          fresh.draftWithFile,
          (p) => form({ releaseId: p.product.releases[0].id }),
          (p) => releaseRow(p.product.releases[0].id),
        ),
      ],
    },
    yankReleaseAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "yankReleaseAction",
          true,
          "a published release",
          fresh.product,
          (p) => form({ releaseId: p.product.releases[0].id, reason: "broken build" }),
          (p) => releaseRow(p.product.releases[0].id),
        ),
      ],
    },
    createShareLinkAction: {
      kind: "admin action",
      cases: [
        adminCase("createShareLinkAction", true, "a published file", nothing, () =>
          form({ fileId: world.owned.file.id, expiresInSeconds: "600", note: "for QA" }),
        ),
        adminCase(
          "createShareLinkAction",
          true,
          "a file of a yanked release",
          nothing,
          () => form({ fileId: world.yankedFile.id, expiresInSeconds: "600" }),
          undefined,
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },
    createTokenAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "createTokenAction",
          true,
          "a token name",
          async () => unique("deploy"),
          (name) => form({ name }),
          (name) => prisma.apiToken.findMany({ where: { name } }),
        ),
      ],
    },
    createDiscountAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "createDiscountAction",
          true,
          "a new code limited to one tier",
          async () => ({
            code: unique("CASE").toUpperCase(),
            tier: (await fresh.product()).product.tiers[0],
          }),
          ({ code, tier }) => form({ code, kind: "percent", percentOff: "15", tierIds: tier.id }),
          ({ code }) => prisma.discountCode.findUnique({ where: { code } }),
        ),
      ],
    },
    deactivateDiscountAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "deactivateDiscountAction",
          true,
          "an active code",
          () => freshDiscountCode(world),
          (code) => form({ id: code.id }),
          (code) => prisma.discountCode.findUnique({ where: { id: code.id } }),
        ),
      ],
    },
    revokeTokenAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "revokeTokenAction",
          true,
          "a live token",
          () => fresh.token(world.actor),
          (t) => form({ id: t.id }),
          (t) => prisma.apiToken.findUnique({ where: { id: t.id } }),
        ),
      ],
    },
    startUploadAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "startUploadAction",
          false,
          "a draft release",
          fresh.draftRelease,
          (p) => ({ releaseId: p.release.id, platform: "Linux", filename: "tool.zip", sizeBytes: 1000 }),
          (p) => prisma.releaseFile.findMany({ where: { releaseId: p.release.id } }),
        ),
      ],
    },
    presignPartsAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "presignPartsAction",
          false,
          "an open upload",
          upload,
          (p) => ({ fileId: p.started.fileId, partNumbers: [1] }),
          fileRow,
        ),
      ],
    },
    recordPartAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "recordPartAction",
          false,
          "an open upload",
          upload,
          (p) => ({ fileId: p.started.fileId, partNumber: 1, etag: '"abc"', size: 1000 }),
          fileRow,
        ),
      ],
    },
    completeUploadAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "completeUploadAction",
          false,
          "an upload with every part sent",
          () => fresh.sentUpload(world.actor),
          (p) => ({ fileId: p.started.fileId }),
          fileRow,
        ),
        adminCase(
          "completeUploadAction",
          false,
          "a customer file's upload with every part sent",
          sentCustomerUpload,
          (p) => ({ fileId: p.started.fileId }),
          customerFileRow,
        ),
      ],
    },
    abortUploadAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "abortUploadAction",
          false,
          "an open upload",
          upload,
          (p) => ({ fileId: p.started.fileId }),
          fileRow,
        ),
        adminCase(
          "abortUploadAction",
          false,
          "an open upload of a customer's file",
          customerUpload,
          (p) => ({ fileId: p.started.fileId }),
          customerFileRow,
        ),
      ],
    },
    startCustomerFileUploadAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "startCustomerFileUploadAction",
          false,
          "a customer and a file for them",
          createUser,
          (u) => ({ userId: u.id, title: "Invoice 2026-11", filename: "invoice.pdf", sizeBytes: 1000 }),
          (u) => prisma.customerFile.findMany({ where: { userId: u.id } }),
        ),
      ],
    },
    removeCustomerFileAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "removeCustomerFileAction",
          true,
          "another customer's file",
          () => fresh.customerFile(world.other.id),
          (f) => form({ userId: world.other.id, fileId: f.id }),
          (f) => prisma.customerFile.findUnique({ where: { id: f.id } }),
        ),
        adminCase(
          "removeCustomerFileAction",
          true,
          "a file named with the wrong customer",
          () => fresh.customerFile(world.other.id),
          (f) => form({ userId: world.customer.id, fileId: f.id }),
          (f) => prisma.customerFile.findUnique({ where: { id: f.id } }),
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },
    eraseCustomerAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "eraseCustomerAction",
          true,
          "a customer with sessions, machines and orders",
          customerWithData,
          (c) => form({ userId: c.user.id, reason: "erasure request" }),
          (c) => prisma.user.findUnique({ where: { id: c.user.id }, include: { sessions: true } }),
        ),
        adminCase(
          "eraseCustomerAction",
          true,
          "an id that does not exist",
          nothing,
          () => form({ userId: "doesnotexist0000", reason: "erasure request" }),
          undefined,
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },
    createWebhookEndpointAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "createWebhookEndpointAction",
          true,
          "a receiver on this machine (allowed outside production)",
          async () => unique("hooks"),
          (path) => form({ url: `http://127.0.0.1:9/${path}`, events: "release.published" }),
          (path) => prisma.webhookEndpoint.findMany({ where: { url: { endsWith: path } } }),
        ),
        adminCase(
          "createWebhookEndpointAction",
          true,
          "the cloud metadata address",
          nothing,
          () => form({ url: "https://169.254.169.254/latest", events: "order.paid" }),
          () => prisma.webhookEndpoint.count(),
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },
    rotateWebhookSecretAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "rotateWebhookSecretAction",
          true,
          "an endpoint",
          fresh.webhookEndpoint,
          (e) => form({ id: e.id }),
          (e) => prisma.webhookEndpoint.findUnique({ where: { id: e.id } }),
        ),
      ],
    },
    setWebhookEndpointActiveAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "setWebhookEndpointActiveAction",
          true,
          "a paused endpoint, kept paused",
          fresh.webhookEndpoint,
          (e) => form({ id: e.id, active: "false" }),
          (e) => prisma.webhookEndpoint.findUnique({ where: { id: e.id } }),
        ),
      ],
    },
    redeliverWebhookAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "redeliverWebhookAction",
          true,
          "a failed delivery",
          fresh.failedDelivery,
          (d) => form({ id: d.id }),
          (d) => prisma.webhookDelivery.findUnique({ where: { id: d.id } }),
        ),
      ],
    },
    "GET /account/data": {
      kind: "session route",
      note: "takes no input: the session names whose data it is (contents checked in tests/data-rights.test.ts)",
      cases: [
        cell(
          "a query naming another customer",
          sessions(["customer", "other customer", "admin"]),
          nothing,
          async (_, caller) => {
            actAs(world, caller);
            return callRoute(
              routes.get("GET /account/data")!,
              { path: `/account/data?userId=${world.other.id}` },
              (status) => status === 401,
            );
          },
        ),
      ],
    },
    "GET /admin/customers/[id]/data": {
      kind: "session route",
      cases: [
        ["another customer's data", world.other.id, ADMIN_ONLY],
        ["an id that does not exist", "doesnotexist0000", { ...ADMIN_ONLY, admin: "refused" }],
      ].map(([input, id, expect]) =>
        cell(input as string, expect as Record<string, Outcome>, nothing, async (_, caller) => {
          actAs(world, caller);
          return callRoute(
            routes.get("GET /admin/customers/[id]/data")!,
            { path: `/admin/customers/${id as string}/data` },
            (status) => [401, 403].includes(status),
          );
        }),
      ),
    },
    emailCustomerFileAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "emailCustomerFileAction",
          true,
          "a file whose email did not go out",
          () => fresh.customerFile(world.other.id),
          (f) => form({ userId: world.other.id, fileId: f.id }),
          (f) => prisma.customerFile.findUnique({ where: { id: f.id } }),
        ),
        adminCase(
          "emailCustomerFileAction",
          true,
          "a file named with the wrong customer",
          () => fresh.customerFile(world.other.id),
          (f) => form({ userId: world.customer.id, fileId: f.id }),
          (f) => prisma.customerFile.findUnique({ where: { id: f.id } }),
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },

    saveStoreSettingsAction: {
      kind: "admin action",
      cases: [
        // The settings as they are, sent back: an allowed save changes nothing later cells see.
        adminCase(
          "saveStoreSettingsAction",
          true,
          "the store's current settings",
          () => prisma.storeSettings.findUnique({ where: { id: 1 } }),
          (row) =>
            form({
              name: row?.name ?? "Downlink",
              accentColor: row?.accentColor ?? "#4f46e5",
              supportEmail: row?.supportEmail ?? "",
              termsUrl: row?.termsUrl ?? "",
              privacyUrl: row?.privacyUrl ?? "",
              refundUrl: row?.refundUrl ?? "",
            }),
          () => prisma.storeSettings.findUnique({ where: { id: 1 } }),
        ),
      ],
    },

    // A product with a cover and two screenshots, made for each call; a refused call leaves them.
    addProductImageAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "addProductImageAction",
          true,
          "a screenshot with alt text",
          createBareProduct,
          (p) => {
            const data = form({ productId: p.id, role: "screenshot", alt: "The editor" });
            data.set("image", sampleImage("64x40.png"));
            return data;
          },
          (p) => prisma.productImage.findMany({ where: { productId: p.id } }),
        ),
        adminCase(
          "addProductImageAction",
          true,
          "a product that does not exist",
          nothing,
          () => {
            const data = form({ productId: "doesnotexist0000", role: "cover" });
            data.set("image", sampleImage("64x40.png"));
            return data;
          },
          undefined,
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },
    saveProductImageAltAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "saveProductImageAltAction",
          true,
          "a screenshot's new alt text",
          productWithImages,
          (p) => form({ imageId: p.screenshots[0].id, alt: "New words" }),
          (p) => prisma.productImage.findUnique({ where: { id: p.screenshots[0].id } }),
        ),
      ],
    },
    moveProductImageAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "moveProductImageAction",
          true,
          "the first screenshot, later",
          productWithImages,
          (p) => form({ imageId: p.screenshots[0].id, direction: "later" }),
          (p) => prisma.productImage.findMany({ where: { productId: p.product.id }, orderBy: { id: "asc" } }),
        ),
      ],
    },
    removeProductImageAction: {
      kind: "admin action",
      cases: [
        adminCase(
          "removeProductImageAction",
          true,
          "a screenshot",
          productWithImages,
          (p) => form({ imageId: p.screenshots[1].id }),
          (p) => prisma.productImage.findMany({ where: { productId: p.product.id }, orderBy: { id: "asc" } }),
        ),
        adminCase(
          "removeProductImageAction",
          true,
          "an image that does not exist",
          nothing,
          () => form({ imageId: "doesnotexist0000" }),
          undefined,
          { ...ADMIN_ONLY, admin: "refused" },
        ),
      ],
    },

    // ---- customer and storefront actions ----
    issueDownloadLink: { kind: "customer action", cases: downloadCases(download) },
    startCheckout: {
      kind: "public action",
      note: "open to guests: the purchase email ties the order to an account",
      cases: [
        cell("a product for sale", EVERYONE, nothing, async (_, caller) => {
          actAs(world, caller);
          return callAction(
            actions.get("startCheckout")!,
            form({ productId: world.owned.product.id }),
            true,
            [],
          );
        }),
        cell(
          "a product no longer for sale",
          sessions([], "refused"),
          async () =>
            (
              await prisma.product.update({
                where: { id: (await createBareProduct()).id },
                data: { active: false },
              })
            ).id,
          async (id, caller) => {
            actAs(world, caller);
            return callAction(actions.get("startCheckout")!, form({ productId: id }), true, []);
          },
        ),
      ],
    },

    // ---- route handlers ----
    "GET /api/health": {
      kind: "public route",
      cases: [
        cell("none", EVERYONE, nothing, () =>
          callRoute(routes.get("GET /api/health")!, { path: "/api/health" }, () => true),
        ),
      ],
    },
    "GET /media/[owner]/[file]": {
      kind: "public route",
      note: "public images: the store's logo and products' covers and screenshots for everyone, nothing else under any prefix",
      cases: [
        cell("the store's logo", EVERYONE, logoInUse, (key) =>
          callRoute(routes.get("GET /media/[owner]/[file]")!, { path: `/${key}` }, () => false),
        ),
        cell("a product's screenshot", EVERYONE, productWithImages, (p) =>
          callRoute(
            routes.get("GET /media/[owner]/[file]")!,
            { path: `/${p.screenshots[0].objectKey}` },
            () => false,
          ),
        ),
        cell(
          "a removed screenshot's key",
          sessions([], "refused"),
          async () => {
            const { screenshots } = await productWithImages();
            await prisma.productImage.delete({ where: { id: screenshots[0].id } });
            return screenshots[0].objectKey;
          },
          (key) => callRoute(routes.get("GET /media/[owner]/[file]")!, { path: `/${key}` }, () => false),
        ),
        cell("a build's object key", sessions([], "refused"), nothing, () =>
          callRoute(
            routes.get("GET /media/[owner]/[file]")!,
            { path: `/media/${world.owned.file.objectKey.split("/").slice(1, 3).join("/")}` },
            () => false,
          ),
        ),
      ],
    },
    "GET /api/auth/[...nextauth]": {
      kind: "public route",
      note: "next-auth's own endpoints; needs a Next.js request, so e2e/action-replay.spec.ts checks it over HTTP",
      cases: [],
    },
    "POST /api/auth/[...nextauth]": {
      kind: "public route",
      note: "next-auth's own endpoints (CSRF-checked); e2e/action-replay.spec.ts checks it over HTTP",
      cases: [],
    },
    "GET /api/auth/sign-in-form": {
      kind: "public route",
      note: "sets next-auth's CSRF cookie and redirects to /signin only; needs a Next.js request, so e2e/sign-in-security.spec.ts walks it in a browser",
      cases: [],
    },
    "POST /api/webhooks/stripe": {
      kind: "webhook",
      cases: [
        cell(
          "an event of a type the store ignores",
          { signed: "allowed", "forged signature": "denied", "no signature": "denied" },
          nothing,
          async (_, caller) => {
            const payload = JSON.stringify({
              id: `evt_${unique("x")}`,
              object: "event",
              type: "customer.created",
              created: Math.floor(Date.now() / 1000),
              data: { object: { id: "cus_1" } },
            });
            const deny = (status: number, body: string) => status === 400 && /signature/i.test(body);
            return callRoute(
              routes.get("POST /api/webhooks/stripe")!,
              {
                path: "/api/webhooks/stripe",
                headers: webhookHeaders(caller as WebhookCaller, payload),
                body: payload,
              },
              deny,
            );
          },
        ),
      ],
    },
    "GET /download/file/[fileId]": {
      kind: "download route",
      cases: [
        ...downloadCases((fileId) => fileRoute(fileId), true),
        cell(
          "a file of a product the customer owns, the key in ?key=",
          { ...sessions(["customer"]), ...keys(["valid key"]) },
          nothing,
          fileRoute(world.owned.file.id, true),
        ),
      ],
    },
    "GET /download/[productSlug]/latest": {
      kind: "download route",
      cases: [
        cell(
          "a product the customer owns",
          { ...sessions(["customer"]), ...keys(["valid key"]) },
          nothing,
          latestRoute(world.owned.product.slug),
        ),
        cell(
          "another customer's product",
          { ...sessions(["other customer"]), ...keys(["another product's key"]) },
          nothing,
          latestRoute(world.theirs.product.slug),
        ),
        cell(
          "a product whose entitlement was revoked",
          { ...sessions([]), ...keys([]) },
          nothing,
          latestRoute(world.revoked.product.slug),
        ),
        cell(
          "a product with only a draft release",
          { ...sessions([], "refused"), ...keys([], "refused") },
          nothing,
          latestRoute(world.unreleased.product.slug),
        ),
        cell(
          "a product off sale that the customer bought",
          { ...sessions(["customer"], "refused"), ...keys([], "refused") },
          nothing,
          latestRoute(world.hidden.product.slug),
        ),
        cell(
          "a product that does not exist",
          { ...sessions([], "refused"), ...keys([], "refused") },
          nothing,
          latestRoute("no-such-product"),
        ),
      ],
    },
    "POST /api/v1/licenses/validate": {
      kind: "licence route",
      note: "a revoked key or a key for another product is answered truthfully (valid: false / its own product); an unknown key is refused",
      cases: [
        cell(
          "the key",
          keyExpect("allowed", "allowed"),
          nothing,
          keyRoute("POST /api/v1/licenses/validate", "/api/v1/licenses/validate", (key) => ({
            key,
            product: world.owned.product.slug,
          })),
        ),
      ],
    },
    "POST /api/v1/licenses/activate": {
      kind: "licence route",
      cases: [
        cell(
          "the key and a new machine",
          keyExpect("denied", "denied"),
          nothing,
          keyRoute("POST /api/v1/licenses/activate", "/api/v1/licenses/activate", (key) => ({
            key,
            fingerprint: machine(),
            product: world.owned.product.slug,
          })),
          () => activationsOf(world.keys["revoked key"]),
        ),
      ],
    },
    "POST /api/v1/licenses/deactivate": {
      kind: "licence route",
      note: "freeing a machine is allowed even on a revoked key",
      cases: [
        cell(
          "the key and one of its machines",
          keyExpect("allowed", "allowed"),
          nothing,
          async (_, caller) => {
            const key = world.keys[caller as KeyCaller];
            const license = await prisma.license.findUnique({ where: { key } });
            const fingerprint = machine();
            if (license)
              await prisma.licenseActivation.create({ data: { licenseId: license.id, fingerprint } });
            return keyRoute("POST /api/v1/licenses/deactivate", "/api/v1/licenses/deactivate", (k) => ({
              key: k,
              fingerprint,
            }))(_, caller);
          },
        ),
      ],
    },
    "GET /api/v1/feeds/[productSlug]/[channel]/[platform]": {
      kind: "licence route",
      cases: [
        cell(
          "the owned product's stable Linux feed",
          keyExpect("denied", "denied"),
          nothing,
          keyRoute("GET /api/v1/feeds/[productSlug]/[channel]/[platform]", feedPath),
        ),
      ],
    },
    "GET /api/v1/feeds/[productSlug]/[channel]/[platform]/[file]": {
      kind: "licence route",
      cases: [
        cell(
          "its Sparkle appcast",
          keyExpect("denied", "denied"),
          nothing,
          keyRoute("GET /api/v1/feeds/[productSlug]/[channel]/[platform]/[file]", `${feedPath}/appcast.xml`),
        ),
      ],
    },
    "GET /api/ready": {
      kind: "public route",
      cases: [
        cell("none", EVERYONE, nothing, () =>
          callRoute(routes.get("GET /api/ready")!, { path: "/api/ready" }, () => false),
        ),
      ],
    },
    "POST /api/unsubscribe": {
      kind: "signed link",
      cases: [cell("a release-email link", LINK, nothing, unsubscribe("POST /api/unsubscribe", "one-click"))],
    },
    "GET /api/unsubscribe": {
      kind: "signed link",
      note: "only redirects to the confirmation page, which checks the link",
      cases: [
        cell(
          "a release-email link",
          { "signed link": "allowed", "forged link": "allowed" },
          nothing,
          unsubscribe("GET /api/unsubscribe", "one-click"),
        ),
      ],
    },
    unsubscribeAction: {
      kind: "signed link",
      cases: [cell("a release-email link", LINK, nothing, unsubscribe("unsubscribeAction", "page"))],
    },
    "POST /api/v1/releases": {
      kind: "token route",
      cases: [
        apiCase(
          "POST /api/v1/releases",
          createBareProduct,
          () => "/api/v1/releases",
          (p) => ({ product: p.slug, version: "1.0.0" }),
          (p) => prisma.release.findMany({ where: { productId: p.id } }),
        ),
      ],
    },
    "GET /api/v1/products/[slug]/releases/[version]": {
      kind: "token route",
      cases: [
        apiCase(
          "GET /api/v1/products/[slug]/releases/[version]",
          nothing,
          () => `/api/v1/products/${world.owned.product.slug}/releases/1.0.0`,
        ),
      ],
    },
    "POST /api/v1/releases/[releaseId]/files": {
      kind: "token route",
      cases: [
        apiCase(
          "POST /api/v1/releases/[releaseId]/files",
          fresh.draftRelease,
          (p) => `/api/v1/releases/${p.release.id}/files`,
          () => ({ platform: "Linux", filename: "tool.zip", sizeBytes: 1000 }),
          (p) => prisma.releaseFile.findMany({ where: { releaseId: p.release.id } }),
        ),
      ],
    },
    "POST /api/v1/releases/[releaseId]/publish": {
      kind: "token route",
      cases: [
        apiCase(
          "POST /api/v1/releases/[releaseId]/publish",
          fresh.draftWithFile,
          (p) => `/api/v1/releases/${p.product.releases[0].id}/publish`,
          undefined,
          (p) => releaseRow(p.product.releases[0].id),
        ),
      ],
    },
    "POST /api/v1/files/[fileId]/parts": {
      kind: "token route",
      note: "each token finds only the uploads of its own scope: to the other, an upload does not exist",
      cases: [
        apiCase(
          "POST /api/v1/files/[fileId]/parts",
          upload,
          (p) => `/api/v1/files/${p.started.fileId}/parts`,
          () => ({ partNumbers: [1] }),
          fileRow,
          "a build's open upload",
          RELEASE_UPLOAD,
        ),
        apiCase(
          "POST /api/v1/files/[fileId]/parts",
          customerUpload,
          (p) => `/api/v1/files/${p.started.fileId}/parts`,
          () => ({ partNumbers: [1] }),
          customerFileRow,
          "a customer file's open upload",
          CUSTOMER_UPLOAD,
        ),
      ],
    },
    "PUT /api/v1/files/[fileId]/parts/[partNumber]": {
      kind: "token route",
      cases: [
        apiCase(
          "PUT /api/v1/files/[fileId]/parts/[partNumber]",
          upload,
          (p) => `/api/v1/files/${p.started.fileId}/parts/1`,
          () => ({ etag: '"abc"', size: 1000 }),
          fileRow,
          "a build's open upload",
          RELEASE_UPLOAD,
        ),
        apiCase(
          "PUT /api/v1/files/[fileId]/parts/[partNumber]",
          customerUpload,
          (p) => `/api/v1/files/${p.started.fileId}/parts/1`,
          () => ({ etag: '"abc"', size: 1000 }),
          customerFileRow,
          "a customer file's open upload",
          CUSTOMER_UPLOAD,
        ),
      ],
    },
    "POST /api/v1/files/[fileId]/complete": {
      kind: "token route",
      cases: [
        apiCase(
          "POST /api/v1/files/[fileId]/complete",
          () => fresh.sentUpload(world.actor),
          (p) => `/api/v1/files/${p.started.fileId}/complete`,
          undefined,
          fileRow,
          "a build's upload with every part sent",
          RELEASE_UPLOAD,
        ),
        apiCase(
          "POST /api/v1/files/[fileId]/complete",
          sentCustomerUpload,
          (p) => `/api/v1/files/${p.started.fileId}/complete`,
          undefined,
          customerFileRow,
          "a customer file's upload with every part sent",
          CUSTOMER_UPLOAD,
        ),
      ],
    },
    "POST /api/v1/customers/files": {
      kind: "token route",
      note: "only a customer-files token; the customer is named by email",
      cases: [
        apiCase(
          "POST /api/v1/customers/files",
          createUser,
          () => "/api/v1/customers/files",
          (u) => ({ email: u.email, title: "Invoice 2026-11", filename: "invoice.pdf", sizeBytes: 1000 }),
          (u) => prisma.customerFile.findMany({ where: { userId: u.id } }),
          "a customer and a file for them",
          { ...TOKEN_ONLY, "valid token": "denied", "files token": "allowed" },
        ),
        apiCase(
          "POST /api/v1/customers/files",
          nothing,
          () => "/api/v1/customers/files",
          () => ({
            email: "nobody-bought-anything@example.com",
            title: "Invoice",
            filename: "invoice.pdf",
            sizeBytes: 1000,
          }),
          () => prisma.user.findMany({ where: { email: "nobody-bought-anything@example.com" } }),
          "an address nobody signed in or bought with",
          { ...TOKEN_ONLY, "valid token": "denied", "files token": "refused" },
        ),
      ],
    },
    "POST /api/v1/presign": {
      kind: "token route",
      cases: [
        apiCase(
          "POST /api/v1/presign",
          nothing,
          () => "/api/v1/presign",
          () => ({
            product: world.owned.product.slug,
            version: "1.0.0",
            filename: world.owned.file.filename,
            expiresIn: 600,
          }),
        ),
        apiCase(
          "POST /api/v1/presign",
          nothing,
          () => "/api/v1/presign",
          () => ({
            product: world.owned.product.slug,
            version: "0.9.0",
            filename: world.yankedFile.filename,
          }),
          undefined,
          "a file of a yanked release",
          tokenRefused,
        ),
        apiCase(
          "POST /api/v1/presign",
          nothing,
          () => "/api/v1/presign",
          () => ({ product: world.unreleased.product.slug, version: "1.0.0", filename: "nope.zip" }),
          undefined,
          "a file that does not exist",
          tokenRefused,
        ),
      ],
    },
    ...signingExpectations({ world, routes, cell, sessions, keys, keyed }),
  };
  return { ...table, ...renewalExpectations(world, actions) };
}
