import { describe, expect, it } from "vitest";
import { renderResolvePrompt } from "./resolve-prompt";

describe("the resolve round's prompt", () => {
  const prompt = renderResolvePrompt({
    wpId: "WP-3",
    name: "Billing plugin",
    files: ["src/registry.js", "package.json"],
    featureBranch: "flotilla/plugins",
    instructions: "# Work Package WP-3: Billing plugin\n\nAdd the billing plugin.\n",
    others: [
      {
        id: "WP-1",
        name: "Auth plugin",
        scope: "Adds the auth plugin",
        diff: "+  auth,\n+```evil```\n",
      },
    ],
    testCommand: "npm test",
    round: 2,
    lastProblem: "Round 1: conflict markers remain in src/registry.js",
  });

  it("names every conflicted file, both sides' intent and the rule", () => {
    expect(prompt).toContain("# Resolve a merge conflict in work package WP-3: Billing plugin");
    expect(prompt).toContain("- src/registry.js\n- package.json");
    expect(prompt).toContain("Keep the behaviour of both sides");
    expect(prompt).toContain("Leave no conflict markers, in these files or any other");
    expect(prompt).toContain("Run the tests (`npm test`) and make them pass");
    expect(prompt).toContain("### WP-1: Auth plugin\n\nAdds the auth plugin");
    expect(prompt).toContain("## Your side: this package's instructions\n\n# Work Package WP-3: Billing plugin");
  });

  it("says what went wrong in the previous round, and fences a diff that holds backticks", () => {
    expect(prompt).toContain(
      "## Round 2: what went wrong last time\n\nRound 1: conflict markers remain in src/registry.js",
    );
    expect(prompt).toContain("````diff\n+  auth,\n+```evil```\n````");
  });

  it("names changes from outside the run when no package of the run touched the files", () => {
    const alone = renderResolvePrompt({
      wpId: "WP-1",
      name: "A",
      files: ["a.txt"],
      featureBranch: "f",
      instructions: "do it",
      others: [],
      testCommand: null,
      round: 1,
      lastProblem: null,
    });
    expect(alone).toContain("(Changes made on the feature branch outside this run.)");
    expect(alone).toContain("Check that the code still builds and runs.");
    expect(alone).not.toContain("what went wrong last time");
  });
});
