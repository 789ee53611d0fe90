// Words for telling runs apart in a list: "2 h ago", and a slug split so its distinguishing end
// (the "-3" of a repeated task) stays visible when the rest is cut.

/** "just now", "5 min ago", "2 h ago", "3 days ago"; a future time (a skewed clock) reads "just now". */
export function relativeTime(then: Date, now: Date): string {
  const seconds = Math.floor((now.getTime() - then.getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

/** The slug as a head that may be cut with an ellipsis and a tail that always shows. */
export function splitSlug(slug: string, tailLength = 8): { head: string; tail: string } {
  if (slug.length <= tailLength * 2) return { head: slug, tail: "" };
  return { head: slug.slice(0, -tailLength), tail: slug.slice(-tailLength) };
}
