// A file's added and deleted line counts, as a pull request shows them.
export function LineCounts({ additions, deletions }: { additions: number; deletions: number }) {
  return (
    <span className="shrink-0 font-mono tabular-nums">
      <span className="text-emerald-800 dark:text-emerald-300">+{additions}</span>{" "}
      <span className="text-red-800 dark:text-red-300">−{deletions}</span>
      <span className="sr-only">
        {" "}
        ({additions} added, {deletions} deleted lines)
      </span>
    </span>
  );
}
