// The Content-Security-Policy refuses nothing of our own: every page —
// public, an organiser's, an office member's — is opened with JavaScript
// and without, and any report of a refused script, style, image, frame or
// connection fails the test. With JavaScript, the islands, the map, the
// location button and the service worker keep working under the policy.
import { expect, test, type Page } from "@playwright/test";
import { addOfficeMember } from "./admin";
import { signIn } from "./mail";

/// Collects what the browser says it refused because of the policy: its
/// console reports (also without JavaScript) and, with JavaScript, the
/// `securitypolicyviolation` events of the page.
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) violations.push(`${page.url()}: ${text}`);
  });
  return violations;
}

async function recordPolicyEvents(page: Page) {
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Refused to load: Content Security Policy ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(500);
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy, `${path} has a policy`).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  // Lets late loads (the map's tiles and script, islands) report.
  await page.waitForLoadState("load");
  // Without JavaScript the browser reports nothing to the console, so the
  // page itself is read: every script, stylesheet, image and form it
  // names must be ours, and no script runs inline without the nonce.
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  for (const [selector, attribute] of [
    ["script[src]", "src"],
    ["link[rel=stylesheet]", "href"],
    ["img[src]", "src"],
    ["form[action]", "action"],
  ]) {
    for (const value of await page.locator(selector).evaluateAll(
      (elements, name) => elements.map((e) => e.getAttribute(name) ?? ""),
      attribute,
    )) {
      expect(value, `${path}: ${selector}`).toMatch(/^(\/(?!\/)|data:|#|$)/);
    }
  }
  for (const scriptNonce of await page.locator("script:not([src]):not([type='application/ld+json'])").evaluateAll(
    (elements) => elements.map((e) => e.getAttribute("nonce") ?? ""),
  )) {
    // Chromium hides a nonce attribute's value from the DOM once parsed.
    expect(scriptNonce === "" || scriptNonce === nonce, `${path}: an inline script's nonce`).toBe(true);
  }
}

test("no page of ours is refused by its Content-Security-Policy", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const hydrated = testInfo.project.use.javaScriptEnabled !== false;
  if (hydrated) await recordPolicyEvents(page);
  const violations = watchViolations(page);

  // Public pages.
  for (const path of ["/", "/?near=52.52,13.405&radius=5", "/about", "/offline", "/sign-in", "/offices/demo-district"]) {
    await visit(page, path);
  }
  await page.goto("/?near=52.52,13.405&radius=5");
  const gathering = await page.locator("section[aria-labelledby=results-heading] .card-title a").first().getAttribute("href");
  await visit(page, gathering!);
  const host = await page.locator("a[href^='/hosts/']").first().getAttribute("href");
  await visit(page, host!);

  if (hydrated) {
    // The islands hydrated (the WASM ran), the map drew with Leaflet, and
    // the service worker took over: all under the policy.
    await page.goto("/?near=52.52,13.405&radius=5");
    await page.getByRole("button", { name: "Map" }).click();
    const map = page.getByRole("region", { name: "Map of the gatherings found" });
    await expect(map.locator(".leaflet-marker-icon").first()).toBeVisible();
    await expect(page.locator("button", { hasText: /near me|my location/i }).first()).toBeEnabled();
    const controlled = await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      return true;
    });
    expect(controlled).toBe(true);
  }

  // An organiser's pages, and an office member's.
  const email = `csp-${project}@example.org`;
  addOfficeMember("demo-district", email);
  await signIn(page, email);
  await visit(page, "/hosts");
  await page.getByLabel("Name of your group or organisation").fill(`Policy club ${project}`);
  await page.getByRole("button", { name: "Create the host page" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Policy club ${project}`);
  const slug = new URL(page.url()).pathname.split("/")[2];
  for (const path of [
    `/hosts/${slug}`,
    `/hosts/${slug}/edit`,
    `/hosts/${slug}/team`,
    "/account",
    "/my",
    "/offices/demo-district/overview",
    `/hosts/${slug}/gatherings/new`,
  ]) {
    await visit(page, path);
  }
  await page.getByLabel("Title", { exact: true }).fill(`Policy supper (${project})`);
  await page.getByRole("checkbox", { name: "Food" }).check();
  await page.getByLabel("Name of the place").fill("Hall");
  await page.getByLabel("Town or city, or latitude, longitude").fill("52.5200, 13.4050");
  const start = new Date(Date.now() + 12 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("Date", { exact: true }).fill(start);
  await page.getByLabel("Starts at").fill("18:00");
  await page.getByLabel("Ends at").fill("20:00");
  await page.getByRole("button", { name: "Publish the gathering" }).click();
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
  await visit(page, `${new URL(page.url()).pathname}/manage`);

  expect(violations, violations.join("\n")).toEqual([]);
});

test("other sites cannot frame our pages", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
