// The platforms a build is for: three operating systems × three architectures, one fixed list.
// Every way a platform comes in (the admin form, the publishing API, the CLI, the update feeds,
// the latest link) goes through `parsePlatform`, so "windows", "Windows" and "win" are one value.
// "universal" is one build for every architecture of its system (a macOS Universal binary, a .NET
// or Java app); a build without an architecture in its name is taken to be that.
// No zod and no server imports: the admin page and the CLI import this too.

export const OPERATING_SYSTEMS = { windows: "Windows", macos: "macOS", linux: "Linux" } as const;
export const ARCHITECTURES = ["x64", "arm64", "universal"] as const;

export type OperatingSystem = keyof typeof OPERATING_SYSTEMS;
export type Architecture = (typeof ARCHITECTURES)[number];
export type Platform = `${OperatingSystem}_${Architecture}`;

// The order the admin's select and every listing show them in. The database enum "Platform"
// (prisma/schema.prisma) has exactly these values.
export const PLATFORMS = (Object.keys(OPERATING_SYSTEMS) as OperatingSystem[]).flatMap((os) =>
  ARCHITECTURES.map((arch): Platform => `${os}_${arch}`),
);

export const osOf = (platform: Platform) => platform.split("_")[0] as OperatingSystem;
export const archOf = (platform: Platform) => platform.split("_")[1] as Architecture;

// Short, for listings: a universal build is simply "macOS".
export function platformLabel(platform: Platform): string {
  const arch = archOf(platform);
  return arch === "universal"
    ? OPERATING_SYSTEMS[osOf(platform)]
    : `${OPERATING_SYSTEMS[osOf(platform)]} ${arch}`;
}

// For a choice between them, where "macOS" alone would not say it covers both architectures.
export const platformChoiceLabel = (platform: Platform) =>
  archOf(platform) === "universal"
    ? `${OPERATING_SYSTEMS[osOf(platform)]} universal`
    : platformLabel(platform);

// Words as people and tools write them; Node's process.platform and process.arch are among them
// (`darwin-arm64`, `win32-x64`). prisma/migrations/20261202_220000_platform_list maps stored rows
// with the same words, and tests/migrations.test.ts checks that both agree.
const OS_WORDS = new Map<string, OperatingSystem>(
  Object.entries({
    windows: "windows",
    win: "windows",
    win32: "windows",
    win64: "windows",
    macos: "macos",
    mac: "macos",
    osx: "macos",
    darwin: "macos",
    linux: "linux",
  }) as [string, OperatingSystem][],
);
const ARCH_WORDS = new Map<string, Architecture>(
  Object.entries({
    x64: "x64",
    amd64: "x64",
    intel: "x64",
    win64: "x64",
    arm64: "arm64",
    aarch64: "arm64",
    universal: "universal",
  }) as [string, Architecture][],
);

// One spelling for each multi-word or punctuated name, before the text is cut into words.
const respell = (text: string) =>
  text
    .toLowerCase()
    .replace(/x86[-_ ]?64/g, "x64")
    .replace(/apple[-_ ]?silicon/g, "arm64")
    .replace(/os x/g, "osx");

// The platform a name means, or null when it is not one of the list (an unknown word, no system,
// two systems or two architectures, anything but printable ASCII).
export function parsePlatform(raw: string): Platform | null {
  if (!/^[\x20-\x7e]*$/.test(raw)) return null;
  const words = respell(raw.trim())
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const systems = new Set<OperatingSystem>();
  const archs = new Set<Architecture>();
  for (const word of words) {
    const os = OS_WORDS.get(word);
    const arch = ARCH_WORDS.get(word);
    if (!os && !arch) return null;
    if (os) systems.add(os);
    if (arch) archs.add(arch);
  }
  if (systems.size !== 1 || archs.size > 1) return null;
  return `${[...systems][0]}_${[...archs][0] ?? "universal"}`;
}

export const PLATFORM_CHOICES = `one of ${PLATFORMS.join(", ")} (or a name such as Windows, macOS arm64, linux-x64)`;

// Which builds answer a request for a platform, as groups in order of preference: the first
// group that has builds wins. A machine (x64, arm64) takes its own build, else its system's
// universal one. A request for a system alone (universal) takes the universal build, else that
// system's builds per architecture, which an updater chooses from by name (electron-updater does).
export function platformsServing(requested: Platform): Platform[][] {
  const os = osOf(requested);
  return archOf(requested) === "universal"
    ? [[requested], [`${os}_x64`, `${os}_arm64`]]
    : [[requested], [`${os}_universal`]];
}

// The files of `files` that serve a request, from the first group that has any.
export function filesServing<File extends { platform: Platform }>(
  files: File[],
  requested: Platform,
): File[] {
  for (const group of platformsServing(requested)) {
    const served = files.filter((file) => group.includes(file.platform));
    if (served.length > 0) return served;
  }
  return [];
}

// Listing order: the list's, not the alphabet's.
export const byPlatform = (a: Platform, b: Platform) => PLATFORMS.indexOf(a) - PLATFORMS.indexOf(b);

// A build's platform from its file name, for the CLI and the admin's drop zone: by extension,
// else by a whole word in the name ("tool-1.2-linux-x64.tar.gz"), never by a
// fragment ("emacs" is not macOS); the architecture likewise, universal when the name has none.
const systemHints: [RegExp, OperatingSystem][] = [
  [/\.(dmg|pkg)$|(?<![a-z])(macos|mac|darwin|osx)(?![a-z])/i, "macos"],
  [/\.(exe|msi|msix)$|(?<![a-z])(windows|win|win32|win64)(?![a-z])/i, "windows"],
  [/\.(appimage|deb|rpm|snap|flatpak)$|(?<![a-z])linux(?![a-z])/i, "linux"],
];
const archHints: [RegExp, Architecture][] = [
  [/(?<![a-z0-9])(arm64|aarch64)(?![a-z0-9])/i, "arm64"],
  [/(?<![a-z0-9])(x64|x86[-_]64|amd64|win64)(?![a-z0-9])/i, "x64"],
];

export function guessPlatform(filename: string): Platform | undefined {
  const os = systemHints.find(([pattern]) => pattern.test(filename))?.[1];
  const arch = archHints.find(([pattern]) => pattern.test(filename))?.[1] ?? "universal";
  return os && `${os}_${arch}`;
}
