// Branch-safe short names for runs: "Build auth with OAuth & RBAC!" → "build-auth-with-oauth-rbac".

export function slugify(text: string, maxLength = 40): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut =
    slug.length > maxLength ? slug.slice(0, maxLength).replace(/-[^-]*$/, "") || slug.slice(0, maxLength) : slug;
  return cut.replace(/-+$/g, "") || "run";
}

/** The first of slug, slug-2, slug-3… that is not taken. */
export function uniqueSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
