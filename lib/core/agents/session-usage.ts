// Agents whose usage is the session's running total (Codex restores its thread's token count on
// `exec resume`): a resumed attempt's own spend is that total minus what the session's earlier
// attempts recorded. A total below what they recorded is a count that started again: it is the
// attempt's own.

export interface Spend {
  costUsd: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
}

export function ownShare(total: Spend, earlier: readonly Spend[]): Spend {
  if (total.inputTokens === null || earlier.length === 0) return total;
  const sum = (key: keyof Spend) => earlier.reduce((s, a) => s + (a[key] ?? 0), 0);
  const input = sum("inputTokens");
  const output = sum("outputTokens");
  if (total.inputTokens < input || (total.outputTokens ?? 0) < output) return total;
  return {
    inputTokens: total.inputTokens - input,
    outputTokens: total.outputTokens === null ? null : total.outputTokens - output,
    costUsd: total.costUsd === null ? null : Math.max(0, total.costUsd - sum("costUsd")),
  };
}
