// fetch() for the app's JSON routes: a failed request throws the server's message.
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  const body = await response.json().catch(() => null);
  if (!response.ok)
    throw new Error((body as { error?: string } | null)?.error ?? `Request failed (${response.status})`);
  return body as T;
}
