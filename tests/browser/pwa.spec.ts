import { chromium, expect, test, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signIn } from "./mail";

// Service workers need JavaScript; without it the site simply stays online-only.
test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "service workers need JavaScript");

// Polls rather than waiting for the `ready` and `controllerchange` events:
// under load a test can start listening after an event has passed.
async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { polling: 100 });
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

test("a gathering I replied to opens offline, with my reply, and so does My gatherings", async ({ page, context }) => {
  await page.goto("/?near=48.8566,2.3522");
  await waitForServiceWorker(page);
  // The soonest gathering may have started, or stopped taking replies: the
  // first one nearby that still takes them, whatever the hour.
  const cards = await page.locator("section[aria-labelledby=results-heading] .card-title a").all();
  const links = await Promise.all(cards.map((card) => card.getAttribute("href")));
  const anonymous = page.locator("form.join-form:has(input[name=how][value=anonymous])");
  for (const link of links) {
    await page.goto(link ?? "/");
    if ((await anonymous.count()) > 0) break;
  }
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
  const gathering = new URL(page.url()).pathname;
  const title = await page.getByRole("heading", { level: 1 }).innerText();
  await anonymous.getByRole("button", { name: "I am coming" }).click();
  await expect(page.getByRole("status")).toContainText(/You are coming|waiting list/);
  await page.goto("/my");
  await expect(page.locator("main")).toContainText(title);

  await context.setOffline(true);
  await page.goto(gathering);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".rsvp .date-list li")).toHaveCount(1);
  await page.goto("/my");
  await expect(page.locator("main")).toContainText(title);
  await context.setOffline(false);
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
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("Within 10 km of Paris 04 Hôtel-de-Ville");

  await page.goto("/a-page-never-opened");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You're offline");
  await context.setOffline(false);
});

test("signing out on a shared phone forgets the pages kept offline", async ({ page }, testInfo) => {
  await signIn(page, `shared-phone-${testInfo.project.name}@example.org`);
  await page.goto("/?near=48.8566,2.3522");
  await waitForServiceWorker(page);
  await page.locator("section[aria-labelledby=results-heading] .card-title a").nth(2).click();
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
  const gathering = page.url();
  const kept = (url: string) =>
    page.evaluate(async (url) => Boolean(await (await caches.open("pages")).match(url)), url);
  await expect.poll(() => kept(gathering)).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await expect.poll(() => kept(gathering)).toBe(false);
});
