// Orders versions the semver way (1.10.0 after 1.9.0; 2.0.0-beta.1 before 2.0.0). Strings
// that are not semver sort after those that are, by plain comparison.
const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function comparePrerelease(a: string | undefined, b: string | undefined) {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const left = a.split(".");
  const right = b.split(".");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] === undefined) return -1;
    if (right[i] === undefined) return 1;
    const [x, y] = [Number(left[i]), Number(right[i])];
    const numeric = Number.isInteger(x) && Number.isInteger(y);
    const order = numeric ? x - y : left[i].localeCompare(right[i]);
    if (order !== 0) return Math.sign(order);
  }
  return 0;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [SEMVER.exec(a), SEMVER.exec(b)];
  if (!x || !y) return x ? -1 : y ? 1 : a.localeCompare(b);
  for (let i = 1; i <= 3; i++) {
    const order = Number(x[i]) - Number(y[i]);
    if (order !== 0) return Math.sign(order);
  }
  return comparePrerelease(x[4], y[4]);
}

export const newestFirst = <T extends { version: string }>(items: T[]) =>
  [...items].sort((a, b) => compareVersions(b.version, a.version));

export const isSemver = (version: string) => SEMVER.test(version);
