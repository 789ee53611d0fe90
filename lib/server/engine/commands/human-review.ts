// A person's decision on a package waiting for approval: approve it (it joins the merge train),
// or reject it with a comment that becomes the fix prompt.
import { describePackageStatus } from "@/lib/core/run/statuses";
import { UserError } from "@/lib/server/errors";
import type { EngineContext } from "@/lib/server/engine/hosting/engine-context";
import { recordVerdict } from "@/lib/server/engine/reconcile/review-steps";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

async function waitingPackage(ctx: EngineContext, runId: string, wpId: string) {
  const snapshot = await loadRunSnapshot(ctx.db, runId);
  const pkg = snapshot.packages.find((p) => p.wpId === wpId);
  if (!pkg) throw new UserError(`This run has no package ${wpId}`, "not_found");
  if (pkg.status !== "awaiting_approval")
    throw new UserError(`${wpId} is ${describePackageStatus(pkg.status)}, not waiting for approval`, "conflict");
  return { snapshot, pkg };
}

export async function approvePackage(ctx: EngineContext, runId: string, wpId: string, comment?: string): Promise<void> {
  const { snapshot, pkg } = await waitingPackage(ctx, runId, wpId);
  await recordVerdict(
    ctx,
    snapshot,
    pkg,
    "human",
    { verdict: "approve", issues: [], comment: comment?.trim() || null },
    null,
  );
  ctx.notify(runId);
}

export async function rejectPackage(ctx: EngineContext, runId: string, wpId: string, comment: string): Promise<void> {
  const text = comment.trim();
  if (!text)
    throw new UserError("Say what to change: the comment becomes the agent's next instructions", "validation", {
      comment: "Say what to change",
    });
  const { snapshot, pkg } = await waitingPackage(ctx, runId, wpId);
  await recordVerdict(
    ctx,
    snapshot,
    pkg,
    "human",
    { verdict: "reject", issues: [{ message: text }], comment: text },
    null,
  );
  ctx.notify(runId);
}
