// The content type a file is stored and served with when its uploader names none: by extension.
const TYPES_BY_EXTENSION: Record<string, string> = {
  zip: "application/zip",
  gz: "application/gzip",
  tgz: "application/gzip",
  xz: "application/x-xz",
  bz2: "application/x-bzip2",
  "7z": "application/x-7z-compressed",
  tar: "application/x-tar",
  dmg: "application/x-apple-diskimage",
  pkg: "application/vnd.apple.installer+xml",
  exe: "application/vnd.microsoft.portable-executable",
  msi: "application/x-msi",
  deb: "application/vnd.debian.binary-package",
  rpm: "application/x-rpm",
  appimage: "application/vnd.appimage",
  apk: "application/vnd.android.package-archive",
  jar: "application/java-archive",
  pdf: "application/pdf",
  txt: "text/plain",
  json: "application/json",
};

export function contentTypeFor(filename: string): string {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  return (extension && TYPES_BY_EXTENSION[extension]) ?? "application/octet-stream";
}
