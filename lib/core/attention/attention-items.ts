// Which runs need a person, and what to tell them: a package waiting for approval, a conflict
// waiting for a person, a run that settled failed (nothing else can move) or stopped at its
// budget; a completed run is news too, though it needs no one. The browser's tab count and
// notifications and the webhooks all say it in these words.
import { parseConflictState } from "../conflicts/conflict-state";
import type { PackageStatus, RunStatus } from "../run/statuses";

export const ATTENTION_KINDS = ["approval", "conflict", "failed", "budget", "completed"] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionPackage {
  wpId: string;
  name: string;
  status: PackageStatus;
  statusReason: string | null;
  /** The package's `conflict` JSON (lib/core/conflicts/conflict-state.ts). */
  conflict: string | null;
  /** Attempts started for it (any role): a new one means a new situation. */
  attempts: number;
}

export interface AttentionRun {
  id: string;
  task: string;
  status: RunStatus;
  reasonCode: string | null;
  statusReason: string | null;
  featureBranch: string | null;
  packages: readonly AttentionPackage[];
}

export interface AttentionItem {
  /** Changes whenever the situation does (a retry that fails again is a new item). */
  id: string;
  runId: string;
  wpId?: string;
  kind: AttentionKind;
  title: string;
  body: string;
  /** Counts in the tab's title: everything but a completed run. */
  needsPerson: boolean;
  /** The page that shows it: the run's monitor, at the package. */
  href: string;
}

/** A run's task as a short quoted name ("Build auth with OAuth…"). */
export function runLabel(task: string): string {
  const line = task.trim().split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line || "(no task)";
}

/** The conflict in this package waits for a person (every agent round was used). */
export function conflictWaitsForPerson(pkg: Pick<AttentionPackage, "status" | "conflict">): boolean {
  return pkg.status === "conflicted" && parseConflictState(pkg.conflict).current?.phase === "waiting";
}

/** How many conflicts this package has settled: a later conflict after "I resolved it" is new. */
const settledConflicts = (pkg: AttentionPackage) => parseConflictState(pkg.conflict).history.length;

/** The run page that shows an item: `/runs/<id>?wp=<WP-N>`. */
export function attentionHref(runId: string, wpId?: string): string {
  const base = `/runs/${encodeURIComponent(runId)}`;
  return wpId ? `${base}?wp=${encodeURIComponent(wpId)}` : base;
}

/** The first words of a reason, for a notification's body (the run page has the rest). */
function shortReason(reason: string | null, fallback: string): string {
  const line = (reason ?? "").trim().split("\n")[0] ?? "";
  if (!line) return fallback;
  return line.length > 180 ? `${line.slice(0, 179).trimEnd()}…` : line;
}

/** The title and body for one kind of situation, as a notification and a webhook say it. */
export function describeAttention(
  kind: AttentionKind,
  run: Pick<AttentionRun, "task" | "statusReason" | "featureBranch" | "packages">,
  pkg?: Pick<AttentionPackage, "wpId" | "name" | "statusReason">,
): { title: string; body: string } {
  const name = `"${runLabel(run.task)}"`;
  switch (kind) {
    case "approval":
      return {
        title: `${pkg?.wpId ?? "A package"} waits for your approval`,
        body: `${pkg ? `${pkg.wpId} ${pkg.name}` : "A package"} in run ${name} is ready: approve or reject it.`,
      };
    case "conflict":
      return {
        title: `${pkg?.wpId ?? "A package"} has a conflict for you`,
        body: `Run ${name}: ${shortReason(pkg?.statusReason ?? null, "the agent could not resolve the merge conflict")}`,
      };
    case "failed":
      return {
        title: `Run ${name} failed`,
        body: shortReason(run.statusReason, "A package did not merge and nothing else can move: retry it."),
      };
    case "budget":
      return {
        title: `Run ${name} stopped at its budget`,
        body: shortReason(run.statusReason, "The run's budget was reached: raise it and resume to finish."),
      };
    case "completed": {
      const merged = run.packages.length;
      return {
        title: `Run ${name} completed`,
        body: `${merged} package${merged === 1 ? "" : "s"} merged${run.featureBranch ? ` into ${run.featureBranch}` : ""}.`,
      };
    }
  }
}

const totalAttempts = (run: AttentionRun) => run.packages.reduce((sum, p) => sum + p.attempts, 0);

/** The package a settled failed run opens at: the first that did not merge and can be retried. */
export function firstStuck(run: Pick<AttentionRun, "packages">): AttentionPackage | undefined {
  const order = ["failed", "timed_out", "test_failed", "lost", "conflicted", "cancelled"];
  return run.packages
    .filter((p) => order.includes(p.status))
    .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))[0];
}

/** Everything in one run that a person should hear about now, packages first. */
export function attentionItems(run: AttentionRun): AttentionItem[] {
  const items: AttentionItem[] = [];
  const add = (kind: AttentionKind, revision: string, pkg?: AttentionPackage) => {
    const { title, body } = describeAttention(kind, run, pkg);
    items.push({
      id: [kind, run.id, pkg?.wpId ?? "", revision].join(":"),
      runId: run.id,
      ...(pkg ? { wpId: pkg.wpId } : {}),
      kind,
      title,
      body,
      needsPerson: kind !== "completed",
      href: attentionHref(run.id, pkg?.wpId),
    });
  };
  if (run.status === "running" || run.status === "failed") {
    for (const pkg of run.packages) {
      if (pkg.status === "awaiting_approval") add("approval", String(pkg.attempts), pkg);
      else if (conflictWaitsForPerson(pkg)) add("conflict", `${pkg.attempts}.${settledConflicts(pkg)}`, pkg);
    }
  }
  if (run.status === "failed") add("failed", String(totalAttempts(run)), firstStuck(run));
  if (run.status === "cancelled" && run.reasonCode === "budget") add("budget", String(totalAttempts(run)));
  if (run.status === "completed") add("completed", "");
  return items;
}

/** How many items need a person (the number in the tab's title). */
export const attentionCount = (items: readonly AttentionItem[]): number => items.filter((i) => i.needsPerson).length;
