import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { INTERNAL_ERROR_MESSAGE, UserError } from "@/lib/server/errors";
import { IDLE } from "./action-state";
import { formAction } from "./safe-action";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

const action = formAction(
  z.object({ path: z.string({ error: "Enter a path" }), count: z.coerce.number().max(10, "At most 10") }),
  async (input) => {
    if (input.path === "/conflict") throw new UserError("Already there", "conflict", { path: "Already there" });
    if (input.path === "/crash") throw new Error("database exploded at /secret/place");
    return `ok ${input.path} ${input.count}`;
  },
);

describe("formAction", () => {
  it("passes validated input to the handler", async () => {
    expect(await action(IDLE, form({ path: "/x", count: "3" }))).toEqual({ status: "ok", message: "ok /x 3" });
  });
  it("returns one message per invalid field, and the submitted values", async () => {
    const state = await action(IDLE, form({ path: "", count: "11" }));
    expect(state).toMatchObject({
      status: "error",
      fieldErrors: { path: "Enter a path", count: "At most 10" },
      values: { path: undefined, count: "11" },
    });
  });
  it("shows a user error's message", async () => {
    expect(await action(IDLE, form({ path: "/conflict", count: "1" }))).toMatchObject({
      status: "error",
      error: "Already there",
      fieldErrors: { path: "Already there" },
    });
  });
  it("hides a crash's internals behind a generic message", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const state = await action(IDLE, form({ path: "/crash", count: "1" }));
    expect(state).toMatchObject({ status: "error", error: INTERNAL_ERROR_MESSAGE });
    expect(JSON.stringify(state)).not.toContain("/secret/place");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
