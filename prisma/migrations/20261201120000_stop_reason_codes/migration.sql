-- AlterTable
ALTER TABLE "Run" ADD COLUMN "reasonCode" TEXT;
ALTER TABLE "Run" ADD COLUMN "reasonDetail" TEXT;

-- AlterTable
ALTER TABLE "WorkPackage" ADD COLUMN "reasonCode" TEXT;
ALTER TABLE "WorkPackage" ADD COLUMN "reasonDetail" TEXT;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "reasonCode" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "reasonDetail" TEXT;
