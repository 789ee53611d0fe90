import Link from "next/link";
import type { ReactNode } from "react";

/** A page title with a way back and optional actions on the right. */
export function PageHeader({
  title,
  back,
  children,
  subtitle,
}: {
  title: string;
  back?: { href: string; label: string };
  subtitle?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {back && (
          <Link href={back.href} className="text-sm text-indigo-700 hover:underline dark:text-indigo-400">
            ← {back.label}
          </Link>
        )}
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{title}</h1>
        {subtitle && <div className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</div>}
      </div>
      {children && <div className="flex flex-wrap items-center gap-2">{children}</div>}
    </div>
  );
}
