-- AlterTable
ALTER TABLE "Run" ADD COLUMN "runner" TEXT;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "runner" TEXT;

-- CreateTable
CREATE TABLE "Runner" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "agents" TEXT NOT NULL DEFAULT '[]',
    "capacity" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "heartbeatAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Runner_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Runner_name_key" ON "Runner"("name");
