import { describe, expect, it } from "vitest";
import { forecastSharedFiles, type ForecastPackage } from "./shared-file-forecast";

const wp = (id: string, outputs: string[], extra: Partial<ForecastPackage> = {}): ForecastPackage => ({
  id,
  name: `Part ${id}`,
  scope: `Builds ${id}`,
  expected_outputs: outputs,
  dependencies: [],
  ...extra,
});

const REPO = ["package.json", "package-lock.json", "src/plugins/index.js", "src/plugins/csv.js", "src/app.js"];

describe("forecasting files parallel packages will both change", () => {
  it("warns about a barrel beside both packages' outputs, naming both and the file", () => {
    const warnings = forecastSharedFiles(
      [wp("WP-1", ["src/plugins/json.js"]), wp("WP-2", ["src/plugins/yaml.js"]), wp("WP-3", ["src/cli.js"])],
      REPO,
    );
    expect(warnings).toEqual([
      {
        file: "src/plugins/index.js",
        packages: ["WP-1", "WP-2"],
        why: "registry",
        message:
          "WP-1 and WP-2 run in parallel and both write next to src/plugins/index.js, which lists its neighbours: both are likely to change it",
      },
    ]);
  });

  it("says nothing once one waits for the other, or the person chose to keep them parallel", () => {
    const chained = [
      wp("WP-1", ["src/plugins/json.js"]),
      wp("WP-2", ["src/plugins/yaml.js"], { dependencies: ["WP-1"] }),
    ];
    expect(forecastSharedFiles(chained, REPO)).toEqual([]);
    const parallel = [wp("WP-1", ["src/plugins/json.js"]), wp("WP-2", ["src/plugins/yaml.js"])];
    expect(forecastSharedFiles(parallel, REPO, ["WP-2+WP-1"])).toEqual([]);
  });

  it("warns about the manifest when both scopes mention adding a dependency", () => {
    const warnings = forecastSharedFiles(
      [
        wp("WP-1", ["src/mail.js"], { scope: "Send mail; add nodemailer as a dependency" }),
        wp("WP-2", ["src/pdf.js"], { scope: "Render PDFs with a library from npm" }),
        wp("WP-3", ["src/util.js"]),
      ],
      REPO,
    );
    expect(warnings.map((w) => [w.file, w.packages, w.why])).toEqual([["package.json", ["WP-1", "WP-2"], "manifest"]]);
  });

  it("counts a package that declares the registry itself, and leaves two declaring it to the overlap check", () => {
    const one = forecastSharedFiles([wp("WP-1", ["src/plugins/index.js"]), wp("WP-2", ["src/plugins/yaml.js"])], REPO);
    expect(one.map((w) => w.packages)).toEqual([["WP-1", "WP-2"]]);
    const both = forecastSharedFiles(
      [wp("WP-1", ["src/plugins/index.js"]), wp("WP-2", ["src/plugins/index.js"])],
      REPO,
    );
    expect(both).toEqual([]);
  });

  it("finds Python and Rust registries too", () => {
    const files = ["shop/__init__.py", "src/lib.rs"];
    const py = forecastSharedFiles([wp("WP-1", ["shop/cart.py"]), wp("WP-2", ["shop/orders.py"])], files);
    expect(py.map((w) => w.file)).toEqual(["shop/__init__.py"]);
    const rs = forecastSharedFiles([wp("WP-1", ["src/cart.rs"]), wp("WP-2", ["src/orders.rs"])], files);
    expect(rs.map((w) => w.file)).toEqual(["src/lib.rs"]);
  });
});
