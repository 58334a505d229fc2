// Access expectations for signed feeds, offline licences and their keys: the versioned download
// link electron-updater's feeds give (and blockmaps beside it), the library's licence file, and
// the public licence keys. Merged into the one table in ./access-cases.
import { newLicenseKey } from "../../lib/licensing/keys";
import { prisma } from "./fixtures";
import { actAs, callRoute, type Observation, type Outcome, type RouteCall } from "./access-run";
import type { Case, Expectation } from "./access-cases";
import type { Caller, KeyCaller, SessionCaller, World } from "./access-world";
import type { RouteSurface } from "./surfaces";

type Helpers = {
  world: World;
  routes: Map<string, RouteSurface>;
  cell: <P>(
    input: string,
    expect: Partial<Record<Caller, Outcome>>,
    prepare: () => Promise<P>,
    call: (prepared: P, caller: Caller) => Promise<Observation>,
  ) => Case;
  sessions: (allowed: SessionCaller[], otherwise?: Outcome) => Record<string, Outcome>;
  keys: (allowed: KeyCaller[], otherwise?: Outcome) => Record<string, Outcome>;
  keyed: (caller: Caller, path: string, inQuery?: boolean) => RouteCall;
};

const VERSIONED = "GET /download/[productSlug]/[version]/[platform]/[filename]";
const LICENSE_FILE = "GET /download/license/[licenseId]";
const EVERYONE: SessionCaller[] = ["signed-out", "customer", "other customer", "admin"];

// The licence of a customer's purchase, made on first use (the world's grants carry none).
async function licenseOf(userId: string, productId: string) {
  const entitlement = await prisma.entitlement.findFirstOrThrow({ where: { userId, productId } });
  const license = await prisma.license.findUnique({ where: { entitlementId: entitlement.id } });
  return license ?? prisma.license.create({ data: { entitlementId: entitlement.id, key: newLicenseKey() } });
}

export function signingExpectations({
  world,
  routes,
  cell,
  sessions,
  keys,
  keyed,
}: Helpers): Record<string, Expectation> {
  const named = (product: { slug: string }, filename: string) => async (_: unknown, caller: Caller) => {
    actAs(world, caller);
    const path = `/download/${product.slug}/1.0.0/linux_universal/${encodeURIComponent(filename)}`;
    return callRoute(routes.get(VERSIONED)!, keyed(caller, path), (status) =>
      [401, 403, 404, 429].includes(status),
    );
  };
  const licenseFile = (license: { id: string }, caller: Caller) => {
    actAs(world, caller);
    return callRoute(routes.get(LICENSE_FILE)!, { path: `/download/license/${license.id}` }, (status) =>
      [401, 404].includes(status),
    );
  };
  const may = (people: SessionCaller[], holders: KeyCaller[] = []) => ({
    ...sessions(people),
    ...keys(holders),
  });
  return {
    [VERSIONED]: {
      kind: "download route",
      cases: [
        cell(
          "a build of a product the customer owns",
          may(["customer"], ["valid key"]),
          async () => null,
          named(world.owned.product, world.owned.file.filename),
        ),
        cell(
          "another customer's build",
          may(["other customer"], ["another product's key"]),
          async () => null,
          named(world.theirs.product, world.theirs.file.filename),
        ),
        cell(
          "a build whose entitlement was revoked",
          may([]),
          async () => null,
          named(world.revoked.product, world.revoked.file.filename),
        ),
        cell(
          "a file name that is not in the release",
          may([]),
          async () => null,
          named(world.owned.product, "nothing.zip.blockmap"),
        ),
      ],
    },
    [LICENSE_FILE]: {
      kind: "session route",
      note: "a licence no longer active is explained to its owner (403, nothing signed) and unknown to everyone else",
      cases: [
        cell(
          "the customer's licence",
          sessions(["customer"]),
          () => licenseOf(world.customer.id, world.owned.product.id),
          licenseFile,
        ),
        cell(
          "another customer's licence",
          sessions(["other customer"]),
          () => licenseOf(world.other.id, world.theirs.product.id),
          licenseFile,
        ),
        cell(
          "the customer's licence of a revoked purchase",
          { ...sessions([]), customer: "refused" },
          () => licenseOf(world.customer.id, world.revoked.product.id),
          licenseFile,
        ),
      ],
    },
    "GET /api/v1/licenses/keys": {
      kind: "public route",
      note: "public keys only, the same for every caller",
      cases: [
        cell(
          "none",
          sessions(EVERYONE),
          async () => null,
          () =>
            callRoute(
              routes.get("GET /api/v1/licenses/keys")!,
              { path: "/api/v1/licenses/keys" },
              () => false,
            ),
        ),
      ],
    },
  };
}
