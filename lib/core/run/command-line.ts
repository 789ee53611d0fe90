// Splits a configured command line into arguments the way a POSIX shell would quote them, but
// never runs a shell: operators such as && | ; > $( ) and backticks are refused with a message,
// because nothing would interpret them.

export type SplitResult = { ok: true; argv: string[] } | { ok: false; message: string };

const OPERATOR = /^(?:&&|\|\||[|;&<>]|>>|<<|2>|2>&1|&>)$/;

export function splitCommandLine(input: string): SplitResult {
  const words: Array<{ value: string; quoted: boolean }> = [];
  let current = "";
  let currentQuoted = false;
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const fail = (message: string): SplitResult => ({ ok: false, message });

  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === "\0") return fail("The command contains a NUL byte: retype it");
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === "\\" && i + 1 < input.length && '"\\$`'.includes(input[i + 1])) current += input[++i];
      else if (ch === "$" || ch === "`")
        return fail(
          `"${ch}" inside double quotes would need a shell to expand it; Flotilla runs commands without one. Use single quotes for a literal.`,
        );
      else current += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) {
        words.push({ value: current, quoted: currentQuoted });
        current = "";
        currentQuoted = false;
        inWord = false;
      }
      continue;
    }
    inWord = true;
    if (ch === "'" || ch === '"') {
      quote = ch;
      currentQuoted = true;
    } else if (ch === "\\" && i + 1 < input.length) {
      current += input[++i];
      currentQuoted = true;
    } else if (ch === "`" || (ch === "$" && input[i + 1] === "(")) {
      return fail(
        "Command substitution ($(...) or backticks) needs a shell; Flotilla runs commands without one. Put the steps in a script and run that.",
      );
    } else current += ch;
  }
  if (quote) return fail(`The command has an unclosed ${quote === '"' ? "double" : "single"} quote: close it`);
  if (inWord) words.push({ value: current, quoted: currentQuoted });
  if (words.length === 0) return fail("The command is empty: enter a program and its arguments, e.g. npm test");
  const word = words.find((w) => !w.quoted && (OPERATOR.test(w.value) || /^[^'"]*[;|&<>]/.test(w.value)))?.value;
  // Name the operator itself ("a;" says ";"), as the person would search for it.
  const operator = word && (OPERATOR.test(word) ? word : /&&|\|\||>>|<<|&>|[;|&<>]/.exec(word)?.[0]);
  if (operator) {
    return fail(
      `"${operator}" is a shell operator, but Flotilla runs commands without a shell: put the steps in a script (e.g. an npm script) and run that`,
    );
  }
  return { ok: true, argv: words.map((w) => w.value) };
}
