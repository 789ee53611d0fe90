import { expect, it } from "vitest";
import { withRepoLock } from "./repo-lock";

it("runs work on one repository one at a time, in order, even after a failure", async () => {
  const order: string[] = [];
  const step =
    (name: string, ms: number, fail = false) =>
    () =>
      new Promise<string>((resolve, reject) => {
        order.push(`start ${name}`);
        setTimeout(() => {
          order.push(`end ${name}`);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms);
      });
  const results = await Promise.allSettled([
    withRepoLock("/r", step("a", 20, true)),
    withRepoLock("/r", step("b", 1)),
    withRepoLock("/other", step("c", 1)),
  ]);
  expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
  expect(order.indexOf("start b")).toBeGreaterThan(order.indexOf("end a"));
  expect(order.indexOf("start c")).toBeLessThan(order.indexOf("end a"));
});
