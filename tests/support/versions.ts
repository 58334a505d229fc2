// Versions SemVer 2.0 (and the `semver` package electron-updater orders with) refuses: leading
// zeros, empty identifiers, numbers past 2^53, a capital V. The store must refuse them too.
export const forbiddenVersions = [
  "01.2.3",
  "1.02.3",
  "1.2.03",
  "1.0.0-01",
  "1.0.0-alpha..1",
  "1.0.0+",
  "9007199254740992.0.0",
  "V1.0.0",
];
