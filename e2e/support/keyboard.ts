import { expect, type Locator, type Page } from "@playwright/test";

// Presses Tab until `target` has focus (at most `limit` times) and checks that the focus can be
// seen: an outline or a ring drawn around the focused element. Returns the presses it took.
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<number> {
  const element = await target.elementHandle({ timeout: 10_000 });
  if (!element) throw new Error(`${target} is not on the page`);
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await element.evaluate((node) => node === document.activeElement)) {
      const visible = await element.evaluate((node) => {
        const style = getComputedStyle(node);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return outline || style.boxShadow !== "none";
      });
      expect(visible, "the focused element shows where the focus is").toBe(true);
      return presses;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}
