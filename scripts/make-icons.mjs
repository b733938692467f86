// Renders public/icons/icon.svg into the PNG sizes the web app manifest and
// iOS need, with Debian's Chromium. Run after changing the SVG:
//   node scripts/make-icons.mjs
// The artwork keeps to the central 80% circle, so the same image is a valid
// "maskable" icon as well.
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import { chromiumLaunchOptions } from "../tests/browser/chromium.mjs";

const svg = readFileSync("public/icons/icon.svg", "utf8");
const browser = await chromium.launch(chromiumLaunchOptions);
for (const size of [192, 512, 180]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  const name = size === 180 ? "apple-touch-icon.png" : `icon-${size}.png`;
  await page.screenshot({ path: `public/icons/${name}` });
  await page.close();
}
await browser.close();
