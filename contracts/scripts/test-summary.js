// Prints vitest's counts as one plain line for CI logs: "contracts: N passed, N failed, N skipped".
import { readFileSync } from "node:fs";

const r = JSON.parse(readFileSync(process.argv[2], "utf8"));
const skipped = r.numPendingTests + (r.numTodoTests ?? 0);
console.log(`contracts: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
process.exit(r.numFailedTests === 0 && r.numPassedTests > 0 ? 0 : 1);
