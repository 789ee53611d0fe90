// Masks the values of this process's key- and token-like environment variables in text that is
// about to be stored, shown or reported. Agents still receive the variables themselves.
import { maskSecrets, secretValues } from "@/lib/core/security/secrets";

let cache: { signature: string; values: string[] } | null = null;

function currentSecrets(): string[] {
  const signature = Object.keys(process.env).length.toString();
  if (!cache || cache.signature !== signature) cache = { signature, values: secretValues(process.env) };
  return cache.values;
}

export function maskText(text: string): string;
export function maskText(text: string | null): string | null;
export function maskText(text: string | null): string | null {
  // NUL never reaches the database: PostgreSQL's text refuses it (and nobody can read it anyway).
  return text === null ? null : maskSecrets(text, currentSecrets()).replaceAll("\u0000", "");
}
