// Sizes and speeds everywhere (pages, emails, the CLI) in one unit system: SI decimal, 1 MB =
// 1,000,000 bytes, with SI's symbols (kB, MB, GB, TB). It is what macOS, GNOME and KDE show for
// files and what network speeds are quoted in, so the number a buyer sees here matches the one
// their file manager shows after the download. One decimal below 100 of a unit, none above.
const SI_UNITS = ["kB", "MB", "GB", "TB", "PB"];

export function formatBytes(bytes: number) {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let value = bytes / 1000;
  let unit = 0;
  // Decided on the rounded figure: 99,950 bytes reads "100 kB" and 999,500 "1.0 MB", never
  // "100.0 kB" or "1000 kB".
  const text = (v: number) => (Number(v.toFixed(1)) < 100 ? v.toFixed(1) : v.toFixed(0));
  while (Number(text(value)) >= 1000 && unit < SI_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${text(value)} ${SI_UNITS[unit]}`;
}

export const formatSpeed = (bytesPerSecond: number) => `${formatBytes(bytesPerSecond)}/s`;

export function formatDate(date: Date | null) {
  return date ? new Intl.DateTimeFormat("en-US", { dateStyle: "medium" }).format(date) : "";
}
