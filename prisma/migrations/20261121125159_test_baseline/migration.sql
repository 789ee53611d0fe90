-- AlterTable
ALTER TABLE "Run" ADD COLUMN "testBaseline" TEXT;
