// The team-of-teams launch.sh for one package, fixed so it really works: the package gets its
// own worktree on a new branch (adding a worktree on the branch already checked out fails), and
// exit-code and .done are written whatever happens. Values are single-quoted for the shell.

/** Quotes a value for a POSIX shell: nothing inside is interpreted. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface LaunchScriptInput {
  wpId: string;
  name: string;
  repoPath: string;
  baseRef: string;
  branch: string;
}

export function renderLaunchScript(input: LaunchScriptInput): string {
  return `#!/usr/bin/env bash
# Work package ${input.wpId}: ${input.name.replace(/[\r\n]+/g, " ")}
# Runs \`claude -p\` on instructions.md in the package's own worktree, on its own branch.
# Writes output.md, agent.log, pid, exit-code and .done next to this script.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO=${shellQuote(input.repoPath)}
BASE=${shellQuote(input.baseRef)}
BRANCH=${shellQuote(input.branch)}
WORKTREE="$HERE/worktree"

finish() {
  echo "$1" > "$HERE/exit-code"
  touch "$HERE/.done"
  exit "$1"
}

rm -f "$HERE/.done" "$HERE/exit-code"
echo $$ > "$HERE/pid"
if [ ! -e "$WORKTREE/.git" ]; then
  if git -C "$REPO" show-ref --verify --quiet "refs/heads/$BRANCH"; then
    git -C "$REPO" worktree add "$WORKTREE" "$BRANCH" >> "$HERE/agent.log" 2>&1 || finish 1
  else
    git -C "$REPO" worktree add -b "$BRANCH" "$WORKTREE" "$BASE" >> "$HERE/agent.log" 2>&1 || finish 1
  fi
fi
cd "$WORKTREE" || finish 1
unset CLAUDECODE
claude -p --dangerously-skip-permissions < "$HERE/instructions.md" > "$HERE/output.md" 2>> "$HERE/agent.log"
finish $?
`;
}

/** Launches every package wave by wave, 12 s apart, waiting for each wave's .done files. */
export function renderLaunchAllScript(waves: string[][], staggerSeconds = 12): string {
  const waveLines = waves.map((wave, i) => `run_wave ${i + 1} ${wave.map(shellQuote).join(" ")}`);
  return `#!/usr/bin/env bash
# Launches the packages wave by wave (a wave starts when the previous one is done), ${staggerSeconds} s
# between starts. Merge each wave's branches before the next wave if its packages build on them.
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"

run_wave() {
  local number="$1"; shift
  echo "Wave $number: $*"
  local first=1
  for wp in "$@"; do
    [ "$first" -eq 1 ] || sleep ${staggerSeconds}
    first=0
    rm -f "$HERE/$wp/.done"
    bash "$HERE/$wp/launch.sh" &
    echo "  $wp launched (pid $!)"
  done
  for wp in "$@"; do
    while [ ! -f "$HERE/$wp/.done" ]; do sleep 5; done
    echo "  $wp finished with exit code $(cat "$HERE/$wp/exit-code")"
  done
}

${waveLines.join("\n")}
`;
}
