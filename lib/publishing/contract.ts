// The publishing core's contract, shared by the admin UI (server actions), the publishing API
// (/api/v1) and the CLI. Implementations live beside this file; DB access stays in lib/dal.

// What an API token may do: publish releases, or attach files to customers (for a pipeline that
// generates licence files or invoices). A token has exactly one scope.
export const TOKEN_SCOPES = ["publish", "customer-files"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type Actor =
  | { kind: "user"; id: string; email: string }
  | { kind: "token"; id: string; name: string; scope: TokenScope };

export type UploadedPart = { partNumber: number; etag: string; size: number };

export type StartedUpload = {
  fileId: string;
  partSize: number;
  partCount: number;
  completedParts: UploadedPart[];
};

export type PartUrl = { partNumber: number; url: string };

export type CompletedFile = { fileId: string; sizeBytes: number; sha256: string };
