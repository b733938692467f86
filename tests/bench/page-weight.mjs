// Loads pages in Chromium like a first-time visitor (empty cache; pages
// come in zstd, static files in brotli) and prints what crossed the network: every response's headers
// and compressed body, grouped by type, with the total per page.
//
//   node tests/bench/page-weight.mjs http://127.0.0.1:3100 / /some/other/page
//   node tests/bench/page-weight.mjs --phone http://127.0.0.1:3100 /
//
// --phone loads them as a 390-px phone at three device pixels per CSS
// pixel, so pictures are fetched at the widths a phone asks for.
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../browser/chromium.mjs";

const phone = process.argv.includes("--phone");
const [base, ...paths] = process.argv.slice(2).filter((arg) => arg !== "--phone");
const device = phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true } : {};
const browser = await chromium.launch(chromiumLaunchOptions);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const path of paths.length ? paths : ["/"]) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const done = [];
  page.on("requestfinished", (request) => done.push(request));
  await page.goto(base + path, { waitUntil: "networkidle" });
  // Islands hydrate when the browser is idle; give that a moment to finish.
  await page.waitForTimeout(500);
  const byType = {};
  let total = 0;
  for (const request of done) {
    const sizes = await request.sizes();
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
    const type = request.url().endsWith(".wasm") ? "wasm" : request.resourceType();
    byType[type] = (byType[type] ?? 0) + bytes;
    total += bytes;
  }
  console.log(`first load of ${path}${phone ? " on a phone" : ""}: ${kb(total)} transferred in ${done.length} requests`);
  for (const [type, bytes] of Object.entries(byType)) console.log(`  ${type.padEnd(10)} ${kb(bytes)}`);
  await context.close();
}
await browser.close();
