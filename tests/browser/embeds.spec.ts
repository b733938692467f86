// What leaves our site: the widget inside someone else's page that has a
// strict Content-Security-Policy of its own, and a gathering's poster
// printed to PDF — one A4 page whose QR code reads back as the gathering's
// address. With JavaScript and without.
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PNG } from "pngjs";

/// A host of the demo data and one of its gatherings, found as a resident
/// would: the first card of a search, then its host link.
async function demoGathering(page: Page): Promise<{ eventPath: string; hostPath: string; title: string }> {
  await page.goto("/?place=Berlin");
  const card = page.locator(".cards > li a").first();
  const eventPath = (await card.getAttribute("href")) ?? "";
  await page.goto(eventPath);
  const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const hostPath = (await page.locator('a[href^="/hosts/"]').first().getAttribute("href")) ?? "";
  expect(eventPath).toMatch(/^\/events\/[a-z0-9]+$/);
  expect(hostPath).toMatch(/^\/hosts\/[^/]+$/);
  return { eventPath, hostPath, title: title.trim() };
}

test("a community centre's page with a strict policy shows the widget", async ({ page, baseURL }) => {
  const { hostPath } = await demoGathering(page);
  await page.goto(hostPath);
  const code = await page.locator("#widget-code").inputValue();
  expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/widget\/hosts\//);

  // Another site, served by its own little server on another port (another
  // origin): its own strict policy allows frames from us and nothing else —
  // no scripts, no styles of its own.
  const otherSite = createServer((_, response) => {
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `default-src 'none'; frame-src ${baseURL}`,
    });
    response.end(`<!DOCTYPE html><html lang="en"><title>Our centre</title><h1>What's on nearby</h1>${code}</html>`);
  });
  await new Promise<void>((ready) => otherSite.listen(0, "127.0.0.1", ready));
  const { port } = otherSite.address() as AddressInfo;
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  const widget = page.frameLocator("iframe");
  await expect(widget.getByRole("heading", { level: 1 })).toBeVisible();
  const items = widget.locator("li");
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThan(0);
  expect(await items.count()).toBeLessThanOrEqual(5);
  // Its links open our gathering pages, in a new tab.
  const link = items.first().locator("a");
  await expect(link).toHaveAttribute("href", /\/events\/[a-z0-9]+$/);
  await expect(link).toHaveAttribute("target", "_blank");
  // Styled by its own stylesheet, which the framing page's policy does not
  // touch.
  const padding = await widget.locator("body").evaluate((body) => getComputedStyle(body).padding);
  expect(padding).not.toBe("0px");
  expect(violations).toEqual([]);
  otherSite.close();
});

test("a poster prints on one A4 page with a QR code that leads to the gathering", async ({ page, baseURL }) => {
  const { eventPath, title } = await demoGathering(page);
  await page.goto(eventPath);
  await page.getByRole("link", { name: "Poster to print" }).click();
  await expect(page).toHaveURL(new RegExp(`${eventPath}/poster$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByText("print it with your browser")).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages.length).toBe(1);
  // A4 is 595 × 842 points.
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
  expect(Math.round(Number(box?.[1]))).toBe(595);
  expect(Math.round(Number(box?.[2]))).toBe(842);

  // The code, as a phone would see it.
  const shot = PNG.sync.read(await page.locator(".qr svg").screenshot());
  const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
  expect(decoded?.data).toBe(`${baseURL}${eventPath}`);
});

test("a gathering can be shared by link everywhere, by the share sheet where there is one", async ({ page }, testInfo) => {
  const { eventPath } = await demoGathering(page);
  await page.goto(eventPath);
  const share = page.locator(".share-links");
  await expect(share.getByRole("link", { name: "By email" })).toHaveAttribute("href", /^mailto:\?subject=.+&body=http/);
  await expect(share.getByRole("link", { name: "WhatsApp" })).toHaveAttribute("href", /^https:\/\/wa\.me\/\?text=/);
  // Headless Chromium has no share sheet: the button stays hidden, with
  // JavaScript or without.
  await expect(share.getByRole("button", { name: "Share…" })).toBeHidden();
  if (testInfo.project.name === "hydrated") {
    // With a share sheet, the hydrated button appears and hands it the
    // gathering.
    await page.addInitScript(() => {
      (navigator as unknown as { share: (data: unknown) => Promise<void> }).share = async (data) => {
        (window as unknown as { shared: unknown }).shared = data;
      };
    });
    await page.reload();
    const button = page.locator(".share-links").getByRole("button", { name: "Share…" });
    await expect(button).toBeVisible();
    await button.click();
    const shared = await page.evaluate(() => (window as unknown as { shared: { url: string } }).shared);
    expect(shared.url).toMatch(/\/events\/[a-z0-9]+$/);
  }
});
