// Rules for who may talk to Flotilla: which Host names it answers to (against DNS rebinding),
// which origins may change state (against cross-site requests), token comparison, and the CSP.

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The host name of a Host header, without its port ("[::1]:3000" → "[::1]"). */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  return trimmed.split(":")[0];
}

/** Loopback names, the configured host, and extra allowed names; nothing else. */
export function isAllowedHost(host: string | null, configured: readonly string[] = []): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (LOOPBACK.has(name) || /^127(\.\d{1,3}){3}$/.test(name)) return true;
  return configured
    .map((c) => hostName(c))
    .filter((c) => c && c !== "0.0.0.0" && c !== "::")
    .includes(name);
}

/** True when Origin (or Referer) names exactly the host the request was sent to. */
export function isSameOrigin(source: string, host: string | null): boolean {
  if (!host || source === "null") return false;
  try {
    return new URL(source).host.toLowerCase() === host.trim().toLowerCase();
  } catch {
    return false;
  }
}

/** Compares two tokens in time independent of where they differ. */
export function tokensEqual(presented: string, expected: string): boolean {
  let diff = presented.length ^ expected.length;
  for (let i = 0; i < expected.length; i++)
    diff |= (presented.charCodeAt(i % Math.max(1, presented.length)) || 0) ^ expected.charCodeAt(i);
  return diff === 0 && presented.length === expected.length;
}

/** The token from "Authorization: Bearer <token>", if any. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "");
  return match ? match[1] : null;
}

/** A Content-Security-Policy allowing only this origin's scripts and those carrying the nonce. */
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline styles (React Flow positions nodes with them) are allowed; inline scripts are not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
