// Access expectations for Admin → Orders: the refund and search actions and the CSV export, for
// every kind of caller (tests/access-control.test.ts runs them with the rest of the matrix).
import { randomUUID } from "node:crypto";
import { newLicenseKey } from "../../lib/licensing/keys";
import type { Case, Expectation } from "./access-cases";
import { actAs, callAction, callRoute, type Observation, type Outcome } from "./access-run";
import type { Caller, SessionCaller, World } from "./access-world";
import { prisma } from "./fixtures";
import { paidOrder, refundsAtStripe } from "./orders";
import type { Callable, RouteSurface } from "./surfaces";

const CALLERS: SessionCaller[] = ["signed-out", "customer", "other customer", "admin"];
const adminOnly = (admin: Outcome = "allowed") =>
  Object.fromEntries(CALLERS.map((caller) => [caller, caller === "admin" ? admin : "denied"]));
const ADMIN_DENY = ["unauthorized", "forbidden"];

function cell<P>(
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

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

// The order as stored and the refunds Stripe was asked for: a refusal changes neither.
const orderAndStripe = async ({ order, paymentIntent }: Awaited<ReturnType<typeof paidOrder>>) => ({
  order: await prisma.order.findUnique({ where: { id: order.id } }),
  atStripe: (await refundsAtStripe(paymentIntent)).length,
});

export function orderExpectations(
  world: World,
  actions: Map<string, Callable>,
  routes: Map<string, RouteSurface>,
): Record<string, Expectation> {
  const action = (name: string) => (input: FormData, caller: Caller) => {
    actAs(world, caller);
    return callAction(actions.get(name)!, input, true, ADMIN_DENY);
  };
  const refund = (amount: string) => (p: Awaited<ReturnType<typeof paidOrder>>, caller: Caller) =>
    action("refundOrderAction")(
      form({ orderId: p.order.id, amount, reason: "requested_by_customer", attempt: randomUUID() }),
      caller,
    );
  return {
    refundOrderAction: {
      kind: "admin action",
      cases: [
        cell("part of a paid order", adminOnly(), () => paidOrder(), refund("1.00"), orderAndStripe),
        cell(
          "more than the order holds",
          adminOnly("refused"),
          () => paidOrder(),
          refund("15.01"),
          orderAndStripe,
        ),
      ],
    },
    searchOrdersAction: {
      kind: "admin action",
      cases: [
        cell(
          "an email",
          adminOnly(),
          async () => null,
          (_, caller) =>
            action("searchOrdersAction")(form({ q: world.customer.email, status: "paid" }), caller),
        ),
        cell(
          "a licence key no order has",
          adminOnly("refused"),
          async () => null,
          (_, caller) => action("searchOrdersAction")(form({ q: newLicenseKey() }), caller),
        ),
      ],
    },
    "GET /admin/orders/export": {
      kind: "session route",
      cases: [
        cell(
          "every order, as CSV",
          adminOnly(),
          async () => null,
          (_, caller) => {
            actAs(world, caller);
            return callRoute(
              routes.get("GET /admin/orders/export")!,
              { path: "/admin/orders/export?status=paid" },
              (status) => status === 401 || status === 403,
            );
          },
        ),
      ],
    },
  };
}
