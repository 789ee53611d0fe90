-- AlterTable
ALTER TABLE "Run" ADD COLUMN "cancelRequestedAt" DATETIME;
ALTER TABLE "Run" ADD COLUMN "lastStartAt" DATETIME;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "baseCommit" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "branch" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "dir" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkPackage_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WorkPackage" ("branch", "createdAt", "details", "expectedOutputs", "id", "mergeCommit", "name", "position", "runId", "scope", "status", "statusReason", "updatedAt", "wpId") SELECT "branch", "createdAt", "details", "expectedOutputs", "id", "mergeCommit", "name", "position", "runId", "scope", "status", "statusReason", "updatedAt", "wpId" FROM "WorkPackage";
DROP TABLE "WorkPackage";
ALTER TABLE "new_WorkPackage" RENAME TO "WorkPackage";
CREATE UNIQUE INDEX "WorkPackage_runId_wpId_key" ON "WorkPackage"("runId", "wpId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
