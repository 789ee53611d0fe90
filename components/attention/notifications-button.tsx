"use client";
// The header's "Turn on notifications": the browser's permission is asked for only on this click.
// Shows whether they are on, or blocked (the browser's site settings can allow them again).
import { useState, useSyncExternalStore } from "react";
import {
  notificationState,
  serverNotificationState,
  subscribeNotificationState,
  turnOffNotifications,
  turnOnNotifications,
} from "@/lib/client/attention-browser";

/** A bell, struck through when notifications are off (drawn, so no emoji font is needed). */
function Bell({ off }: { off: boolean }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className="h-4 w-4"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}

const BASE =
  "inline-flex items-center gap-1.5 rounded-md border px-2.5 py-1.5 text-xs font-medium transition-colors sm:text-sm";

export function NotificationsButton() {
  const state = useSyncExternalStore(subscribeNotificationState, notificationState, serverNotificationState);
  const [asking, setAsking] = useState(false);
  if (state === "unsupported") return null;
  if (state === "blocked")
    return (
      <span
        className={`${BASE} border-zinc-200 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300`}
        title="This browser blocks Flotilla's notifications: allow them in the site settings (the icon left of the address), then reload"
        data-testid="notifications-state"
      >
        <Bell off />
        <span className="sr-only sm:not-sr-only">Notifications blocked</span>
        <span className="sr-only">
          : allow them in the browser&apos;s site settings (the icon left of the address), then reload
        </span>
      </span>
    );
  const on = state === "on";
  return (
    <button
      type="button"
      disabled={asking}
      onClick={async () => {
        if (on) return turnOffNotifications();
        setAsking(true);
        try {
          await turnOnNotifications();
        } finally {
          setAsking(false);
        }
      }}
      title={
        on
          ? "You are told when a run needs you or completes, in every open Flotilla tab. Click to turn them off."
          : "Get a browser notification when a run needs you or completes"
      }
      className={`${BASE} ${
        on
          ? "border-indigo-300 bg-indigo-50 text-indigo-800 hover:bg-indigo-100 dark:border-indigo-700 dark:bg-indigo-950/60 dark:text-indigo-200 dark:hover:bg-indigo-900/60"
          : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
      } disabled:cursor-wait`}
      data-testid="notifications-state"
    >
      <Bell off={!on} />
      <span className="sr-only sm:not-sr-only">{on ? "Notifications on" : "Turn on notifications"}</span>
    </button>
  );
}
