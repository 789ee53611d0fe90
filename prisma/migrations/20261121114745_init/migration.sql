-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "reviewMode" TEXT NOT NULL DEFAULT 'off',
    "budgetUsd" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "options" TEXT NOT NULL DEFAULT '{}',
    "wbsExtra" TEXT NOT NULL DEFAULT '{}',
    "wbsCreatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "featureBranch" TEXT,
    "baseCommit" TEXT,
    "runDir" TEXT,
    "statusReason" TEXT,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "costUsd" REAL NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkPackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "wpId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "expectedOutputs" TEXT NOT NULL DEFAULT '[]',
    "details" TEXT NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "statusReason" TEXT,
    "branch" TEXT,
    "mergeCommit" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkPackage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkPackageDependency" (
    "workPackageId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    PRIMARY KEY ("workPackageId", "dependsOnId"),
    CONSTRAINT "WorkPackageDependency_workPackageId_fkey" FOREIGN KEY ("workPackageId") REFERENCES "WorkPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkPackageDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "WorkPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workPackageId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'implement',
    "status" TEXT NOT NULL DEFAULT 'starting',
    "pid" INTEGER,
    "exitCode" INTEGER,
    "signal" TEXT,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" DATETIME,
    "endedAt" DATETIME,
    "worktreePath" TEXT,
    "logPath" TEXT,
    "outputBytes" INTEGER,
    "failureReason" TEXT,
    "costUsd" REAL,
    "inputTokens" INTEGER,
    "outputTokens" INTEGER,
    "sessionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attempt_workPackageId_fkey" FOREIGN KEY ("workPackageId") REFERENCES "WorkPackage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "projectId" TEXT,
    "runId" TEXT,
    "workPackageId" TEXT,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
CREATE INDEX "Event_runId_id_idx" ON "Event"("runId", "id");

-- CreateIndex
CREATE INDEX "Event_projectId_id_idx" ON "Event"("projectId", "id");
