// One of every email the store sends, with what a real order or release would put in it, and a
// brand whose every field tries to break out of its place in the HTML.
import type { EmailBrand } from "../../lib/mail/components/email-layout";
import type { EmailName, EmailOf } from "../../lib/mail/registry";

export const hostile = `<script>alert("x")</script> & 'Co' <img src=x onerror=alert(1)>`;

export const demoBrand: EmailBrand = {
  name: "Northwind Software",
  appUrl: "https://store.northwind.example",
  logoUrl: "https://store.northwind.example/media/store/logo.png",
  accentColor: "#0f766e",
  supportEmail: "support@northwind.example",
  links: {
    terms: "https://northwind.example/terms",
    privacy: "https://northwind.example/privacy",
    refund: "https://northwind.example/refunds",
  },
};

export const hostileBrand: EmailBrand = {
  ...demoBrand,
  name: `Acme ${hostile}`,
  accentColor: `#123456"><script>alert(2)</script>`,
  links: { ...demoBrand.links, terms: `https://acme.example/terms?a=1&b="2"` },
};

const licenseKey = "DL-7K2QD-M9XWA-4TNVB-0PHRZ";
export const signInUrl =
  "https://store.northwind.example/api/auth/callback/email?callbackUrl=%2Flibrary&token=3f9c0d1e2a&email=ana%40example.com";

// `name` is worked into every field a buyer or seller typed.
export function sampleEmails(name = "Tessellate"): { [Name in EmailName]: Extract<EmailOf, { name: Name }> } {
  return {
    signIn: {
      name: "signIn",
      props: { url: signInUrl, host: "store.northwind.example", lifetime: "15 minutes" },
    },
    receipt: {
      name: "receipt",
      props: {
        supportEmail: "support@northwind.example",
        order: {
          number: 1042,
          createdAt: new Date("2026-11-28T10:00:00Z"),
          email: "ana@example.com",
          currency: "eur",
          amountSubtotal: 19500,
          amountDiscount: 3900,
          amountTax: 2964,
          amountTotal: 18564,
          promotionCode: "LAUNCH20",
          taxCountry: "DE",
          taxRateBasisPoints: 1900,
          taxReverseCharge: false,
          customerTaxId: null,
          paymentMethod: "Visa •••• 4242",
          invoiceNumber: "NW-0042",
          invoiceUrl: "https://invoices.example/in_1?x=1&y=2",
          invoicePdfUrl: "https://invoices.example/in_1/pdf",
          items: [{ product: name, tier: "Team", seats: 5, licenseKey }],
        },
      },
    },
    paymentFailed: { name: "paymentFailed", props: {} },
    release: {
      name: "release",
      props: {
        product: name,
        version: "2.0.0",
        notes: `Faster exports.\nNew ${name} patterns.\n\nFixes a crash on start.`,
        unsubscribeUrl:
          "https://store.northwind.example/unsubscribe?email=ana%40example.com&product=p1&token=t",
        oneClickUrl:
          "https://store.northwind.example/api/unsubscribe?email=ana%40example.com&product=p1&token=t",
      },
    },
    customerFile: {
      name: "customerFile",
      props: {
        email: "ana@example.com",
        title: `${name} build for Ana`,
        filename: "tessellate-2.0.0-custom-ana-macos-universal.dmg",
        sizeBytes: 26_214_400,
        note: `Built with your ${name} settings.`,
      },
    },
    renewalReminder: {
      name: "renewalReminder",
      props: {
        product: name,
        tier: "Personal",
        stage: "7_days",
        endsOn: "Dec 9, 2026",
        renewUrl: "https://store.northwind.example/account/renew/cmx5entitlement01",
        unsubscribeUrl:
          "https://store.northwind.example/unsubscribe?email=ana%40example.com&product=p1&token=t&topic=renewal_reminder",
        oneClickUrl:
          "https://store.northwind.example/api/unsubscribe?email=ana%40example.com&product=p1&token=t&topic=renewal_reminder",
      },
    },
  };
}

export { licenseKey as sampleLicenseKey };
