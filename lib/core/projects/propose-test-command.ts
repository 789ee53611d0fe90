// A test command to propose for a repository, from what it holds: an npm test script, pytest,
// go test, cargo test, or a Makefile test target. Only a proposal: the person confirms it.

export interface TestCommandProposal {
  command: string;
  /** Where it came from, in words ("package.json's test script"). */
  because: string;
}

export interface RepositoryFacts {
  /** Tracked files, relative paths. */
  files: readonly string[];
  packageJson: string | null;
  makefile: string | null;
}

function npmTestScript(packageJson: string | null): string | null {
  if (!packageJson) return null;
  try {
    const test = (JSON.parse(packageJson) as { scripts?: Record<string, unknown> }).scripts?.test;
    // npm's placeholder for "no tests yet" is not a test suite.
    return typeof test === "string" && test.trim() !== "" && !/no test specified/.test(test) ? test : null;
  } catch {
    return null;
  }
}

export function proposeTestCommand(repo: RepositoryFacts): TestCommandProposal | null {
  const has = new Set(repo.files);
  const any = (test: (file: string) => boolean) => repo.files.some(test);
  if (npmTestScript(repo.packageJson)) {
    const runner = has.has("pnpm-lock.yaml") ? "pnpm" : has.has("yarn.lock") ? "yarn" : "npm";
    return { command: `${runner} test`, because: "package.json's test script" };
  }
  if (has.has("Cargo.toml")) return { command: "cargo test", because: "Cargo.toml" };
  if (has.has("go.mod")) return { command: "go test ./...", because: "go.mod" };
  const python =
    has.has("pytest.ini") ||
    has.has("conftest.py") ||
    ((has.has("pyproject.toml") || has.has("setup.py") || has.has("setup.cfg") || has.has("tox.ini")) &&
      any((f) => /(^|\/)(test_[^/]*|[^/]*_test)\.py$/.test(f)));
  if (python) return { command: "python3 -m pytest", because: "pytest tests" };
  if (repo.makefile && /^test\s*:/m.test(repo.makefile))
    return { command: "make test", because: "the Makefile's test target" };
  return null;
}
