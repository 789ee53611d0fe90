// The browser's side of "a run needs you": whether this browser wants notifications (asked for
// only on a click), which items it has already been told about (shared by its tabs through
// localStorage), and the tab's title and favicon with the count.

const PREFERENCE_KEY = "flotilla.notifications";
const SEEN_KEY = "flotilla.attention.seen";
/** Set when notifications are turned on: what is already there then counts as seen. */
const BASELINE_KEY = "flotilla.attention.baseline";
const MAX_SEEN = 300;
const CHANGE_EVENT = "flotilla-notifications-change";

export type NotificationState = "unsupported" | "off" | "on" | "blocked";

const supported = () => typeof window !== "undefined" && "Notification" in window;

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, full): notifications still work for this page's life.
  }
}

/** Where this browser stands: notifications on (turned on here and allowed), off, blocked or unsupported. */
export function notificationState(): NotificationState {
  if (!supported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && read(PREFERENCE_KEY) === "on" ? "on" : "off";
}

/** The state during server rendering and the first paint, before the browser is asked. */
export const serverNotificationState = (): NotificationState => "off";

/** Calls `onChange` when the state may have changed (this tab, another tab, the browser's permission). */
export function subscribeNotificationState(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  let status: PermissionStatus | null = null;
  let done = false;
  navigator.permissions
    ?.query({ name: "notifications" })
    .then((s) => {
      // Unsubscribed before the answer came: listen to nothing.
      if (done) return;
      status = s;
      s.addEventListener("change", onChange);
    })
    .catch(() => undefined);
  return () => {
    done = true;
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
    status?.removeEventListener("change", onChange);
  };
}

/** Asks for the permission (only ever from a click) and turns notifications on when it is given. */
export async function turnOnNotifications(): Promise<NotificationState> {
  if (!supported()) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission === "granted") {
    write(PREFERENCE_KEY, "on");
    write(BASELINE_KEY, "1");
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
  return notificationState();
}

export function turnOffNotifications(): void {
  write(PREFERENCE_KEY, "off");
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function readSeen(): string[] {
  try {
    const list: unknown = JSON.parse(read(SEEN_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Runs `work` in one tab at a time (two tabs polling at once must not both notify). */
async function oneTabAtATime(work: () => void): Promise<void> {
  if (typeof navigator !== "undefined" && navigator.locks) await navigator.locks.request(SEEN_KEY, async () => work());
  else work();
}

/**
 * The items of `ids` this browser has not been told about yet, now marked as told. Right after
 * notifications were turned on, everything already there counts as told (no burst of old news).
 */
export async function takeUnseen(ids: readonly string[]): Promise<Set<string>> {
  const fresh = new Set<string>();
  await oneTabAtATime(() => {
    const seen = readSeen();
    const known = new Set(seen);
    const baseline = read(BASELINE_KEY) === "1";
    for (const id of ids) if (!known.has(id) && !baseline) fresh.add(id);
    const added = ids.filter((id) => !known.has(id));
    write(SEEN_KEY, JSON.stringify([...seen, ...added].slice(-MAX_SEEN)));
    if (baseline) write(BASELINE_KEY, null);
  });
  return fresh;
}

/** "Project settings · Flotilla" → "(2) Project settings · Flotilla", and back with 0. */
export function titleWithCount(title: string, count: number): string {
  const base = title.replace(/^\(\d+\+?\) /, "");
  return count > 0 ? `(${count > 99 ? "99+" : count}) ${base}` : base;
}

/** The app's icon (app/icon.svg) with a red badge holding the count, as a data URL. */
export function badgedIcon(count: number): string {
  const label = count > 9 ? "9+" : String(count);
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    '<rect width="32" height="32" rx="7" fill="#4f46e5"/>' +
    '<path d="M7 21h18l-3 4H10zM15 7v12H9zM17 9l6 10h-6z" fill="#fff"/>' +
    '<circle cx="22" cy="10" r="10" fill="#dc2626" stroke="#fff" stroke-width="1.5"/>' +
    `<text x="22" y="14.5" text-anchor="middle" font-family="Arial,Helvetica,sans-serif" font-size="${label.length > 1 ? 10 : 13}" font-weight="700" fill="#fff">${label}</text>` +
    "</svg>";
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

const ORIGINAL = "data-flotilla-original-href";
const ADDED = "data-flotilla-badge";

/** Shows the count on the tab's favicon, or the original icon again when it is 0. */
export function applyFavicon(count: number): void {
  const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
  if (count === 0) {
    for (const link of links) {
      if (link.hasAttribute(ADDED)) link.remove();
      else if (link.hasAttribute(ORIGINAL)) {
        link.href = link.getAttribute(ORIGINAL)!;
        link.removeAttribute(ORIGINAL);
      }
    }
    return;
  }
  const href = badgedIcon(count);
  if (links.length === 0) {
    const link = document.createElement("link");
    link.rel = "icon";
    link.type = "image/svg+xml";
    link.setAttribute(ADDED, "");
    link.href = href;
    document.head.appendChild(link);
    return;
  }
  for (const link of links) {
    if (link.getAttribute("href") === href) continue;
    if (!link.hasAttribute(ORIGINAL) && !link.hasAttribute(ADDED))
      link.setAttribute(ORIGINAL, link.getAttribute("href") ?? "");
    link.href = href;
  }
}
