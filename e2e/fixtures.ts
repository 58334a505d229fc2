// The journeys' `test`: fails any test whose pages report a Content-Security-Policy violation,
// on the page it was given and on every page or context it opens itself.
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

const CSP_MESSAGE = /Content Security Policy|Content-Security-Policy/i;

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watchPage = (page: Page) =>
        page.on("console", (message) => {
          if (CSP_MESSAGE.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      const watchContext = (watched: BrowserContext) => {
        watched.pages().forEach(watchPage);
        watched.on("page", watchPage);
      };
      watchContext(context);
      const original = { newPage: browser.newPage, newContext: browser.newContext };
      const patched = browser as Browser;
      patched.newContext = async (...args) => {
        const created = await original.newContext.apply(browser, args);
        watchContext(created);
        return created;
      };
      patched.newPage = async (...args) => {
        const created = await original.newPage.apply(browser, args);
        watchContext(created.context());
        return created;
      };
      await use(violations);
      Object.assign(patched, original);
      expect(violations, "Content-Security-Policy violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
