-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "dispatch" TEXT,
ADD COLUMN     "remote" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "remoteResult" TEXT;

-- CreateTable
CREATE TABLE "AttemptLog" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "stream" TEXT NOT NULL,
    "offset" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttemptLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AttemptLog_attemptId_stream_offset_key" ON "AttemptLog"("attemptId", "stream", "offset");

-- AddForeignKey
ALTER TABLE "AttemptLog" ADD CONSTRAINT "AttemptLog_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "Attempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
