import { expect, it } from "vitest";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { retryFailed } from "@/lib/server/engine/commands/retry-package";
import { loadRunSnapshot } from "@/lib/server/engine/state/run-snapshot";

it("Retry failed retries the packages that failed, not the ones blocked behind them, and the banner names only those", async () => {
  const { ctx, run, drive, db } = await setupEngine();
  const state = tempDir();
  const first = await run(
    plan([pkg("WP-1"), pkg("WP-2", ["WP-1"]), pkg("WP-3")]),
    `WP-1=fail-once WP-3=fail-once state=${state}`,
  );
  expect(first.run.status).toBe("failed");
  expect(first.run.statusReason).toBe("WP-1, WP-2, WP-3 did not merge; retry WP-1 and WP-3 to finish the run");
  expect(first.run.reasonCode).toBe("unmerged");

  expect(await retryFailed(ctx, first.run.id)).toEqual(["WP-1", "WP-3"]);
  expect(await drive(first.run.id)).toBe("completed");
  const after = await loadRunSnapshot(db, first.run.id);
  expect(after.packages.map((p) => [p.wpId, p.status, p.attempts.length])).toEqual([
    ["WP-1", "merged", 2],
    ["WP-2", "merged", 1],
    ["WP-3", "merged", 2],
  ]);
  await expect(retryFailed(ctx, first.run.id)).rejects.toThrow("No package of this run needs a retry");
});
