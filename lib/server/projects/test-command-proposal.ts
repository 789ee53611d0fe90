// The test command to propose for a project's repository (read-only: its tracked files, and its
// package.json and Makefile as checked out).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { proposeTestCommand, type TestCommandProposal } from "@/lib/core/projects/propose-test-command";
import { trackedFiles } from "@/lib/node/git/git-ops";

export async function testCommandProposal(repoPath: string): Promise<TestCommandProposal | null> {
  const read = (file: string) =>
    readFile(path.join(/*turbopackIgnore: true*/ repoPath, file), "utf8").catch(() => null);
  const files = await trackedFiles(repoPath).catch(() => []);
  return proposeTestCommand({ files, packageJson: await read("package.json"), makefile: await read("Makefile") });
}
