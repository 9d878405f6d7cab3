// The committed golden vectors are exactly what the script makes with the pinned
// @stacks/transactions: anyone can regenerate them, and nobody can edit them by hand unnoticed.
import { expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

it("vectors/stacks-golden.json is the output of scripts/golden-vectors.js", () => {
  const dir = mkdtempSync(join(tmpdir(), "fg-vectors-"));
  try {
    const out = join(dir, "stacks-golden.json");
    execFileSync(process.execPath, [join(here, "../scripts/golden-vectors.js"), out]);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(here, "../vectors/stacks-golden.json"), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
