-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
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
    "reviewMode" TEXT NOT NULL DEFAULT 'auto',
    "budgetUsd" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Project" ("agent", "agentSettings", "baseBranch", "budgetUsd", "concurrency", "copyFiles", "createdAt", "id", "name", "repoPath", "reviewMode", "setupCommand", "staggerSeconds", "testCommand", "timeoutSeconds", "updatedAt") SELECT "agent", "agentSettings", "baseBranch", "budgetUsd", "concurrency", "copyFiles", "createdAt", "id", "name", "repoPath", "reviewMode", "setupCommand", "staggerSeconds", "testCommand", "timeoutSeconds", "updatedAt" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE UNIQUE INDEX "Project_repoPath_key" ON "Project"("repoPath");
CREATE TABLE "new_WorkPackage" (
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
    "preMergeCommit" TEXT,
    "mergeCommit" TEXT,
    "outcome" TEXT NOT NULL DEFAULT '{}',
    "review" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkPackage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WorkPackage" ("branch", "createdAt", "details", "expectedOutputs", "id", "mergeCommit", "name", "outcome", "position", "preMergeCommit", "runId", "scope", "status", "statusReason", "updatedAt", "wpId") SELECT "branch", "createdAt", "details", "expectedOutputs", "id", "mergeCommit", "name", "outcome", "position", "preMergeCommit", "runId", "scope", "status", "statusReason", "updatedAt", "wpId" FROM "WorkPackage";
DROP TABLE "WorkPackage";
ALTER TABLE "new_WorkPackage" RENAME TO "WorkPackage";
CREATE UNIQUE INDEX "WorkPackage_runId_wpId_key" ON "WorkPackage"("runId", "wpId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
