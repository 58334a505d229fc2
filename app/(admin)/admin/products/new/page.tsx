import { ProductForm } from "@/components/admin/product-form";
import { checkAdmin } from "@/lib/auth/admin";

export default async function NewProductPage() {
  if ((await checkAdmin()).status === "error") return null;
  const values = {
    name: "",
    slug: "",
    tagline: "",
    description: "",
    price: "",
    currency: "usd",
    active: true,
    downloadLimit: "",
    activationLimit: "",
    updateMonths: "",
    upgradePricing: "prorated" as const,
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">New product</h1>
      <ProductForm values={values} />
    </div>
  );
}
