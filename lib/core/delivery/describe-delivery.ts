// A delivery record in words, for the CLI (the panel shows the same facts).
import type { DeliveryRecord } from "./delivery-record";

export function describeDelivery(record: DeliveryRecord): string[] {
  const lines: string[] = [];
  if (record.pushedCommit && record.branch)
    lines.push(`Pushed ${record.pushedCommit.slice(0, 12)} to ${record.remote ?? "the remote"} as ${record.branch}`);
  if (record.pullRequest)
    lines.push(
      `${record.pullRequest.reused ? "Pull request (already open)" : "Pull request"}: ${record.pullRequest.url}`,
    );
  else if (record.compareUrl) lines.push(`Open the pull request here: ${record.compareUrl}`);
  if (record.note && !record.pullRequest) lines.push(record.note);
  if (record.lastError) lines.push(`Last error: ${record.lastError}`);
  if (lines.length === 0) lines.push("Not delivered yet");
  return lines;
}
