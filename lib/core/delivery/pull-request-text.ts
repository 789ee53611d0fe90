// The pull request's title and body: the task's first line, and the run's Markdown report
// (packages, reviews, conflicts and how they ended, tests, cost), within what GitHub accepts.
export const BODY_LIMIT = 60_000;

/** The task's first line, shortened to a title. */
export function pullRequestTitle(task: string, slug: string): string {
  const first = task
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean);
  if (!first) return `Flotilla run ${slug}`;
  return first.length > 120 ? `${first.slice(0, 119)}…` : first;
}

/**
 * The body: the report (already masked) with a line saying where it came from, cut at a line
 * boundary within BODY_LIMIT characters, saying so and where the whole report is.
 */
export function pullRequestBody(reportMarkdown: string, runId: string, limit = BODY_LIMIT): string {
  const footer = `\n---\nOpened by Flotilla from run \`${runId}\`.\n`;
  const whole = `${reportMarkdown.trimEnd()}\n${footer}`;
  if (whole.length <= limit) return whole;
  const cut = `\n\n… The report is longer than a pull request holds: the whole of it is \`npx flotilla report --run ${runId}\`.\n${footer}`;
  const room = Math.max(0, limit - cut.length);
  let kept = reportMarkdown.slice(0, room);
  const lastBreak = kept.lastIndexOf("\n");
  if (lastBreak > room / 2) kept = kept.slice(0, lastBreak);
  // An open code fence would swallow the note: close it.
  if ((kept.match(/^```/gm) ?? []).length % 2 === 1) kept += "\n```";
  return `${kept}${cut}`.slice(0, limit);
}
