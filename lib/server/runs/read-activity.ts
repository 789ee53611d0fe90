// A package's activity feed, read from an attempt's stdout (output.md): the agent's tool calls
// with their outcome, its messages and API retries. Only agents with structured output (Claude
// Code's stream-json) have one; secrets are masked in everything returned.
import path from "node:path";
import { activityLine, buildActivity, type Activity, type ActivityItem } from "@/lib/core/agents/activity";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind } from "@/lib/core/agents/agent-types";
import { fileSize, readTail } from "@/lib/node/files/read-tail";
import { maskText } from "@/lib/node/secrets";

/** The feed reads at most the last 4 MB of output; older items are counted as omitted. */
const MAX_BYTES = 4 * 1024 * 1024;

export const hasActivityFeed = (agent: AgentKind): boolean => AGENTS[agent].capabilities.activity;

function masked(item: ActivityItem): ActivityItem {
  switch (item.kind) {
    case "tool":
      return { ...item, detail: maskText(item.detail) ?? "", output: maskText(item.output) ?? "" };
    case "message":
    case "result":
      return { ...item, text: maskText(item.text) ?? "" };
    case "retry":
      return { ...item, error: maskText(item.error) ?? "" };
    default:
      return item;
  }
}

export interface AttemptFiles {
  dir: string | null;
  /** The worktree it ran in: file paths inside it are shown relative to it. */
  worktreePath?: string | null;
}

export async function readActivity(
  agent: AgentKind,
  attempt: AttemptFiles,
  limit = 500,
  maxBytes = MAX_BYTES,
): Promise<Activity & { truncated: boolean }> {
  if (!attempt.dir || !hasActivityFeed(agent)) return { items: [], omitted: 0, toolCalls: 0, truncated: false };
  const file = path.join(attempt.dir, "output.md");
  const size = (await fileSize(file)) ?? 0;
  const text = (await readTail(file, maxBytes, Number.MAX_SAFE_INTEGER)) ?? "";
  const adapter = AGENTS[agent];
  const feed = buildActivity(
    text.split("\n").flatMap((line) => adapter.parseLine(line)),
    limit,
    attempt.worktreePath ?? null,
  );
  return { ...feed, items: feed.items.map(masked), truncated: size > maxBytes };
}

/** The last few things an agent did, one line each (for the cards), from the end of its output. */
export async function readActivityLines(agent: AgentKind, attempt: AttemptFiles, count: number): Promise<string[]> {
  const feed = await readActivity(agent, attempt, count, 64 * 1024);
  return feed.items.filter((i) => i.kind !== "session").map(activityLine);
}
