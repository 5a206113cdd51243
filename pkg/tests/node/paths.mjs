// Where the built package is: cargo's target directory, CARGO_TARGET_DIR when
// set (relative to the repository root, where scripts/test runs cargo), else
// target/ in the repository. scripts/build-package writes its npm/ there.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target");
export const npmDir = path.join(targetDir, "npm");

/** The Node (CommonJS) build of the package, as a Node user loads it (no init needed). */
export function nodePackage() {
  return createRequire(import.meta.url)(path.join(npmDir, "node", "liaoqitong_policy_calculator.js"));
}
