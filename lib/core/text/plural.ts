/** "1 package", "3 packages"; irregular plurals are given ("1 branch", "2 branches"). */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
