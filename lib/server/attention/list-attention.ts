// What needs a person across every project's runs, for GET /api/attention (every open tab polls
// it): only runs still going or settled within the last day are read.
import {
  attentionCount,
  attentionItems,
  type AttentionItem,
  type AttentionRun,
} from "@/lib/core/attention/attention-items";
import { asPackageStatus, asRunStatus } from "@/lib/core/run/statuses";
import type { Database } from "@/lib/server/db/client";

const RECENT_MS = 24 * 60 * 60 * 1000;

export interface AttentionView {
  /** Items that need a person: the number in the tab's title. */
  count: number;
  items: AttentionItem[];
}

export async function listAttention(db: Database, now = new Date()): Promise<AttentionView> {
  const runs = await db.run.findMany({
    where: {
      OR: [
        { status: "running" },
        {
          status: { in: ["completed", "failed", "cancelled"] },
          finishedAt: { gte: new Date(now.getTime() - RECENT_MS) },
        },
      ],
    },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      task: true,
      status: true,
      reasonCode: true,
      statusReason: true,
      featureBranch: true,
      workPackages: {
        orderBy: { position: "asc" },
        select: {
          wpId: true,
          name: true,
          status: true,
          statusReason: true,
          conflict: true,
          _count: { select: { attempts: true } },
        },
      },
    },
  });
  const items = runs.flatMap((run) => {
    const view: AttentionRun = {
      ...run,
      status: asRunStatus(run.status),
      packages: run.workPackages.map(({ _count, ...p }) => ({
        ...p,
        status: asPackageStatus(p.status),
        attempts: _count.attempts,
      })),
    };
    return attentionItems(view);
  });
  return { count: attentionCount(items), items };
}
