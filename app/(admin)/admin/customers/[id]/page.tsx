import { notFound } from "next/navigation";
import { CustomerDataControls } from "@/components/admin/customer-data-controls";
import { EmailCustomerFile, RemoveCustomerFile } from "@/components/admin/customer-file-controls";
import { EntitlementChange, GrantForm, LicenseChange } from "@/components/admin/entitlement-controls";
import { CustomerFileUploader } from "@/components/admin/customer-file-uploader";
import { checkAdmin } from "@/lib/auth/admin";
import { listCustomerFilesForAdmin } from "@/lib/dal/customer-files";
import { getCustomer, listProductChoices } from "@/lib/dal/customers";
import { Checksum } from "@/components/checksum";
import { formatBytes, formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  if ((await checkAdmin()).status === "error") return null;
  const id = (await params).id;
  const [customer, products, files] = await Promise.all([
    getCustomer(id),
    listProductChoices(),
    listCustomerFilesForAdmin(id),
  ]);
  if (!customer) notFound();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">{customer.email}</h1>
        <p className="text-sm text-zinc-500">
          Customer since {formatDate(customer.createdAt)} · downloads from {customer.distinctAddresses}{" "}
          distinct IP address
          {customer.distinctAddresses === 1 ? "" : "es"}
        </p>
      </header>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Access</h2>
        <ul
          className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm"
          data-testid="entitlements"
        >
          {customer.entitlements.map((entitlement) => (
            <li key={entitlement.id} className="space-y-2 px-5 py-4 text-sm">
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-medium">
                  {entitlement.product.name}
                  {entitlement.tier && ` · ${entitlement.tier.name}`}
                  {entitlement.seats > 1 && ` · ${entitlement.seats} seats`}
                </span>
                <span className={entitlement.status === "active" ? "text-emerald-700" : "text-red-700"}>
                  {entitlement.status}
                </span>
                <span className="text-zinc-500">
                  {entitlement.source}
                  {entitlement.reason ? ` · ${entitlement.reason}` : ""}
                </span>
                <span className="ml-auto text-zinc-500">
                  {entitlement.downloadsSinceReset} downloads since reset
                  {entitlement.product.downloadLimit ? ` of ${entitlement.product.downloadLimit}` : ""} ·{" "}
                  {entitlement.downloadsTotal} total
                </span>
              </div>
              <EntitlementChange
                userId={customer.id}
                entitlementId={entitlement.id}
                status={entitlement.status}
                product={entitlement.product.name}
                customer={customer.email ?? "this customer"}
              />
              {entitlement.license && (
                <div className="space-y-2 rounded-lg bg-zinc-50 px-3 py-2" data-testid="admin-license">
                  <div className="flex flex-wrap items-center gap-3">
                    <code
                      className={`font-mono ${entitlement.license.revokedAt ? "text-zinc-400 line-through" : ""}`}
                    >
                      {entitlement.license.key}
                    </code>
                    <span className="text-zinc-500">
                      {entitlement.license.activations.length}
                      {entitlement.activationLimit !== null ? ` of ${entitlement.activationLimit}` : ""}{" "}
                      machine
                      {entitlement.license.activations.length === 1 && entitlement.activationLimit === null
                        ? ""
                        : "s"}
                    </span>
                    <span className="text-zinc-500">
                      {entitlement.updatesUntil
                        ? `updates until ${formatDate(entitlement.updatesUntil)}`
                        : "updates forever"}
                    </span>
                  </div>
                  {entitlement.license.activations.length > 0 && (
                    <ul className="text-xs text-zinc-500">
                      {entitlement.license.activations.map((activation) => (
                        <li key={activation.fingerprint}>
                          {activation.label ?? "unnamed machine"} ·{" "}
                          <span className="font-mono">{activation.fingerprint.slice(0, 24)}</span> · last seen{" "}
                          {time.format(activation.lastSeenAt)}
                        </li>
                      ))}
                    </ul>
                  )}
                  <LicenseChange
                    userId={customer.id}
                    licenseId={entitlement.license.id}
                    revoked={entitlement.license.revokedAt !== null}
                    product={entitlement.product.name}
                  />
                </div>
              )}
            </li>
          ))}
          <li className="px-5 py-4">
            <GrantForm userId={customer.id} products={products} />
          </li>
        </ul>
      </section>
      <section className="space-y-3">
        <div>
          <h2 className="text-lg font-semibold">Files for this customer</h2>
          <p className="text-sm text-zinc-500">
            A custom build, a licence file, an invoice: only {customer.email} sees these, in their library.
          </p>
        </div>
        <ul
          className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm"
          data-testid="customer-files"
        >
          {files.length === 0 && <li className="px-5 py-3 text-zinc-500">No files yet.</li>}
          {files.map((file) => (
            <li
              key={file.id}
              data-file-id={file.id}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 px-5 py-3"
            >
              <span className="font-medium">{file.title}</span>
              <span
                className={`font-mono ${file.removedAt ? "text-zinc-400 line-through" : "text-zinc-700"}`}
              >
                {file.filename}
              </span>
              <span className="text-zinc-500">{formatBytes(file.sizeBytes)}</span>
              {file.sha256 && <Checksum value={file.sha256} />}
              <span className="ml-auto text-zinc-500">
                {file.status === "pending"
                  ? "upload in progress"
                  : file.removedAt
                    ? `removed ${formatDate(file.removedAt)}`
                    : `added ${formatDate(file.createdAt)} · ${file.notifiedAt ? "customer emailed" : "not emailed"} · ${file.downloads} download${file.downloads === 1 ? "" : "s"}`}
              </span>
              {file.status === "ready" && !file.removedAt && !file.notifiedAt && (
                <EmailCustomerFile userId={customer.id} fileId={file.id} filename={file.filename} />
              )}
              {file.status === "ready" && !file.removedAt && (
                <RemoveCustomerFile
                  userId={customer.id}
                  fileId={file.id}
                  filename={file.filename}
                  customer={customer.email ?? "the customer"}
                />
              )}
              {file.note && <p className="basis-full text-zinc-500">{file.note}</p>}
            </li>
          ))}
        </ul>
        <CustomerFileUploader userId={customer.id} />
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Orders</h2>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
          {customer.orders.length === 0 && <li className="px-5 py-3 text-zinc-500">No orders.</li>}
          {customer.orders.map((order) => (
            <li key={order.id} className="flex flex-wrap gap-4 px-5 py-3">
              <span>{formatDate(order.createdAt)}</span>
              <span>{formatMoney(order.amountTotal, order.currency)}</span>
              {order.amountRefunded > 0 && (
                <span className="text-red-700">
                  refunded {formatMoney(order.amountRefunded, order.currency)}
                </span>
              )}
              <span className="text-zinc-500">{order.status}</span>
              <span className="ml-auto font-mono text-xs text-zinc-500">{order.stripeCheckoutSessionId}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Recent downloads</h2>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
          {customer.recent.map((event) => (
            <li key={event.id} className="flex flex-wrap gap-4 px-5 py-2.5">
              <span className="text-zinc-500">{time.format(event.createdAt)}</span>
              <span className="font-mono">{event.file?.filename ?? event.customerFile?.filename ?? "—"}</span>
              <span className={event.outcome === "issued" ? "text-emerald-700" : "text-red-700"}>
                {event.outcome}
                {event.reason ? ` (${event.reason.split(":")[0]})` : ""}
              </span>
              <span className="ml-auto font-mono text-xs text-zinc-500">{event.ip ?? "—"}</span>
            </li>
          ))}
          {customer.recent.length === 0 && <li className="px-5 py-3 text-zinc-500">No downloads yet.</li>}
        </ul>
      </section>
      <CustomerDataControls userId={customer.id} customer={customer.email ?? "this customer"} />
    </div>
  );
}
