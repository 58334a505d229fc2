-- Products' covers and screenshots are on the store cards and the product page too: a change to
-- them moves the store pages' counter like every other table those pages read.
CREATE TRIGGER "ProductImage_storefront_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProductImage"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_storefront_version"();
