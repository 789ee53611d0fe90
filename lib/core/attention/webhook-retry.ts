// When a webhook delivery is retried, and what an answer means: pure, the sender passes the clock
// and the randomness in.

/** Waits before the 2nd, 3rd, 4th and 5th attempt: 5 attempts in all, about 30 s. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [2_000, 4_000, 8_000, 16_000];

/** How long one POST may take before it is cut off and counted as failed. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The wait before the next attempt after `attempts` failed ones, with ±20 % jitter so many
 * deliveries do not retry in step; null once the schedule is used up (the delivery failed).
 */
export function nextRetryDelay(attempts: number, schedule: readonly number[], random: () => number): number | null {
  const base = schedule[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type AnswerVerdict = "delivered" | "retry" | "give_up";

/** 2xx: delivered; 408, 429 and 5xx: try again; any other 4xx: the request itself is wrong. */
export function judgeStatus(status: number): AnswerVerdict {
  if (status >= 200 && status < 300) return "delivered";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  if (status >= 400) return "give_up";
  return "retry";
}

/** The words for an answer that was not a success, as the settings page shows them. */
export function describeFailedAnswer(status: number, bodyStart: string): string {
  const said = bodyStart.trim() ? `: ${bodyStart.trim().slice(0, 200)}` : "";
  if (judgeStatus(status) === "give_up")
    return `The endpoint answered HTTP ${status}${said}; not retried (a 4xx means the URL or the request is wrong: check the URL)`;
  return `The endpoint answered HTTP ${status}${said}`;
}

/** A URL as shown outside the form: host and first path segment, the rest (often a secret) hidden. */
export function maskWebhookUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split("/").filter(Boolean);
    const first = segments[0] ? `/${segments[0]}` : "";
    const more = segments.length > 1 || parsed.search ? "/…" : "";
    return `${parsed.protocol}//${parsed.host}${first}${more}`;
  } catch {
    return "(not a valid URL)";
  }
}
