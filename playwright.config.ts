// Browser tests: Debian's Chromium (never a downloaded browser), every spec
// run twice — hydrated, and with JavaScript disabled — against a real server
// with its own fresh SQLite database.
import { defineConfig } from "@playwright/test";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumLaunchOptions } from "./tests/browser/chromium.mjs";

const port = Number(process.env.BROWSER_TEST_PORT ?? 3100);
// Where the server writes its emails; the tests read sign-in links there.
// The same path in every worker, since each loads this file.
export const mailFolder = join(tmpdir(), `commonground-browser-mail-${port}`);

export default defineConfig({
  testDir: "tests/browser",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "en-GB",
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: `bash tests/browser/serve.sh ${port} ${mailFolder}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
