import { chromium, expect, test, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Service workers need JavaScript; without it the site simply stays online-only.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "service workers need JavaScript");

async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener("controllerchange", resolve));
    }
  });
}

test("Chromium finds the app installable", async ({ baseURL, launchOptions }) => {
  // Chromium never offers installation in throwaway (incognito) profiles,
  // which Playwright's contexts are; a real profile on disk is needed.
  const profile = mkdtempSync(join(tmpdir(), "cg-profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await waitForServiceWorker(page);

  const manifest = await (await page.request.get("/manifest.webmanifest")).json();
  expect(manifest.display).toBe("standalone");
  expect(manifest.start_url).toBe("/");
  expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual(
    expect.arrayContaining(["192x192 any", "512x512 any", "512x512 maskable"]),
  );
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
});

test("a page visited before still opens offline, and others show the offline page", async ({ page, context }) => {
  await page.goto("/?near=48.8566,2.3522");
  await waitForServiceWorker(page);
  // This visit goes through the worker, which keeps a copy.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meet your neighbours");

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meet your neighbours");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("Within 10 km of 48.85660,2.35220");

  await page.goto("/a-page-never-opened");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're offline");
  await context.setOffline(false);
});
