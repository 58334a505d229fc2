// The part of the `semver` package (7.x) that Downlink calls. @types/semver is not installed;
// these signatures follow semver's README and stay this small on purpose.
declare module "semver" {
  export class SemVer {
    readonly version: string;
    readonly major: number;
    readonly minor: number;
    readonly patch: number;
    readonly prerelease: readonly (string | number)[];
    readonly build: readonly string[];
    compare(other: SemVer | string): -1 | 0 | 1;
  }
  /** The parsed version, or null when the string is not SemVer 2.0 (a leading "v" is allowed). */
  export function parse(version: string | SemVer | null | undefined): SemVer | null;
  /** The normalised version (no "v", no build metadata), or null. */
  export function valid(version: string | SemVer | null | undefined): string | null;
  export function compare(a: string | SemVer, b: string | SemVer): -1 | 0 | 1;
  export function rcompare(a: string | SemVer, b: string | SemVer): -1 | 0 | 1;
  export function gt(a: string | SemVer, b: string | SemVer): boolean;
  export function lt(a: string | SemVer, b: string | SemVer): boolean;
  export function major(version: string | SemVer): number;
  const semver: {
    SemVer: typeof SemVer;
    parse: typeof parse;
    valid: typeof valid;
    compare: typeof compare;
    lt: typeof lt;
    major: typeof major;
  };
  export default semver;
}
