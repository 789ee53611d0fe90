-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "repoPath" TEXT NOT NULL,
    "baseBranch" TEXT NOT NULL,
    "testCommand" TEXT,
    "setupCommand" TEXT,
    "copyFiles" TEXT NOT NULL DEFAULT '[]',
    "agent" TEXT NOT NULL DEFAULT 'demo',
    "agentSettings" TEXT NOT NULL DEFAULT '{}',
    "concurrency" INTEGER NOT NULL DEFAULT 3,
    "staggerSeconds" INTEGER NOT NULL DEFAULT 12,
    "timeoutSeconds" INTEGER NOT NULL DEFAULT 600,
    "reviewMode" TEXT NOT NULL DEFAULT 'auto',
    "budgetUsd" DOUBLE PRECISION,
    "resolveRounds" INTEGER NOT NULL DEFAULT 2,
    "packageBudgetUsd" DOUBLE PRECISION,
    "minFreeMemoryMb" INTEGER,
    "maxLoadPerCore" DOUBLE PRECISION,
    "remote" TEXT,
    "autoDeliver" TEXT NOT NULL DEFAULT 'off',
    "webhooks" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "options" TEXT NOT NULL DEFAULT '{}',
    "wbsExtra" TEXT NOT NULL DEFAULT '{}',
    "wbsCreatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "featureBranch" TEXT,
    "baseCommit" TEXT,
    "runDir" TEXT,
    "statusReason" TEXT,
    "reasonCode" TEXT,
    "reasonDetail" TEXT,
    "cancelRequestedAt" TIMESTAMP(3),
    "lastStartAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "testBaseline" TEXT,
    "delivery" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkPackage" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "wpId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "expectedOutputs" TEXT NOT NULL DEFAULT '[]',
    "details" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "reasonCode" TEXT,
    "reasonDetail" TEXT,
    "branch" TEXT,
    "preMergeCommit" TEXT,
    "mergeCommit" TEXT,
    "outcome" TEXT NOT NULL DEFAULT '{}',
    "review" TEXT NOT NULL DEFAULT '{}',
    "conflict" TEXT NOT NULL DEFAULT '{}',
    "resumeSessionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkPackage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkPackageDependency" (
    "workPackageId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    CONSTRAINT "WorkPackageDependency_pkey" PRIMARY KEY ("workPackageId","dependsOnId")
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL,
    "workPackageId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'implement',
    "status" TEXT NOT NULL DEFAULT 'starting',
    "pid" INTEGER,
    "exitCode" INTEGER,
    "signal" TEXT,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "worktreePath" TEXT,
    "branch" TEXT,
    "baseCommit" TEXT,
    "dir" TEXT,
    "logPath" TEXT,
    "outputBytes" INTEGER,
    "failureReason" TEXT,
    "reasonCode" TEXT,
    "reasonDetail" TEXT,
    "costUsd" DOUBLE PRECISION,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "sessionId" TEXT,
    "agentProgram" TEXT,
    "agentVersion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ViewedFile" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "fileVersion" TEXT NOT NULL,
    "viewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ViewedFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "runId" TEXT,
    "url" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastStatusCode" INTEGER,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "projectId" TEXT,
    "runId" TEXT,
    "workPackageId" TEXT,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_repoPath_key" ON "Project"("repoPath");

-- CreateIndex
CREATE INDEX "Run_projectId_createdAt_idx" ON "Run"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Run_projectId_slug_key" ON "Run"("projectId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "WorkPackage_runId_wpId_key" ON "WorkPackage"("runId", "wpId");

-- CreateIndex
CREATE INDEX "WorkPackageDependency_dependsOnId_idx" ON "WorkPackageDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "Attempt_workPackageId_number_key" ON "Attempt"("workPackageId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ViewedFile_runId_scope_path_key" ON "ViewedFile"("runId", "scope", "path");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_key_key" ON "WebhookDelivery"("key");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_projectId_url_createdAt_idx" ON "WebhookDelivery"("projectId", "url", "createdAt");

-- CreateIndex
CREATE INDEX "Event_runId_id_idx" ON "Event"("runId", "id");

-- CreateIndex
CREATE INDEX "Event_projectId_id_idx" ON "Event"("projectId", "id");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPackage" ADD CONSTRAINT "WorkPackage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPackageDependency" ADD CONSTRAINT "WorkPackageDependency_workPackageId_fkey" FOREIGN KEY ("workPackageId") REFERENCES "WorkPackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkPackageDependency" ADD CONSTRAINT "WorkPackageDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "WorkPackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attempt" ADD CONSTRAINT "Attempt_workPackageId_fkey" FOREIGN KEY ("workPackageId") REFERENCES "WorkPackage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ViewedFile" ADD CONSTRAINT "ViewedFile_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
