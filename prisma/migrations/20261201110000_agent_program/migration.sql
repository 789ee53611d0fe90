-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "agentProgram" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "agentVersion" TEXT;
