// dependency-cruiser with the project's own configuration (.dependency-cruiser.cjs: the tsconfig's
// paths, the extensions, type-only imports counted), for the tests and vitest.config.ts.
import path from "node:path";
import { cruise, type ICruiseOptions, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Cruises `targets` (paths relative to `baseDir`, resolved through `baseDir`'s tsconfig.json) with
 * the project's options and rules, `overrides` on top. Throws unless the result is an object.
 */
export async function cruiseProject(baseDir: string, targets: string[], overrides: Partial<ICruiseOptions> = {}): Promise<ICruiseResult> {
  const options: ICruiseOptions = await extractDepcruiseOptions(path.join(ROOT, ".dependency-cruiser.cjs"));
  const tsConfigFile = path.join(baseDir, "tsconfig.json");
  const result = await cruise(targets, { ...options, baseDir, tsConfig: { fileName: tsConfigFile }, ...overrides }, {}, { tsConfig: extractTSConfig(tsConfigFile) });
  if (typeof result.output === "string") throw new Error("expected a cruise result object");
  return result.output;
}
