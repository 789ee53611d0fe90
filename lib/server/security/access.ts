// The server's access settings, from the environment `npm start` prepares: the hosts it answers
// to, and the access token that is required when it listens beyond this machine.
export const TOKEN_COOKIE = "flotilla_token";

export function accessToken(): string | null {
  return process.env.FLOTILLA_ACCESS_TOKEN?.trim() || null;
}

export function configuredHosts(): string[] {
  return [process.env.FLOTILLA_HOST, ...(process.env.FLOTILLA_ALLOWED_HOSTS ?? "").split(",")]
    .map((h) => h?.trim() ?? "")
    .filter(Boolean);
}
