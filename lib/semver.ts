// Release versions are SemVer 2.0, compared by the `semver` package: electron-updater decides with
// the same library whether a feed's version is newer than the app's, so the store (catalogue,
// library, feeds, the `latest` link, the admin) and the apps agree on which release is the newest.
// SemVer's order is not the intuitive one everywhere: pre-release identifiers compare in ASCII
// order (1.0.0-Beta < 1.0.0-alpha), and numeric ones before alphanumeric ones (rc.101 < rc.1e2).
import semver from "semver";

// semver 7 trims what it parses (6 does not): a version with spaces around it is not one here.
const parse = (version: string) => (version.trim() === version ? semver.parse(version) : null);

// What a new release may be called: strict SemVer 2.0 (no leading zeros, no empty identifiers,
// numbers up to 2^53 − 1), plus the leading "v" the publishing API has always taken and `semver`
// (so electron-updater) reads too. Surrounding spaces are the caller's to trim.
export const isSemver = (version: string) => parse(version) !== null;

// Rows stored before versions were checked may not be SemVer: they sort after those that are,
// among themselves by code points (never by locale).
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  if (x && y) return semver.compare(x, y);
  if (x || y) return x ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export const newestFirst = <T extends { version: string }>(items: T[]) =>
  [...items].sort((a, b) => compareVersions(b.version, a.version));
