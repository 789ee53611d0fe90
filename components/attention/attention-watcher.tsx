"use client";
// Mounted once in the layout, in every Flotilla tab: polls what needs a person across all runs,
// puts the count in the tab's title and favicon, and raises a browser notification for each new
// item once notifications are on. Polling goes on in a hidden tab: that is when it matters most.
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useSyncExternalStore } from "react";
import {
  applyFavicon,
  notificationState,
  serverNotificationState,
  subscribeNotificationState,
  takeUnseen,
  titleWithCount,
} from "@/lib/client/attention-browser";
import { fetchJson } from "@/lib/client/fetch-json";
import type { AttentionView } from "@/lib/server/attention/list-attention";

export const attentionKey = ["attention"] as const;
const POLL_MS = 4_000;

export function AttentionWatcher() {
  const router = useRouter();
  // Signing in comes first: the API answers only a signed-in browser.
  const signingIn = usePathname() === "/sign-in";
  const state = useSyncExternalStore(subscribeNotificationState, notificationState, serverNotificationState);
  const { data } = useQuery({
    queryKey: attentionKey,
    queryFn: () => fetchJson<AttentionView>("/api/attention", { cache: "no-store" }),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
    enabled: !signingIn,
  });
  const count = data?.count ?? 0;

  // The title and favicon follow the count; Next.js sets a new title on each navigation.
  useEffect(() => {
    const apply = () => {
      const title = titleWithCount(document.title, count);
      if (document.title !== title) document.title = title;
      applyFavicon(count);
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["href"],
    });
    return () => observer.disconnect();
  }, [count]);

  useEffect(() => {
    if (state !== "on" || !data) return;
    // Once marked seen, an item is shown here even if this effect ran again meanwhile.
    void takeUnseen(data.items.map((i) => i.id)).then((fresh) => {
      for (const item of data.items) {
        if (!fresh.has(item.id)) continue;
        try {
          const note = new Notification(item.title, { body: item.body, tag: item.id });
          note.onclick = () => {
            window.focus();
            router.push(item.href);
            note.close();
          };
        } catch (err) {
          console.warn("[flotilla] could not show a notification:", err);
        }
      }
    });
  }, [data, state, router]);

  return (
    <p className="sr-only" aria-live="polite" data-testid="attention-count">
      {count > 0 ? `${count} ${count === 1 ? "thing needs" : "things need"} you` : ""}
    </p>
  );
}
