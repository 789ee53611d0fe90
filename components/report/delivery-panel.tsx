"use client";
// Delivery of a completed run: Push its feature branch to the project's remote, Open a pull
// request with the report (gh or glab) or the forge's compare page, and what is stored: the
// remote, the pushed commit, the pull request, the last error. Only http(s) addresses are links.
import type { ReactNode } from "react";
import { deliverRunAction } from "@/lib/actions/deliver-run";
import { isWebUrl } from "@/lib/core/delivery/delivery-record";
import type { DeliveryView } from "@/lib/server/delivery/delivery-view";
import { ActionForm } from "@/components/ui/action-form";

// The same words on the server and in the browser (no hydration mismatch), as the run list does.
const timeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

const AUTO_WORDS: Record<string, string> = {
  push: "pushed automatically when a run completes",
  pr: "pushed with a pull request automatically when a run completes",
};

function Link({ href, children }: { href: string | null; children: ReactNode }) {
  if (!isWebUrl(href)) return <span className="break-all">{href}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="break-all text-sky-700 underline hover:text-sky-900 dark:text-sky-400 dark:hover:text-sky-300"
    >
      {children}
    </a>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5 sm:flex-row sm:gap-3">
      <dt className="shrink-0 text-zinc-500 sm:w-32 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function DeliveryPanel({
  runId,
  featureBranch,
  delivery,
}: {
  runId: string;
  featureBranch: string | null;
  delivery: DeliveryView;
}) {
  const remote = delivery.remote ?? delivery.configuredRemote;
  const pushedAt = delivery.pushedAt ? new Date(delivery.pushedAt) : null;
  // The newest step was the automatic delivery, and it failed.
  const autoFailed =
    delivery.lastError !== null && delivery.history.at(-1)?.auto === true && !delivery.history.at(-1)?.ok;
  return (
    <section
      aria-labelledby="delivery-heading"
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900"
      data-testid="delivery-panel"
    >
      <div className="flex flex-wrap items-start gap-3">
        <div className="mr-auto min-w-0">
          <h2 id="delivery-heading" className="font-semibold">
            Deliver
          </h2>
          <p className="break-words text-zinc-600 dark:text-zinc-400">
            Push <span className="font-mono break-all">{featureBranch}</span> to{" "}
            <span className="font-mono break-all">{delivery.configuredRemote}</span>, then open a pull request with the
            report.{" "}
            {autoFailed
              ? "The automatic delivery when this run completed failed (below): fix it, then Push again."
              : AUTO_WORDS[delivery.autoDeliver]
                ? `This project's runs are ${AUTO_WORDS[delivery.autoDeliver]}.`
                : "The remote and automatic delivery are in the project's Settings."}
          </p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <ActionForm action={deliverRunAction} fields={{ runId, mode: "push" }} label="Push" pendingLabel="Pushing…" />
          <ActionForm
            action={deliverRunAction}
            fields={{ runId, mode: "pr" }}
            label="Open a pull request"
            pendingLabel="Opening…"
            variant="primary"
          />
        </div>
      </div>
      <dl className="flex flex-col gap-1.5">
        <Fact label="Remote" testId="delivery-remote">
          <span className="font-mono break-all">{remote}</span>
          {delivery.remoteUrl && delivery.remoteUrl !== remote && (
            <span className="text-zinc-500 dark:text-zinc-400">
              {" "}
              (<span className="font-mono break-all">{delivery.remoteUrl}</span>)
            </span>
          )}
        </Fact>
        <Fact label="Pushed commit" testId="delivery-commit">
          {delivery.pushedCommit ? (
            <>
              <span className="font-mono" title={delivery.pushedCommit}>
                {delivery.pushedCommit.slice(0, 12)}
              </span>
              {pushedAt && (
                <span className="text-zinc-500 dark:text-zinc-400">
                  {" "}
                  on <time dateTime={delivery.pushedAt!}>{timeFormat.format(pushedAt)} UTC</time>
                </span>
              )}
            </>
          ) : (
            "not pushed yet"
          )}
        </Fact>
        {(delivery.pullRequest || delivery.compareUrl || delivery.note) && (
          <Fact label="Pull request" testId="delivery-pull-request">
            {delivery.pullRequest ? (
              <Link href={delivery.pullRequest.url}>
                {delivery.pullRequest.number !== null
                  ? `#${delivery.pullRequest.number} ${delivery.pullRequest.url}`
                  : delivery.pullRequest.url}
              </Link>
            ) : (
              <span className="flex flex-col gap-1">
                {delivery.note && <span>{delivery.note}</span>}
                {delivery.compareUrl && (
                  <span data-testid="delivery-compare">
                    <Link href={delivery.compareUrl}>Open the pull request on the compare page</Link>
                  </span>
                )}
              </span>
            )}
          </Fact>
        )}
        {delivery.lastError && (
          <Fact label="Last error" testId="delivery-error">
            <span className="text-red-800 dark:text-red-300">{delivery.lastError}</span>
          </Fact>
        )}
      </dl>
    </section>
  );
}
