/** "WP-1 and WP-2", "WP-1, WP-2 and WP-3". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 2 ? items.join(" and ") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
