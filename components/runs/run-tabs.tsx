"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** Plan or Monitor, Review, Report: the run's pages. */
export function RunTabs({ runId, planned }: { runId: string; planned: boolean }) {
  const pathname = usePathname();
  const tabs = [
    { href: `/runs/${runId}`, label: planned ? "Plan" : "Monitor" },
    ...(planned
      ? []
      : [
          { href: `/runs/${runId}/review`, label: "Review" },
          { href: `/runs/${runId}/report`, label: "Report" },
        ]),
  ];
  return (
    <nav aria-label="Run pages" className="mb-5 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? "border-indigo-600 font-medium text-indigo-700 dark:text-indigo-300" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
