-- One download reserved in one round trip (lib/dal/downloads.ts reserveDownload): the per-user
-- rate limit and the per-entitlement download cap are counted, and either the issued
-- DownloadEvent is inserted (when both allow it) or the refusal is recorded, bounded as
-- lib/dal/download-events.ts records refusals (one row per denial key, counting repeats), all
-- under a per-user advisory lock.
--
-- Why a function: a single SQL statement takes its snapshot before it waits for a lock inside
-- it, so it could not see a download committed while it waited. In a VOLATILE PL/pgSQL function
-- every statement takes a fresh snapshot (READ COMMITTED), so the counts after the lock see
-- every download committed before it; the lock is held until the caller's transaction (the
-- one statement that calls this) has committed.
CREATE FUNCTION "reserve_download"(
  "p_event_id" TEXT,
  "p_user_id" TEXT,
  "p_file_id" TEXT,
  "p_customer_file_id" TEXT,
  "p_entitlement_id" TEXT,
  "p_ip" TEXT,
  "p_user_agent" TEXT,
  "p_since" TIMESTAMP(3),
  "p_per_minute" INTEGER,
  "p_cap" INTEGER,
  "p_cap_reset_at" TIMESTAMP(3),
  "p_rate_limited_key" TEXT,
  "p_download_limit_key" TEXT
) RETURNS TABLE ("recent" INTEGER, "oldest" TIMESTAMP(3), "used" INTEGER, "eventId" TEXT)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  "refusal" TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(7070, hashtext("p_user_id"));
  SELECT count(*)::int, min(w."createdAt") INTO "recent", "oldest" FROM (
    SELECT d."createdAt" FROM "DownloadEvent" d
    WHERE d."userId" = "p_user_id" AND d."outcome" = 'issued' AND d."createdAt" > "p_since"
    ORDER BY d."createdAt" DESC LIMIT "p_per_minute"
  ) w;
  "used" := 0;
  IF "p_cap" IS NOT NULL THEN
    SELECT count(*)::int INTO "used" FROM "DownloadEvent" d
    WHERE d."entitlementId" = "p_entitlement_id" AND d."outcome" = 'issued'
      AND ("p_cap_reset_at" IS NULL OR d."createdAt" > "p_cap_reset_at");
  END IF;
  "refusal" := CASE
    WHEN "recent" >= "p_per_minute" THEN 'rate_limited'
    WHEN "p_cap" IS NOT NULL AND "used" >= "p_cap" THEN 'download_limit'
  END;
  IF "refusal" IS NULL THEN
    INSERT INTO "DownloadEvent" ("id", "userId", "fileId", "customerFileId", "entitlementId", "outcome", "ip", "userAgent")
    VALUES ("p_event_id", "p_user_id", "p_file_id", "p_customer_file_id", "p_entitlement_id", 'issued', "p_ip", "p_user_agent");
    "eventId" := "p_event_id";
  ELSE
    INSERT INTO "DownloadEvent" ("id", "userId", "fileId", "customerFileId", "entitlementId", "outcome", "reason", "ip", "userAgent", "denialKey")
    VALUES ("p_event_id", "p_user_id", "p_file_id", "p_customer_file_id", "p_entitlement_id", 'denied', "refusal", "p_ip", "p_user_agent",
            CASE "refusal" WHEN 'rate_limited' THEN "p_rate_limited_key" ELSE "p_download_limit_key" END)
    ON CONFLICT ("denialKey") DO UPDATE
      SET "count" = "DownloadEvent"."count" + 1, "ip" = EXCLUDED."ip", "userAgent" = EXCLUDED."userAgent";
  END IF;
  RETURN NEXT;
END
$$;
