-- Platforms become one fixed list (lib/platforms.ts): three systems × x64, arm64, universal.
-- Each stored name is read the way lib/platforms.ts `parsePlatform` reads input: lower-cased,
-- "x86_64" → x64, "Apple silicon" → arm64, "OS X" → osx, cut into words at anything but a-z0-9;
-- every word must name a system (windows, win, win32, win64, macos, mac, osx, darwin, linux) or an
-- architecture (x64, amd64, intel, win64, arm64, aarch64, universal), with exactly one system and
-- at most one architecture; no architecture means universal; printable ASCII only. So "Windows"
-- and "windows" both become windows_universal, "macOS arm64" macos_arm64, "linux-x86_64" linux_x64.
--
-- A name that cannot be mapped (say "FreeBSD" or "Source code") stops this migration before it
-- changes anything, with an error listing each such name and how many files carry it. Rename
-- those rows to a name on the list, e.g.
--   UPDATE "ReleaseFile" SET "platform" = 'linux_universal' WHERE "platform" = 'Source code';
-- and migrate again (with `prisma migrate deploy`, first `prisma migrate resolve --rolled-back
-- 20261202_220000_platform_list`). Two files that now share a platform and a file name in one
-- release (once "windows" and "Windows") both stay: nothing is deleted.

CREATE TYPE "Platform" AS ENUM ('windows_x64', 'windows_arm64', 'windows_universal', 'macos_x64', 'macos_arm64', 'macos_universal', 'linux_x64', 'linux_arm64', 'linux_universal');

ALTER TABLE "ReleaseFile" ADD COLUMN "platform_listed" "Platform";

WITH "names" AS (
  SELECT DISTINCT "platform" AS "raw" FROM "ReleaseFile"
), "words" AS (
  SELECT "raw", "word"
    FROM "names",
         LATERAL regexp_split_to_table(
           regexp_replace(regexp_replace(regexp_replace(lower("raw"),
             'x86[-_ ]?64', 'x64', 'g'), 'apple[-_ ]?silicon', 'arm64', 'g'), 'os x', 'osx', 'g'),
           '[^a-z0-9]+') AS "word"
   WHERE "word" <> ''
), "named" AS (
  SELECT "raw",
         CASE WHEN "word" IN ('windows', 'win', 'win32', 'win64') THEN 'windows'
              WHEN "word" IN ('macos', 'mac', 'osx', 'darwin') THEN 'macos'
              WHEN "word" = 'linux' THEN 'linux' END AS "os",
         CASE WHEN "word" IN ('x64', 'amd64', 'intel', 'win64') THEN 'x64'
              WHEN "word" IN ('arm64', 'aarch64') THEN 'arm64'
              WHEN "word" = 'universal' THEN 'universal' END AS "arch"
    FROM "words"
), "mapped" AS (
  SELECT "raw", (min("os") || '_' || coalesce(min("arch"), 'universal'))::"Platform" AS "platform"
    FROM "named"
   GROUP BY "raw"
  HAVING bool_and("os" IS NOT NULL OR "arch" IS NOT NULL) AND "raw" ~ '^[ -~]*$'
     AND count(DISTINCT "os") = 1 AND count(DISTINCT "arch") <= 1
)
UPDATE "ReleaseFile" SET "platform_listed" = "mapped"."platform"
  FROM "mapped" WHERE "mapped"."raw" = "ReleaseFile"."platform";

DO $$
DECLARE unmapped TEXT;
BEGIN
  SELECT string_agg(format('%L (%s files)', "platform", "files"), ', ' ORDER BY "platform") INTO unmapped
    FROM (SELECT "platform", count(*) AS "files" FROM "ReleaseFile"
           WHERE "platform_listed" IS NULL GROUP BY "platform") AS "unknown";
  IF unmapped IS NOT NULL THEN
    RAISE EXCEPTION 'ReleaseFile.platform names that are not on the platform list: %. Set each to one of windows_x64, windows_arm64, windows_universal, macos_x64, macos_arm64, macos_universal, linux_x64, linux_arm64, linux_universal (UPDATE "ReleaseFile" SET "platform" = ''linux_universal'' WHERE "platform" = ''…'') and migrate again; nothing was changed.', unmapped;
  END IF;
END $$;

ALTER TABLE "ReleaseFile" DROP COLUMN "platform";
ALTER TABLE "ReleaseFile" RENAME COLUMN "platform_listed" TO "platform";
ALTER TABLE "ReleaseFile" ALTER COLUMN "platform" SET NOT NULL;
