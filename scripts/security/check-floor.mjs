// Fails when any installed copy of a package is older than its floor in security-floor.json.
// Every copy counts: a nested, older copy deep in the tree is as exploitable as the top one.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
// A dependency, so it is there right after `npm ci`, before anything else runs. SemVer's order
// counts pre-releases: 16.4.1-canary.3 comes before 16.4.1, so it is below a 16.4.1 floor.
import semver from "semver";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// The floor for this version's major line; versions above every listed line are fine.
export function floorFor(version, min) {
  const mins = [min].flat().sort(semver.compare);
  const sameMajor = mins.find((floor) => semver.major(floor) === semver.major(version));
  return sameMajor ?? (semver.lt(version, mins[0]) ? mins[0] : null);
}

// Every installed copy of every package in the lockfile: [name, version, location].
export function installedCopies(dir = root) {
  const lock = JSON.parse(readFileSync(path.join(dir, "package-lock.json"), "utf8"));
  const copies = [];
  for (const location of Object.keys(lock.packages)) {
    if (!location.includes("node_modules/")) continue;
    const manifest = path.join(dir, location, "package.json");
    if (!existsSync(manifest)) continue; // optional dependency for another platform
    const name = location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length);
    copies.push({ name, version: JSON.parse(readFileSync(manifest, "utf8")).version, location });
  }
  return copies;
}

export function checkFloor(dir = root) {
  const floor = JSON.parse(readFileSync(path.join(dir, "security-floor.json"), "utf8"));
  const copies = installedCopies(dir);
  const packages = [];
  const problems = [];
  for (const [name, rule] of Object.entries(floor)) {
    if (name.startsWith("$")) continue;
    const found = copies.filter((copy) => copy.name === name);
    if (
      found.length === 0 &&
      name in (JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).dependencies ?? {})
    ) {
      problems.push(`${name}: not installed`);
    }
    for (const copy of found) {
      const floorVersion = floorFor(copy.version, rule.min);
      if (floorVersion && semver.lt(copy.version, floorVersion)) {
        problems.push(`${name} ${copy.version} (${copy.location}) is below ${floorVersion}: ${rule.why}`);
      }
    }
    packages.push({
      name,
      min: [rule.min].flat().join(" / "),
      installed: [...new Set(found.map((copy) => copy.version))],
      why: rule.why,
    });
  }
  return { packages, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { packages, problems } = checkFloor();
  if (problems.length) {
    console.error(`Security floor not met:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`security floor met (${packages.length} packages, every installed copy checked)`);
}
