// Package ids ("WP-1" … "WP-10") are ordered naturally, so WP-2 sorts before WP-10.

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Natural order of package ids: the order waves, merges and reports use. */
export function compareWpIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Ids become folder and branch names, so they are restricted to a safe alphabet. */
export const WP_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** The next free "WP-N" id for a package added to a plan. */
export function nextWpId(existing: readonly string[]): string {
  const taken = new Set(existing);
  let n = existing.length + 1;
  for (let i = 1; i <= existing.length + 1; i++) {
    if (!taken.has(`WP-${i}`)) {
      n = i;
      break;
    }
  }
  return `WP-${n}`;
}
