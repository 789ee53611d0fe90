// What a model's tokens cost, for agent CLIs that report tokens but not dollars (Codex). A small
// table in dollars per million tokens: list prices built in, and the project's own lines, which
// win. A model is priced only by its exact name: a near match could be a different price.
import { z } from "zod";

export const modelPriceSchema = z.object({
  model: z.string().trim().min(1).max(100),
  /** Dollars per million input tokens not read from the cache. */
  input: z.number().min(0).max(10_000),
  /** Dollars per million input tokens read from the cache. */
  cachedInput: z.number().min(0).max(10_000),
  /** Dollars per million output tokens (reasoning included). */
  output: z.number().min(0).max(10_000),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** List prices as of late 2025: OpenAI's (standard tier) for the models Codex commonly runs. */
export const BUILT_IN_PRICES: readonly ModelPrice[] = [
  { model: "gpt-5", input: 1.25, cachedInput: 0.125, output: 10 },
  { model: "gpt-5-codex", input: 1.25, cachedInput: 0.125, output: 10 },
  { model: "gpt-5.1", input: 1.25, cachedInput: 0.125, output: 10 },
  { model: "gpt-5.1-codex", input: 1.25, cachedInput: 0.125, output: 10 },
  { model: "gpt-5-mini", input: 0.25, cachedInput: 0.025, output: 2 },
  { model: "gpt-5.1-codex-mini", input: 0.25, cachedInput: 0.025, output: 2 },
  { model: "gpt-5-nano", input: 0.05, cachedInput: 0.005, output: 0.4 },
  { model: "gpt-4.1", input: 2, cachedInput: 0.5, output: 8 },
  { model: "o3", input: 2, cachedInput: 0.5, output: 8 },
  { model: "o4-mini", input: 1.1, cachedInput: 0.275, output: 4.4 },
  // Google's list prices (paid tier, prompts up to 200k tokens) for the Gemini CLI's models.
  { model: "gemini-2.5-pro", input: 1.25, cachedInput: 0.31, output: 10 },
  { model: "gemini-2.5-flash", input: 0.3, cachedInput: 0.075, output: 2.5 },
  { model: "gemini-2.5-flash-lite", input: 0.1, cachedInput: 0.025, output: 0.4 },
];

/** The project's line for the model, else the built-in one; null when neither knows it. */
export function priceFor(model: string | null | undefined, own: readonly ModelPrice[]): ModelPrice | null {
  if (!model) return null;
  return own.find((p) => p.model === model) ?? BUILT_IN_PRICES.find((p) => p.model === model) ?? null;
}

export interface TokenUsage {
  /** All input tokens, cached ones included. */
  input: number;
  cachedInput: number;
  output: number;
}

export function costOf(usage: TokenUsage, price: ModelPrice): number {
  const cached = Math.min(usage.cachedInput, usage.input);
  return ((usage.input - cached) * price.input + cached * price.cachedInput + usage.output * price.output) / 1_000_000;
}

/** The settings' text: "MODEL INPUT CACHED OUTPUT" in $ per million tokens, models apart by ";". */
export function formatModelPrices(prices: readonly ModelPrice[]): string {
  return prices.map((p) => `${p.model} ${p.input} ${p.cachedInput} ${p.output}`).join("; ");
}

const LINE = /^([A-Za-z0-9._:/@-]{1,100})\s+(\S+)\s+(\S+)\s+(\S+)$/;

/** Reads the form's text back; a bad line is named with what to write instead. */
export function parseModelPrices(text: string): { ok: true; prices: ModelPrice[] } | { ok: false; message: string } {
  const prices: ModelPrice[] = [];
  const lines = text
    .split(/[\n;]/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  if (lines.length > 50) return { ok: false, message: "Model prices: at most 50 models" };
  for (const [index, line] of lines.entries()) {
    const match = LINE.exec(line.replace(/\$/g, ""));
    const numbers = match ? match.slice(2).map(Number) : [];
    if (!match || numbers.some((n) => !Number.isFinite(n) || n < 0 || n > 10_000)) {
      return {
        ok: false,
        message: `Model prices, entry ${index + 1} ("${line.slice(0, 60)}"): write the model and three prices in dollars per million tokens (input, cached input, output), e.g. gpt-5-codex 1.25 0.125 10`,
      };
    }
    const [input, cachedInput, output] = numbers;
    const model = match[1];
    const at = prices.findIndex((p) => p.model === model);
    if (at >= 0) prices.splice(at, 1);
    prices.push({ model, input, cachedInput, output });
  }
  return { ok: true, prices };
}
