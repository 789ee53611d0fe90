// The words for a diff with nothing in it, and for changes the whitespace option hides.

/** What a diff compares, as far as explaining an empty one needs. */
export type DiffSubject =
  | { kind: "feature"; featureBranch: string; baseBranch: string; mergedPackages: number }
  | { kind: "package"; wpId: string; merged: boolean };

const files = (n: number) => (n === 1 ? "1 file" : `${n} files`);

/** Why there is nothing to show, and what that means for the person reviewing. */
export function describeNoChanges(
  subject: DiffSubject,
  whitespaceOnlyFiles: number,
): { title: string; detail: string } {
  if (whitespaceOnlyFiles > 0)
    return {
      title: "No changes besides whitespace",
      detail: `${files(whitespaceOnlyFiles)} changed only in whitespace, hidden now. Turn off "Hide whitespace changes" to see them.`,
    };
  if (subject.kind === "feature")
    return subject.mergedPackages === 0
      ? {
          title: "No changes",
          detail: `Nothing has been merged into ${subject.featureBranch} yet, so it is the same as ${subject.baseBranch}. Packages appear here as they merge.`,
        }
      : {
          title: "No changes",
          detail: `The merged packages' changes add up to no difference from ${subject.baseBranch}.`,
        };
  return subject.merged
    ? { title: "No changes", detail: `The merge of ${subject.wpId} changed no files.` }
    : {
        title: "No changes",
        detail: `${subject.wpId}'s branch is the same as the commit it started from: its agent changed no files.`,
      };
}

/** A line under a diff whose whitespace-only files are hidden (null: none are). */
export function describeHiddenWhitespace(whitespaceOnlyFiles: number): string | null {
  if (whitespaceOnlyFiles === 0) return null;
  return `${files(whitespaceOnlyFiles)} with only whitespace changes ${whitespaceOnlyFiles === 1 ? "is" : "are"} hidden.`;
}
