// Response shapes of the publishing API (/api/v1), shared by the route handlers and the CLI.
// openapi.yaml documents the same shapes for other clients.
export type { CompletedFile, PartUrl, StartedUpload, UploadedPart } from "./contract";

export type ApiReleaseFile = {
  id: string;
  platform: string;
  filename: string;
  sizeBytes: number;
  sha256: string | null;
  contentType: string;
  status: "pending" | "ready";
};

export type ApiRelease = {
  id: string;
  product: string;
  version: string;
  channel: "stable" | "beta";
  status: "draft" | "published" | "yanked";
  notes: string;
  publishedAt: string | null;
  files?: ApiReleaseFile[];
};

export type ApiShareLink = { url: string; expiresAt: string };

export type ApiErrorBody = { error: string; message: string };
