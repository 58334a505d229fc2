import type { Metadata } from "next";
import { CreateTokenForm, RevokeTokenButton } from "@/components/admin/token-forms";
import { checkAdmin } from "@/lib/auth/admin";
import { formatDate } from "@/lib/format";
import { listApiTokens } from "@/lib/publishing/tokens";

export const metadata: Metadata = { title: "Admin · API tokens" };

export default async function TokensPage() {
  if ((await checkAdmin()).status === "error") return null;
  const tokens = await listApiTokens();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="text-sm text-zinc-600">
          Tokens let a CI pipeline use the API or <code className="font-mono">npm run downlink</code>. A
          publishing token can create releases, upload builds, publish and sign share links; a customer-files
          token can only attach files to customers (a generated licence file, an invoice). Nothing else. Only
          a hash is stored.
        </p>
      </header>
      <CreateTokenForm />
      <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
        {tokens.length === 0 && <li className="px-5 py-3 text-zinc-500">No tokens yet.</li>}
        {tokens.map((token) => (
          <li key={token.id} className="flex flex-wrap items-center gap-4 px-5 py-3">
            <span className="min-w-0 break-all font-medium">{token.name}</span>
            <span className="font-mono text-xs text-zinc-500">{token.prefix}…</span>
            <span className="rounded bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700">
              {token.scope === "customer-files" ? "customer files" : "publish"}
            </span>
            <span className="text-zinc-500">created {formatDate(token.createdAt)}</span>
            <span className="text-zinc-500">
              {token.lastUsedAt ? `last used ${formatDate(token.lastUsedAt)}` : "never used"}
            </span>
            <span className="ml-auto">
              {token.revokedAt ? (
                <span className="text-red-700">revoked</span>
              ) : (
                <RevokeTokenButton id={token.id} />
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
