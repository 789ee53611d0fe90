// Settles list-like merge conflicts by keeping both sides: for each conflict, this side's lines
// then the other side's lines that this side does not already have (the base section of a
// zdiff3/diff3 conflict is dropped). Right for registries, barrels, changelogs and manifests where
// two packages each added an entry; the demo agent and the test suite's fake agent resolve with it.
// Plain JavaScript so that the agents (small Node programs) can import it as it is.

const OPEN = /^<{7}( |$)/;
const BASE = /^\|{7}( |$)/;
const SPLIT = /^={7}$/;
const CLOSE = /^>{7}( |$)/;

/** The text with every conflict settled, and how many conflicts there were. */
export function keepBothSides(text) {
  const out = [];
  let state = "outside";
  let ours = [];
  let theirs = [];
  let conflicts = 0;
  for (const line of text.split("\n")) {
    if (state === "outside" && OPEN.test(line)) {
      state = "ours";
      ours = [];
      theirs = [];
    } else if (state === "ours" && BASE.test(line)) state = "base";
    else if ((state === "ours" || state === "base") && SPLIT.test(line)) state = "theirs";
    else if (state === "theirs" && CLOSE.test(line)) {
      const have = new Set(ours.filter((l) => l.trim() !== ""));
      out.push(...ours, ...theirs.filter((l) => l.trim() === "" || !have.has(l)));
      conflicts += 1;
      state = "outside";
    } else if (state === "ours") ours.push(line);
    else if (state === "theirs") theirs.push(line);
    else if (state === "outside") out.push(line);
  }
  // An unterminated conflict is left as it was: better a marker a check finds than lost lines.
  if (state !== "outside") return { text, conflicts: 0 };
  return { text: out.join("\n"), conflicts };
}

/**
 * Adds `entry` to the last array literal that closes on a line of its own (`]`, `];`, `])`),
 * in the style of the entries already there; returns null when the text has no such array.
 */
export function addListEntry(text, entry, { json = false } = {}) {
  const lines = text.split("\n");
  const close = lines.findLastIndex((l) => /^\s*\][\s;,)]*$/.test(l));
  if (close < 0) return null;
  let previous = close - 1;
  while (previous >= 0 && lines[previous].trim() === "") previous -= 1;
  const opener = previous >= 0 && /[[(]\s*$/.test(lines[previous]);
  const sample = opener ? null : lines[previous];
  const indent = sample ? /^\s*/.exec(sample)[0] : `${/^\s*/.exec(lines[close])[0]}  `;
  const quote = sample && sample.trim().startsWith("'") ? "'" : '"';
  if (sample && json && !sample.trimEnd().endsWith(",")) lines[previous] = `${sample.trimEnd()},`;
  if (sample && !json && !/[,[(]\s*$/.test(sample)) lines[previous] = `${sample.trimEnd()},`;
  lines.splice(close, 0, `${indent}${quote}${entry}${quote}${json ? "" : ","}`);
  return lines.join("\n");
}
