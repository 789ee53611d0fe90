// Environment variables that look like keys or tokens are passed to agents, but their values are
// never stored, shown or reported: wherever text leaves a log, they are masked.

const SECRET_NAME =
  /(_KEY|_TOKEN|_SECRET|_PASSWORD|_PASSWD|_CREDENTIALS?)$|^(ANTHROPIC|OPENAI|GEMINI|GOOGLE_API|AWS_SECRET|GITHUB_TOKEN|GH_TOKEN)/i;
const MIN_SECRET_LENGTH = 8;
export const MASK = "••••••";

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The values to mask: those of secret-looking variables, long enough not to be ordinary words. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => isSecretName(name) && value && value.length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value!);
  // Longest first, so a secret containing another is masked whole.
  return [...new Set(values)].sort((a, b) => b.length - a.length);
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}
