// Types for keep-both-sides.mjs (plain JavaScript so that the agents can import it as it is).
export function keepBothSides(text: string): { text: string; conflicts: number };
export function addListEntry(text: string, entry: string, options?: { json?: boolean }): string | null;
