import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { AttentionWatcher } from "@/components/attention/attention-watcher";
import { NotificationsButton } from "@/components/attention/notifications-button";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Flotilla", template: "%s · Flotilla" },
  description: "Run a crew of coding agents in parallel on one codebase.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900"
        >
          Skip to content
        </a>
        <header className="border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/80">
          <div className="page-width mx-auto flex h-14 max-w-6xl items-center gap-3 px-6">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
                F
              </span>
              Flotilla
            </Link>
            <span className="hidden text-sm text-zinc-500 sm:inline dark:text-zinc-400">
              parallel coding agents, one codebase
            </span>
            <nav aria-label="Main" className="ml-auto flex items-center gap-3">
              <Link href="/runners" className="text-sm font-medium text-zinc-700 hover:underline dark:text-zinc-300">
                Runners
              </Link>
              <NotificationsButton />
            </nav>
          </div>
        </header>
        <Providers>
          <AttentionWatcher />
          <main id="main" className="page-width mx-auto max-w-6xl px-4 py-8 sm:px-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
