-- Spend and load limits, delivery and webhook settings of a project; where a run was delivered;
-- the webhook outbox.
ALTER TABLE "Project" ADD COLUMN "packageBudgetUsd" REAL;
ALTER TABLE "Project" ADD COLUMN "minFreeMemoryMb" INTEGER;
ALTER TABLE "Project" ADD COLUMN "maxLoadPerCore" REAL;
ALTER TABLE "Project" ADD COLUMN "remote" TEXT;
ALTER TABLE "Project" ADD COLUMN "autoDeliver" TEXT NOT NULL DEFAULT 'off';
ALTER TABLE "Project" ADD COLUMN "webhooks" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Run" ADD COLUMN "delivery" TEXT NOT NULL DEFAULT '{}';

CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "runId" TEXT,
    "url" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "WebhookDelivery_key_key" ON "WebhookDelivery"("key");
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_projectId_url_createdAt_idx" ON "WebhookDelivery"("projectId", "url", "createdAt");
