// The prompt of a resolve round: which files git left with conflict markers, what each side meant
// (this package's instructions; the packages already merged that changed those files, with their
// diffs), and the rule: keep the behaviour of both sides, leave no markers, run the tests.

export interface OtherSide {
  id: string;
  name: string;
  scope: string;
  /** That package's change to the conflicted files (a unified diff, already shortened). */
  diff: string;
}

export interface ResolveContext {
  wpId: string;
  name: string;
  /** The files with conflict markers, relative to the working directory. */
  files: readonly string[];
  featureBranch: string;
  /** This package's own instructions (its instructions.md). */
  instructions: string;
  others: readonly OtherSide[];
  testCommand: string | null;
  /** Round number, from 1. */
  round: number;
  /** Why the previous round did not settle it, if there was one. */
  lastProblem: string | null;
}

const fence = (text: string, lang = "") => {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}${lang}\n${text.replace(/\n$/, "")}\n${ticks}`;
};

export function renderResolvePrompt(c: ResolveContext): string {
  const lines = [
    `# Resolve a merge conflict in work package ${c.wpId}: ${c.name}`,
    "",
    `Your work on ${c.wpId} is done, but the feature branch (${c.featureBranch}) moved on while you worked. Flotilla merged its tip into your branch in this working directory, and git could not combine these files on its own; they contain conflict markers (<<<<<<<, |||||||, =======, >>>>>>>):`,
    "",
    ...c.files.map((f) => `- ${f}`),
    "",
    "## The rule",
    "- Keep the behaviour of both sides: your package's change and every change already on the feature branch. Where both add to a list, a table or a set of exports, keep both entries.",
    "- Leave no conflict markers, in these files or any other.",
    c.testCommand
      ? `- Run the tests (\`${c.testCommand}\`) and make them pass.`
      : "- Check that the code still builds and runs.",
    "- Change nothing else. Do not abort the merge, reset or rebase: edit the files; Flotilla commits the result (committing it yourself is fine too).",
    "",
  ];
  if (c.lastProblem) {
    lines.push(`## Round ${c.round}: what went wrong last time`, "", c.lastProblem, "");
  }
  lines.push("## The other side: packages already merged that changed these files", "");
  if (c.others.length === 0) lines.push("(Changes made on the feature branch outside this run.)", "");
  for (const other of c.others) {
    lines.push(`### ${other.id}: ${other.name}`, "", other.scope, "", fence(other.diff || "(no diff)", "diff"), "");
  }
  lines.push("## Your side: this package's instructions", "", c.instructions.trim(), "");
  return lines.join("\n");
}
