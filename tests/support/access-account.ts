// The customer portal's actions (/account) in the access matrix: a buyer changes only their own
// keys' machines and their own products' email preferences. Anyone else, and an id that does not
// exist, is refused with the same answer and an audited denial.
import { fresh, type Caller, type World } from "./access-world";
import { actAs, callAction } from "./access-run";
import { cell, form, sessions, type Expectation } from "./access-cases";
import { prisma, unique } from "./fixtures";
import type { Callable } from "./surfaces";

const DENY = ["unauthorized", "not_found"];

export function accountExpectations(
  world: World,
  actions: Map<string, Callable>,
): Record<string, Expectation> {
  const call = (name: string) => (fields: Record<string, string>, caller: Caller) => {
    actAs(world, caller);
    return callAction(actions.get(name)!, form(fields), true, DENY);
  };
  // A licence key of `userId`'s with one machine on it.
  const machineOf = async (userId: string) => {
    const license = await fresh.license(userId);
    return prisma.licenseActivation.create({
      data: { licenseId: license.id, fingerprint: unique("machine") },
    });
  };
  const machineRow = (machine: { id: string } | null) =>
    prisma.licenseActivation.findUnique({ where: { id: machine?.id ?? "none" } });
  const optOuts = (entitlement: { productId: string }) =>
    prisma.emailOptOut.findMany({ where: { productId: entitlement.productId } });
  const deactivate = call("deactivateMachineAction");
  const setPreference = call("setEmailPreferenceAction");
  const preference = (entitlement: { productId: string }) => ({
    productId: entitlement.productId,
    topic: "renewal_reminder",
    emails: "off",
  });

  return {
    deactivateMachineAction: {
      kind: "customer action",
      note: "another customer's machine is answered like an unknown id (not_found)",
      cases: [
        cell(
          "a machine of the customer's key",
          sessions(["customer"]),
          () => machineOf(world.customer.id),
          (machine, caller) => deactivate({ activationId: machine.id }, caller),
          machineRow,
        ),
        cell(
          "a machine of another customer's key",
          sessions(["other customer"]),
          () => machineOf(world.other.id),
          (machine, caller) => deactivate({ activationId: machine.id }, caller),
          machineRow,
        ),
        cell(
          "an id that does not exist",
          sessions([]),
          async () => null,
          (_, caller) => deactivate({ activationId: "doesnotexist000" }, caller),
        ),
      ],
    },
    setEmailPreferenceAction: {
      kind: "customer action",
      cases: [
        cell(
          "reminders off for a product the customer owns",
          sessions(["customer"]),
          () => fresh.entitlement(world.customer.id),
          (entitlement, caller) => setPreference(preference(entitlement), caller),
          optOuts,
        ),
        cell(
          "reminders off for another customer's product",
          sessions(["other customer"]),
          () => fresh.entitlement(world.other.id),
          (entitlement, caller) => setPreference(preference(entitlement), caller),
          optOuts,
        ),
      ],
    },
  };
}
