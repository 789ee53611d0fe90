-- AlterTable
ALTER TABLE "Run" ADD COLUMN "runner" TEXT;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "runner" TEXT;

-- CreateTable
CREATE TABLE "Runner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "agents" TEXT NOT NULL DEFAULT '[]',
    "capacity" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "heartbeatAt" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Runner_name_key" ON "Runner"("name");
