// Finding gatherings on the demo data (Berlin, Paris, Madrid): type a city,
// filter, open a gathering — with JavaScript and without.
import { expect, test } from "@playwright/test";

test("a resident types a city and sees gatherings near it, nearest distances shown", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Where? A town or city, or latitude, longitude").fill("Paris");
  await page.getByRole("button", { name: "Search", exact: true }).click();

  await expect(page).toHaveURL(/place=Paris/);
  await expect(page.getByRole("heading", { level: 2, name: "Within 10 km of Paris" })).toBeVisible();
  const cards = page.locator(".cards > li");
  await expect(cards).toHaveCount(20);
  await expect(cards.first().locator(".distance")).toHaveText(/^\d+(\.\d)? k?m away$/);
  // A next page, by link (no JavaScript needed).
  await page.getByRole("link", { name: "More gatherings" }).click();
  await expect(page).toHaveURL(/after=s\./);
  await expect(cards.first()).toBeVisible();
});

test("names in other scripts and without accents find the city", async ({ page }) => {
  for (const typed of ["مدريد", "madrid"]) {
    await page.goto(`/?place=${encodeURIComponent(typed)}`);
    await expect(page.locator("#results-heading")).toContainText("Within 10 km of");
    await expect(page.locator(".cards > li").first()).toBeVisible();
  }
});

test("filtering by category keeps only those gatherings", async ({ page }) => {
  await page.goto("/?place=Berlin");
  await page.getByText("Filters", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Music" }).check();
  await page.getByRole("button", { name: "Show gatherings" }).click();

  await expect(page).toHaveURL(/category=music/);
  const cards = page.locator(".cards > li");
  await expect(cards.first()).toBeVisible();
  for (const card of await cards.all()) {
    await expect(card.locator(".tag").filter({ hasText: "Music" })).toHaveCount(1);
  }
  // The filters stay open and checked, so the resident sees what applies.
  await expect(page.getByRole("checkbox", { name: "Music" })).toBeChecked();
});

test("opening a gathering shows what is needed to decide to come", async ({ page }) => {
  await page.goto("/?place=Madrid");
  const first = page.locator(".cards .card-title a").first();
  const title = (await first.textContent())!.trim();
  await first.click();

  await expect(page).toHaveURL(/\/events\/[A-Za-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("When", { exact: true })).toBeVisible();
  await expect(page.getByText("Hosted by", { exact: true })).toBeVisible();
  const calendar = page.getByRole("link", { name: "Add to calendar" });
  await expect(calendar).toHaveAttribute("href", /\/calendar\.ics$/);
  const share = page.getByLabel("Link to this gathering");
  await expect(share).toHaveValue(/\/events\//);
});

test("a bad search explains itself next to the field", async ({ page }) => {
  const response = await page.goto("/?place=Xqzzyville");
  expect(response?.status()).toBe(400);
  const field = page.getByLabel("Where? A town or city, or latitude, longitude");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#place-error")).toHaveText(/We don't know that place/);
  await expect(field).toHaveValue("Xqzzyville");
});

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "suggestions and maps need JavaScript");

  test("typing suggests places", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Where? A town or city, or latitude, longitude").pressSequentially("Münc");
    await expect(page.locator("#place-suggestions option").first()).toHaveAttribute("value", /^M/);
    await expect(page.locator("#place-suggestions option[value='München']")).toHaveCount(1);
  });

  test("the map shows every gathering in the list, on request", async ({ page }) => {
    await page.goto("/?place=Paris");
    await expect(page.locator("script[src*='leaflet']")).toHaveCount(0);
    await page.getByRole("button", { name: "Map" }).click();
    const map = page.getByRole("region", { name: "Map of the gatherings found" });
    await expect(map).toBeVisible();
    await expect(map.locator(".leaflet-marker-icon")).toHaveCount(await page.locator(".cards > li").count());
  });
});

test.describe("without JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "checks the no-script page");

  test("no map button appears, the list carries everything", async ({ page }) => {
    await page.goto("/?place=Paris");
    await expect(page.getByRole("button", { name: "Map" })).toBeHidden();
    await expect(page.locator(".cards > li").first()).toBeVisible();
  });
});
