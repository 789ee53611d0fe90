-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "remote" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Attempt" ADD COLUMN "dispatch" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "remoteResult" TEXT;

-- CreateTable
CREATE TABLE "AttemptLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "offset" INTEGER NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AttemptLog_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AttemptLog_attemptId_stream_offset_key" ON "AttemptLog"("attemptId", "stream", "offset");
