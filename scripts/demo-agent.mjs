#!/usr/bin/env node
// Flotilla's built-in offline agent. Reads a package's instructions.md on stdin and, for each
// expected output, writes a plausible file whose header names the package and its scope, in the
// language the extension implies. It paces itself (FLOTILLA_DEMO_DELAY_MS per file, default 1500)
// so monitoring is visible, and exits 0. No network, no key, no CLI needed.
// A file that already exists is added to rather than replaced: an entry in its last list (a
// registry, a barrel), or a line at its end. As a resolver (FLOTILLA_ROLE=resolve) it settles
// list-like conflicts by keeping both sides.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { addListEntry, keepBothSides } from "./keep-both-sides.mjs";

const delayMs = Number(process.env.FLOTILLA_DEMO_DELAY_MS ?? 1500);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const instructions = readFileSync(0, "utf8");

const title = /^# Work Package ([^:]+): (.+)$/m.exec(instructions);
const wpId = title?.[1]?.trim() ?? process.env.FLOTILLA_WP_ID ?? "WP";
const name = title?.[2]?.trim() ?? "work package";
const scope = (/## Task\n([\s\S]*?)\n\n/.exec(instructions)?.[1] ?? name).trim();

/** The paths listed under "Files to create/modify:" in the Expected Output section. */
function expectedOutputs(text) {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("- Files to create/modify:"));
  if (start < 0) return [];
  const paths = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^ {2}- (.+)$/.exec(line);
    if (!match) break;
    paths.push(match[1].trim());
  }
  return paths;
}

const identifier = (file) => {
  const base = path
    .basename(file)
    .replace(/\..*$/, "")
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ""));
  return /^[A-Za-z_]/.test(base) ? base : `module${base}`;
};
const commentBlock = (prefix) =>
  [
    `${prefix} ${wpId}: ${name}`,
    `${prefix} Scope: ${scope.split("\n")[0]}`,
    `${prefix} Written by Flotilla's demo agent.`,
  ].join("\n");

/** File content for `file`, in the language its extension implies. */
function contentFor(file) {
  const ext = path.extname(file).toLowerCase();
  const id = identifier(file);
  const camel = id.charAt(0).toLowerCase() + id.slice(1);
  switch (ext) {
    case ".ts":
    case ".tsx":
    case ".js":
    case ".jsx":
    case ".mjs":
    case ".cjs": {
      const typed = ext.startsWith(".ts");
      return `${commentBlock("//")}\n\nexport function ${camel}(input${typed ? ": string" : ""})${typed ? ": string" : ""} {\n  return \`${wpId} handled \${input}\`;\n}\n`;
    }
    case ".py":
      return `${commentBlock("#")}\n\n\ndef ${camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}(value: str) -> str:\n    return f"${wpId} handled {value}"\n`;
    case ".go":
      return `${commentBlock("//")}\n\npackage ${
        path
          .basename(path.dirname(file))
          .replace(/[^a-z0-9]/gi, "")
          .toLowerCase() || "main"
      }\n\n// ${id} reports what handled the value.\nfunc ${id}(value string) string {\n\treturn "${wpId} handled " + value\n}\n`;
    case ".rs":
      return `${commentBlock("//")}\n\npub fn ${camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}(value: &str) -> String {\n    format!("${wpId} handled {}", value)\n}\n`;
    case ".md":
      return `# ${name}\n\n${scope}\n\n_${wpId}, written by Flotilla's demo agent._\n`;
    case ".json":
      return `${JSON.stringify({ workPackage: wpId, name, scope: scope.split("\n")[0] }, null, 2)}\n`;
    case ".css":
    case ".scss":
      return `/* ${wpId}: ${name} */\n.${camel.toLowerCase()} {\n  display: block;\n}\n`;
    case ".html":
      return `<!-- ${wpId}: ${name} -->\n<section class="${camel.toLowerCase()}">\n  <h2>${name.replace(/[<>&"]/g, "")}</h2>\n</section>\n`;
    case ".sql":
      return `-- ${wpId}: ${name}\nCREATE TABLE IF NOT EXISTS ${camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} (id INTEGER PRIMARY KEY);\n`;
    case ".yml":
    case ".yaml":
    case ".toml":
    case ".sh":
    case ".rb":
      return `${commentBlock("#")}\n`;
    default:
      return `${wpId}: ${name}\n${scope}\n`;
  }
}

const role = process.env.FLOTILLA_ROLE ?? "implement";
if (role === "spec-review" || role === "quality-review") {
  // The demo agent approves what it wrote: it cannot judge code.
  await sleep(Math.min(delayMs, 500));
  console.log(`Demo ${role.replace("-", " ")}er: the expected files are there.`);
  console.log(JSON.stringify({ verdict: "approve", issues: [] }));
  process.exit(0);
}

const inside = (file) => {
  const target = path.resolve(file);
  return target.startsWith(process.cwd() + path.sep) ? target : null;
};

if (role === "resolve") {
  // The files git left with markers: named by Flotilla, or asked of git.
  const named = process.env.FLOTILLA_CONFLICT_FILES ? JSON.parse(process.env.FLOTILLA_CONFLICT_FILES) : null;
  const conflicted =
    named ??
    execFileSync("git", ["diff", "--name-only", "--diff-filter=U"], { encoding: "utf8" }).split("\n").filter(Boolean);
  console.log(`Demo resolver for ${wpId}: ${conflicted.length} conflicted file(s)`);
  for (const file of conflicted) {
    const target = inside(file);
    if (!target || !existsSync(target)) continue;
    await sleep(Math.min(delayMs, 500));
    const { text, conflicts } = keepBothSides(readFileSync(target, "utf8"));
    writeFileSync(target, text);
    console.log(`Kept both sides of ${conflicts} conflict(s) in ${file}`);
  }
  process.exit(0);
}

const files = expectedOutputs(instructions);
console.log(`Demo agent working on ${wpId} (${name}): ${files.length} file(s)`);
// What an existing list gets: this package's first new file, relative to the list's folder.
const created = files.find((f) => inside(f) && !existsSync(inside(f)));
// A fix only notes the feedback (below): the files are there already.
for (const file of role === "fix" ? [] : files) {
  const target = inside(file);
  if (!target) {
    console.error(`skipping ${file}: outside the working directory`);
    continue;
  }
  await sleep(delayMs);
  mkdirSync(path.dirname(target), { recursive: true });
  if (existsSync(target)) {
    const before = readFileSync(target, "utf8");
    const entry = created
      ? `./${path.relative(path.dirname(file), created).split(path.sep).join("/")}`.replace(/^\.\/\.\.\//, "../")
      : wpId;
    const listed = addListEntry(before, entry, { json: file.endsWith(".json") });
    const comment = /\.(py|rb|sh|ya?ml|toml)$/.test(file) ? "#" : /\.(md|txt)$/.test(file) ? "-" : "//";
    writeFileSync(target, listed ?? `${before.replace(/\n?$/, "\n")}${comment} ${wpId}: ${name}\n`);
    console.log(listed ? `Added ${entry} to the list in ${file}` : `Added a line to ${file}`);
    continue;
  }
  writeFileSync(target, contentFor(file));
  console.log(`Wrote ${file}`);
}
if (role === "fix" && files.length > 0) {
  // A fix: note the first issue in the first file, so the change is visible in the diff.
  const issue = (/## Issues\n- (.+)/.exec(instructions)?.[1] ?? "review feedback").slice(0, 200);
  const target = path.resolve(files[0]);
  const comment = /\.(py|rb|sh|ya?ml|toml)$/.test(files[0]) ? "#" : /\.(md|html)$/.test(files[0]) ? ">" : "//";
  const before = existsSync(target) ? readFileSync(target, "utf8") : "";
  writeFileSync(target, `${before}${comment} Fixed after review: ${issue}\n`);
  console.log(`Applied the review feedback to ${files[0]}`);
}
console.log(`${wpId} done: wrote ${files.length} file(s).`);
