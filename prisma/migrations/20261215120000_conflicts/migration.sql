-- A package's conflicts at merge time (the open one and how earlier ones ended), and the project's
-- bound on agent resolution rounds per conflict.
ALTER TABLE "WorkPackage" ADD COLUMN "conflict" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Project" ADD COLUMN "resolveRounds" INTEGER NOT NULL DEFAULT 2;
