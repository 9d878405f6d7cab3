import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.js"],
    // one simnet (a wasm instance) per file; files run one after another on CI's two cores
    fileParallelism: false,
    testTimeout: 60000,
    // simnet echoes every print event; CI shows the test list and counts only
    silent: true,
    hookTimeout: 60000,
  },
});
