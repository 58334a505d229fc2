// The README's screenshots come from the demo seed (scripts/screenshots.mjs), never from the data
// the test suites make: no journey writes into docs/screenshots, every image the docs show is
// there, and nothing there is left over that no page shows.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const filesUnder = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
const shown = (markdown: string) => [...markdown.matchAll(/screenshots\/([\w-]+\.png)/g)].map((m) => m[1]);

describe("README screenshots", () => {
  it("are never written by the browser journeys", () => {
    const writers = filesUnder("e2e").filter((file) => read(file).includes("docs/screenshots"));
    expect(writers).toEqual([]);
  });

  it("are all in docs/screenshots, each shown by the README or the gallery", () => {
    const stored = readdirSync(path.join(root, "docs/screenshots")).sort();
    const readme = shown(read("README.md"));
    const gallery = shown(read("docs/screenshots.md"));
    expect(readme.length).toBeGreaterThan(0);
    expect(readme.filter((name) => !stored.includes(name))).toEqual([]);
    expect(gallery.filter((name) => !stored.includes(name))).toEqual([]);
    expect(stored.filter((name) => !readme.includes(name) && !gallery.includes(name))).toEqual([]);
  });

  it("are taken of every signed-in page there is", () => {
    const scripts = ["scripts/screenshots.mjs", ...filesUnder("scripts/screenshots")].map(read).join("\n");
    // Pages with an id in their path are reached by a link the script follows from their list.
    const routes = ["app/(admin)", "app/(account)"].flatMap((group) =>
      filesUnder(group)
        .filter((file) => file.endsWith("page.tsx") && !file.includes("["))
        .map((file) => `/${path.dirname(path.relative(group, file))}`),
    );
    expect(routes).toContain("/admin/orders");
    const missing = routes.filter(
      (route) => !scripts.includes(`"${route}"`) && !scripts.includes(`"${path.basename(route)}"`),
    );
    expect(missing).toEqual([]);
  });
});
