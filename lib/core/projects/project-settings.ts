// A project's settings as the settings form and API take them, with a message per bad field.
import { REVIEW_CHOICES } from "../review/review-state";
import { z } from "zod";
import { modelPriceSchema, parseModelPrices, type ModelPrice } from "../agents/model-prices";
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

/** An amount in dollars as typed in a form ("5", "$2.50"); blank means no limit. */
const dollarsField = (label: string) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((raw, ctx): number | null => {
      const v = typeof raw === "number" ? String(raw) : (raw ?? "").trim().replace(/^\$/, "");
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || n > 100_000) {
        ctx.addIssue({
          code: "custom",
          message: `${label} must be an amount in dollars from 0.01 to 100000, or blank for no limit (got "${raw}")`,
        });
        return null;
      }
      return Math.round(n * 100) / 100;
    });

/** A budget in dollars as typed in a form ("5", "$2.50"); blank means no limit. */
export const budgetUsdField = dollarsField("The budget");
/** The cap per package as typed in a form; blank means no cap. */
export const packageCapField = dollarsField("The cap per package");

/** An optional number in a range; blank means "automatic" (null). */
const optionalNumber = (label: string, min: number, max: number, wholeOnly: boolean, blank: string) =>
  z
    .union([z.string(), z.number(), z.null()])
    .optional()
    .transform((raw, ctx): number | null => {
      const v = typeof raw === "number" ? String(raw) : (raw ?? "").trim();
      if (v === "") return null;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max || (wholeOnly && !Number.isInteger(n))) {
        ctx.addIssue({
          code: "custom",
          message: `${label} must be ${wholeOnly ? "a whole number" : "a number"} from ${min} to ${max}, or blank for ${blank} (got "${raw}")`,
        });
        return null;
      }
      return n;
    });

/** Remote names git accepts, or a URL / path git can reach; never something git reads as an option. */
export const remoteField = z
  .string()
  .optional()
  .transform((raw, ctx): string | null => {
    const v = (raw ?? "").trim();
    if (v === "") return null;
    if (v.length > 2000 || v.startsWith("-") || /[\s\0]/.test(v))
      ctx.addIssue({
        code: "custom",
        message: `The remote must be a remote's name (such as origin) or a URL git can reach, without spaces and not starting with "-" (got "${v.slice(0, 80)}")`,
      });
    return v;
  });

export const AUTO_DELIVER = ["off", "push", "pr"] as const;
export type AutoDeliver = (typeof AUTO_DELIVER)[number];

/** Webhook URLs, comma- or newline-separated: http(s) only, at most 10. */
export const webhooksField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw, ctx): string[] => {
    const list = (Array.isArray(raw) ? raw : (raw ?? "").split(/[\n,]/)).map((u) => u.trim()).filter(Boolean);
    for (const u of list) {
      let ok = false;
      try {
        const url = new URL(u);
        ok = (url.protocol === "http:" || url.protocol === "https:") && u.length <= 2000;
      } catch {
        ok = false;
      }
      if (!ok)
        ctx.addIssue({
          code: "custom",
          message: `Webhooks: "${u.slice(0, 80)}" is not an http:// or https:// URL, such as https://hooks.slack.com/services/…`,
        });
    }
    if (list.length > 10) ctx.addIssue({ code: "custom", message: "Webhooks: at most 10 URLs" });
    return [...new Set(list)];
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
    /** "MODEL INPUT CACHED OUTPUT" ($ per million tokens), entries apart by ";" or new lines. */
    modelPrices: z
      .union([
        z.string().max(5000, "Model prices: keep the list under 5,000 characters"),
        z.array(modelPriceSchema).max(50, "Model prices: at most 50 models"),
      ])
      .optional()
      .transform((raw, ctx): ModelPrice[] => {
        if (Array.isArray(raw)) return raw;
        const parsed = parseModelPrices(raw ?? "");
        if (parsed.ok) return parsed.prices;
        ctx.addIssue({ code: "custom", message: parsed.message });
        return [];
      }),
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
    /** Dollars one package may spend; blank: no cap. */
    packageBudgetUsd: packageCapField,
    /** Free memory a new agent needs to start (MB); blank: from the machine's size. */
    minFreeMemoryMb: optionalNumber(
      "Free memory to start an agent",
      LIMITS.minFreeMemoryMb.min,
      LIMITS.minFreeMemoryMb.max,
      true,
      "the machine's default",
    ),
    /** The 1-minute load per core under which a new agent may start; blank: the default. */
    maxLoadPerCore: optionalNumber(
      "Load per core to start an agent",
      LIMITS.maxLoadPerCore.min,
      LIMITS.maxLoadPerCore.max,
      false,
      "the default",
    ),
    remote: remoteField,
    autoDeliver: z
      .enum(AUTO_DELIVER, {
        error: `When a run completes must be one of ${AUTO_DELIVER.join(", ")} (off, push the branch, or push and open a pull request)`,
      })
      .default("off"),
    webhooks: webhooksField,
  })
  .superRefine((value, ctx) => {
    if (value.agent === "custom" && !value.customCommand) {
      ctx.addIssue({
        code: "custom",
        path: ["customCommand"],
        message: "The custom agent needs a command line, e.g. python3 my_agent.py",
      });
    }
    if (value.agent === "acp" && !value.customCommand) {
      ctx.addIssue({
        code: "custom",
        path: ["customCommand"],
        message: "The ACP agent needs its command line, e.g. npx @zed-industries/codex-acp",
      });
    }
  });

export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;
export type ProjectSettings = z.output<typeof projectSettingsSchema>;

/** Settings problems as one message: each names its field the way the form labels it. */
export function formatSettingsIssues(error: z.ZodError): string {
  return error.issues.map((issue) => issue.message).join("; ");
}
