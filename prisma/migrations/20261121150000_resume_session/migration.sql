-- AlterTable
ALTER TABLE "WorkPackage" ADD COLUMN "resumeSessionId" TEXT;
