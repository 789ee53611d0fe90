// What running attempts have spent so far (tokens, and cost when the agent says), read from their
// output as it streams; for the burn rate, and for the cap per package while an agent runs.
import path from "node:path";
import { AGENTS } from "@/lib/core/agents/agent-registry";
import type { AgentKind } from "@/lib/core/agents/agent-types";
import type { LiveUsage } from "@/lib/core/agents/live-usage";
import { readLiveUsage } from "@/lib/node/agents/live-usage-reader";

const running = (status: string) => status === "starting" || status === "running";

/** A running attempt's spend so far; null when it is not running or its agent reports none live. */
export async function liveUsageOf(
  agent: AgentKind,
  attempt: { status: string; dir: string | null } | null,
): Promise<LiveUsage | null> {
  const usageOfLine = AGENTS[agent].usageOfLine;
  if (!attempt || !attempt.dir || !running(attempt.status) || !usageOfLine) return null;
  return readLiveUsage(path.join(attempt.dir, "output.md"), usageOfLine);
}
