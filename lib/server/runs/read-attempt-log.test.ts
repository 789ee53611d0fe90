// A runner host's log pieces read by byte offset, from the database where this machine has no
// copy and from the attempt folder once the orchestrator mirrored them there: the same bytes.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRun } from "@/lib/server/engine/commands/create-run";
import { mirrorAttemptLogs } from "@/lib/server/engine/reconcile/remote-attempt";
import { pkg, plan, setupEngine } from "@/lib/testing/engine-harness";
import { tempDir } from "@/lib/testing/temp-dir";
import { readAttemptLog, shippedLogSize } from "./read-attempt-log";

describe("a runner host's attempt log", () => {
  it("reads the pieces by offset from the database, then the same from the mirrored file", async () => {
    const { db, project } = await setupEngine();
    const { run } = await createRun(db, {
      projectId: project.id,
      wbs: plan([pkg("WP-1")]),
      options: { agent: "demo" },
    });
    const wp = await db.workPackage.findFirstOrThrow({ where: { runId: run.id } });
    const dir = path.join(tempDir("flotilla-attempt-"), "WP-1");
    const attempt = await db.attempt.create({
      data: {
        workPackageId: wp.id,
        number: 1,
        remote: true,
        runner: "build-box",
        dir,
        logPath: path.join(dir, "agent.log"),
      },
    });
    const pieces = ["line one\nline t", "wo\nline thr", "ee ✓\n"];
    let offset = 0;
    for (const text of pieces) {
      const bytes = Buffer.from(text);
      await db.attemptLog.create({ data: { attemptId: attempt.id, stream: "agent.log", offset, bytes } });
      offset += bytes.length;
    }
    expect(await shippedLogSize(db, attempt.id)).toBe(offset);
    const whole = pieces.join("");
    const fromDatabase = await readAttemptLog(db, attempt, 0);
    expect(fromDatabase).toMatchObject({ text: whole, offset: 0, nextOffset: offset, size: offset });
    expect((await readAttemptLog(db, attempt, 9)).text).toBe("line two\nline three ✓\n");
    expect(await readAttemptLog(db, attempt, offset)).toMatchObject({ text: "", nextOffset: offset });

    // The orchestrator's mirror: appended piece by piece, repeatable, then read from the file.
    expect(await mirrorAttemptLogs(db, attempt.id, dir)).toMatchObject({ "agent.log": offset });
    expect(await mirrorAttemptLogs(db, attempt.id, dir)).toMatchObject({ "agent.log": offset });
    expect(await readAttemptLog(db, attempt, 0)).toEqual(fromDatabase);
  });
});
