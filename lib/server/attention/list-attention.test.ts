import { describe, expect, it } from "vitest";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { listAttention } from "./list-attention";

describe("what needs a person, across runs", () => {
  it("lists a failed run and a completed one; a run settled more than a day ago is left out", async () => {
    const engine = await setupEngine();
    const failed = await engine.run(plan([pkg("WP-1")], "Break it"), "default=fail");
    const done = await engine.run(plan([pkg("WP-1")], "Make it"), "default=succeed");
    const view = await listAttention(engine.db);
    expect(view.items.map((i) => [i.runId, i.kind, i.wpId, i.href])).toEqual([
      [failed.run.id, "failed", "WP-1", `/runs/${failed.run.id}?wp=WP-1`],
      [done.run.id, "completed", undefined, `/runs/${done.run.id}`],
    ]);
    expect(view.count).toBe(1);
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect(await listAttention(engine.db, later)).toEqual({ count: 0, items: [] });
  });
});
