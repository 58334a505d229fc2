-- What the store pages show (the catalogue, a product page, the store's settings) is remembered
-- per app instance and keyed by one counter (lib/dal/storefront-cache.ts). Every statement that
-- writes one of the tables those pages read bumps it, in the writer's own transaction: readers see
-- the new value only once the change is committed, and every writer counts (the admin, the
-- publishing API, a script, psql), on every instance alike. The UPDATE locks the one row until the
-- writer commits, so catalogue writes queue behind each other; they are admin actions, and rare.
CREATE TABLE "StorefrontVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "StorefrontVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "StorefrontVersion" ("id", "version") VALUES (1, 0);

CREATE FUNCTION "bump_storefront_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "StorefrontVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Product_storefront_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Product"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_storefront_version"();
CREATE TRIGGER "ProductTier_storefront_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProductTier"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_storefront_version"();
CREATE TRIGGER "Release_storefront_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Release"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_storefront_version"();
CREATE TRIGGER "ReleaseFile_storefront_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReleaseFile"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_storefront_version"();
CREATE TRIGGER "StoreSettings_storefront_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StoreSettings"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_storefront_version"();
