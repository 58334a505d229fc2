import type { Metadata } from "next";
import { StoreSettingsForm } from "@/components/admin/store-settings-form";
import { checkAdmin } from "@/lib/auth/admin";
import { getStoreSettings } from "@/lib/dal/store-settings";

export const metadata: Metadata = { title: "Admin · Settings" };

export default async function SettingsPage() {
  if ((await checkAdmin()).status === "error") return null;
  const settings = await getStoreSettings();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Store settings</h1>
        <p className="text-sm text-zinc-600">
          How the store presents itself on every page, at checkout and in every email. Changes show at once.
        </p>
      </header>
      <StoreSettingsForm settings={settings} />
    </div>
  );
}
