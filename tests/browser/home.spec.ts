import { expect, test } from "@playwright/test";

test("the home page is rendered by the server", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Meet your neighbours" })).toBeVisible();
  await expect(page.getByRole("search")).toBeVisible();
  await expect(page).toHaveTitle("Meet your neighbours · Common Ground");
});

test("a resident can search by typing coordinates", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Where? A town or city, or latitude, longitude").fill("48.8566, 2.3522");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/place=48\.8566/);
  await expect(page.getByRole("heading", { level: 2 })).toHaveText("Within 10 km of Paris 04 Hôtel-de-Ville");
});

test("a mistyped point gets a clear message", async ({ page }) => {
  await page.goto("/?near=north+of+here");
  await expect(page.getByRole("alert")).toContainText("Please enter a place as two numbers: latitude, longitude.");
});

test("keyboard users can skip straight to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("unknown pages say so and lead back home", async ({ page }) => {
  const response = await page.goto("/nowhere");
  expect(response?.status()).toBe(404);
  await page.getByRole("link", { name: "Find gatherings near you" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Meet your neighbours" })).toBeVisible();
});
