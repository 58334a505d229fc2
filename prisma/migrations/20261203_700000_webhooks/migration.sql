-- Webhooks to the seller's systems: endpoints with their events and secrets, an outbox of
-- deliveries (written with the event, sent by `npm run webhooks:send`), and a log of attempts.

-- CreateTable
CREATE TABLE "WebhookEndpoint" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "previousSecret" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookAttempt" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_createdAt_idx" ON "WebhookDelivery"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_createdAt_idx" ON "WebhookAttempt"("deliveryId", "createdAt");

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "WebhookEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "WebhookDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Events are queued by triggers, so each delivery is written in the same transaction as the change
-- it tells about, whichever code path makes it (webhook, reconcile, admin, API), and none is
-- queued for a change that rolls back. One row per active endpoint that wants the event.
CREATE FUNCTION "webhook_enqueue"(event_type TEXT, data JSONB) RETURNS VOID AS $$
  INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
  SELECT 'wh' || replace(gen_random_uuid()::text, '-', ''), e."id", event_type,
    jsonb_build_object('type', event_type,
      'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', data)
  FROM "WebhookEndpoint" e WHERE e."active" AND event_type = ANY(e."events");
$$ LANGUAGE sql VOLATILE;

CREATE FUNCTION "webhook_order_event"() RETURNS TRIGGER AS $$
BEGIN
  PERFORM "webhook_enqueue"(CASE WHEN TG_OP = 'INSERT' THEN 'order.paid' ELSE 'order.refunded' END,
    jsonb_build_object('id', NEW."id", 'number', NEW."number", 'email', NEW."email", 'status', NEW."status",
      'currency', NEW."currency", 'amountSubtotal', NEW."amountSubtotal", 'amountDiscount', NEW."amountDiscount",
      'amountTax', NEW."amountTax", 'amountTotal', NEW."amountTotal", 'amountRefunded', NEW."amountRefunded"));
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "webhook_order_paid" AFTER INSERT ON "Order"
  FOR EACH ROW EXECUTE FUNCTION "webhook_order_event"();
CREATE TRIGGER "webhook_order_refunded" AFTER UPDATE OF "amountRefunded" ON "Order"
  FOR EACH ROW WHEN (NEW."amountRefunded" > OLD."amountRefunded") EXECUTE FUNCTION "webhook_order_event"();

CREATE FUNCTION "webhook_entitlement_revoked"() RETURNS TRIGGER AS $$
BEGIN
  PERFORM "webhook_enqueue"('entitlement.revoked', jsonb_build_object('id', NEW."id",
    'productId', NEW."productId", 'orderId', NEW."orderId", 'userId', NEW."userId"));
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "webhook_entitlement_revoked" AFTER UPDATE OF "status" ON "Entitlement"
  FOR EACH ROW WHEN (NEW."status" = 'revoked' AND OLD."status" <> 'revoked')
  EXECUTE FUNCTION "webhook_entitlement_revoked"();

CREATE FUNCTION "webhook_license_machine"() RETURNS TRIGGER AS $$
DECLARE machine "LicenseActivation";
BEGIN
  IF TG_OP = 'INSERT' THEN machine := NEW; ELSE machine := OLD; END IF;
  PERFORM "webhook_enqueue"(CASE WHEN TG_OP = 'INSERT' THEN 'license.activated' ELSE 'license.deactivated' END,
    jsonb_build_object('licenseId', machine."licenseId", 'fingerprint', machine."fingerprint",
      'label', machine."label"));
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "webhook_license_activated" AFTER INSERT ON "LicenseActivation"
  FOR EACH ROW EXECUTE FUNCTION "webhook_license_machine"();
CREATE TRIGGER "webhook_license_deactivated" AFTER DELETE ON "LicenseActivation"
  FOR EACH ROW EXECUTE FUNCTION "webhook_license_machine"();

CREATE FUNCTION "webhook_release_published"() RETURNS TRIGGER AS $$
BEGIN
  PERFORM "webhook_enqueue"('release.published', jsonb_build_object('id', NEW."id",
    'productId', NEW."productId", 'version', NEW."version", 'channel', NEW."channel"));
  RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "webhook_release_published" AFTER UPDATE OF "status" ON "Release"
  FOR EACH ROW WHEN (NEW."status" = 'published' AND OLD."status" <> 'published')
  EXECUTE FUNCTION "webhook_release_published"();
