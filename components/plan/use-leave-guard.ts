"use client";
// Asks before unsaved edits are lost: on reload or closing the tab (the browser's own prompt), and
// on any link inside the app (Next.js navigates without unloading, so a click is caught first).
import { useEffect } from "react";

export function useLeaveGuard(active: boolean, question: string): void {
  useEffect(() => {
    if (!active) return;
    const onUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    const onClick = (event: MouseEvent) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented) return;
      const href = link.getAttribute("href") ?? "";
      const newTab = link.target === "_blank" || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0;
      if (href.startsWith("#") || newTab) return;
      if (!window.confirm(question)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onUnload);
    // Capture, on the window: before Next.js's link handler sees the click.
    window.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onUnload);
      window.removeEventListener("click", onClick, true);
    };
  }, [active, question]);
}
