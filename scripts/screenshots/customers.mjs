// The customers' signed-in pages on the demo data: the library, the account portal and its pages,
// renewing and upgrading, each as the demo customer whose data shows it best.
import { shoot, signedIn, url } from "./browser.mjs";

const hrefOf = (page, selector) => page.locator(selector).first().getAttribute("href");

// A machine on a key, activated as an app would (README, "Licence keys"), for the portal to list.
async function activateMachine(key, product, label) {
  const answer = await fetch(url("/api/v1/licenses/activate"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      key,
      product,
      fingerprint: `demo-${label.toLowerCase().replace(/\W+/g, "-")}`,
      label,
    }),
  });
  if (!answer.ok) throw new Error(`activating a demo machine answered ${answer.status}`);
}

// Owns the whole catalogue (and a file made for them): the library, two downloads for the history
// and the analytics, a machine on the Tessellate key, the portal, its emails, and an upgrade.
export async function collectorPages(email) {
  const page = await signedIn(email);
  await shoot(page, "library", "/library");
  for (const file of ["Tessellate-2.1.0.dmg", "lumen-1.4.0-macos-arm64.tar.gz"]) {
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: `Download ${file}` }).click();
    await (await download).path();
  }
  const key = await page.getByTestId("library-tessellate").getByTestId("license-key").textContent();
  await activateMachine(key.trim(), "tessellate", "Studio Mac");
  await shoot(page, "account-portal", "/account");
  const upgrade = await hrefOf(page, 'a[href^="/account/upgrade/"]');
  await shoot(page, "account-emails", "/account/emails");
  await shoot(page, "account-upgrade", upgrade);
  await page.context().close();
}

// Tessellate's updates ended a month ago: 2.1.0 is locked in the library, with its renewal.
export async function lapsedPages(email) {
  const page = await signedIn(email);
  await shoot(page, "library-licence", "/library/tessellate", () =>
    page.getByText("locked", { exact: true }).first().waitFor(),
  );
  await shoot(page, "account-renew", await hrefOf(page, 'a[href^="/account/renew/"]'));
  await page.context().close();
}

// Who just bought on the local checkout: their order, with its tax, discount and invoice.
export async function buyerPages(email) {
  const page = await signedIn(email);
  await shoot(page, "account-orders", "/account/orders");
  await page.context().close();
}
