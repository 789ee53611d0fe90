// A project's settings as the settings form and API take them, with a message per bad field.
import { REVIEW_CHOICES } from "../review/review-state";
import { z } from "zod";
import { AGENT_KINDS } from "../agents/agent-types";
import { splitCommandLine } from "../run/command-line";
import { LIMITS } from "../run/run-options";

/** An optional command line: blank means none; otherwise it must split without a shell. */
const commandLine = (label: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): string | null => {
      const v = (raw ?? "").trim();
      if (v === "") return null;
      if (v.length > 2000) ctx.addIssue({ code: "custom", message: `${label} is longer than 2000 characters` });
      const split = splitCommandLine(v);
      if (!split.ok) ctx.addIssue({ code: "custom", message: `${label}: ${split.message}` });
      return v;
    });

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .refine((n) => Number.isInteger(n), `${label} must be a whole number`)
    .refine((n) => n >= min && n <= max, `${label} must be from ${min} to ${max}`);

/** A budget in dollars as typed in a form ("5", "$2.50"); blank means no limit. */
export const budgetUsdField = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((raw, ctx): number | null => {
    const v = typeof raw === "number" ? String(raw) : (raw ?? "").trim().replace(/^\$/, "");
    if (v === "") return null;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || n > 100_000) {
      ctx.addIssue({
        code: "custom",
        message: `The budget must be an amount in dollars from 0.01 to 100000, or blank for no limit (got "${raw}")`,
      });
      return null;
    }
    return Math.round(n * 100) / 100;
  });

export const projectSettingsSchema = z
  .object({
    // An empty field arrives as no value at all: the same words as an empty one.
    name: z
      .string({ error: "Give the project a name" })
      .trim()
      .min(1, "Give the project a name")
      .max(100, "Keep the name under 100 characters"),
    baseBranch: z
      .string({ error: "Name the base branch runs start from" })
      .trim()
      .min(1, "Name the base branch runs start from")
      .max(255, "Keep the branch name under 256 characters"),
    agent: z.enum(AGENT_KINDS, { error: `The agent must be one of ${AGENT_KINDS.join(", ")}` }),
    customCommand: commandLine("The custom agent command"),
    model: z
      .string()
      .trim()
      .max(100, "The model name is too long")
      .regex(/^[A-Za-z0-9._:/-]*$/, "The model name may only use letters, digits and . _ : / -")
      .optional()
      .default(""),
    permissionMode: z
      .enum(["bypassPermissions", "acceptEdits", "default"], { error: "Choose a permission mode" })
      .default("bypassPermissions"),
    sandbox: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()),
    extraArgs: commandLine("Extra arguments"),
    testCommand: commandLine("The test command"),
    setupCommand: commandLine("The set-up command"),
    /** One relative path per line (or comma-separated). */
    copyFiles: z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const files = (raw ?? "")
          .split(/[\n,]/)
          .map((f) => f.trim())
          .filter(Boolean);
        for (const f of files) {
          if (f.startsWith("/") || f.split("/").includes("..") || f.includes("\0")) {
            ctx.addIssue({
              code: "custom",
              message: `Files to copy: "${f}" must be a path inside the repository, such as .env`,
            });
          }
        }
        if (files.length > 50) ctx.addIssue({ code: "custom", message: "Files to copy: at most 50 files" });
        return [...new Set(files)];
      }),
    reviewMode: z
      .enum(REVIEW_CHOICES, { error: `The review mode must be one of ${REVIEW_CHOICES.join(", ")}` })
      .default("auto"),
    concurrency: whole("Concurrency", LIMITS.concurrency.min, LIMITS.concurrency.max),
    staggerSeconds: whole("Stagger", LIMITS.staggerSeconds.min, LIMITS.staggerSeconds.max),
    timeoutSeconds: whole("Timeout", LIMITS.timeoutSeconds.min, LIMITS.timeoutSeconds.max),
    /** Dollars a run may spend; blank: no limit. */
    budgetUsd: budgetUsdField,
    /** Agent rounds on a merge conflict before a person is asked. */
    resolveRounds: whole("Resolution rounds", LIMITS.resolveRounds.min, LIMITS.resolveRounds.max).default(2),
  })
  .superRefine((value, ctx) => {
    if (value.agent === "custom" && !value.customCommand) {
      ctx.addIssue({
        code: "custom",
        path: ["customCommand"],
        message: "The custom agent needs a command line, e.g. python3 my_agent.py",
      });
    }
  });

export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;
export type ProjectSettings = z.output<typeof projectSettingsSchema>;

/** Settings problems as one message: each names its field the way the form labels it. */
export function formatSettingsIssues(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join("; ");
}
