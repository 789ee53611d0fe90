// The merge commits of the feature branch, oldest first, with the test result after each.
import type { MergeEntry } from "@/lib/server/runs/run-diff";

export function MergeList({ merges }: { merges: readonly MergeEntry[] }) {
  return (
    <section
      aria-label="Merge commits"
      className="rounded-lg border border-zinc-200 bg-white p-3 text-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 className="font-medium">Merges, in order</h2>
      <ol className="mt-1 list-decimal pl-5">
        {merges.map((m) => (
          <li key={m.commit} className="break-words">
            <span className="font-mono text-xs">{m.commit.slice(0, 10)}</span> {m.wpId} {m.name}{" "}
            <span className="text-xs text-zinc-600 dark:text-zinc-300">
              — {m.testOutput === null ? "no test command" : (m.testNote ?? "tests passed")}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
