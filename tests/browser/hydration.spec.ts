import { expect, test } from "@playwright/test";

test.describe("with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "needs the WASM islands");
  test.use({ geolocation: { latitude: 52.52, longitude: 13.405 }, permissions: ["geolocation"] });

  test("'Use my location' appears once the page is interactive and finds the resident", async ({ page }) => {
    await page.goto("/");
    const locate = page.getByRole("button", { name: "Use my location" });
    // Only the hydrated WASM island can reveal and run this button.
    await expect(locate).toBeVisible({ timeout: 15_000 });
    await locate.click();
    await expect(page).toHaveURL(/near=52\.52000,13\.40500/);
    await expect(page.locator("#results-heading")).toHaveText("Within 10 km of Mitte, Berlin");
  });
});

test.describe("without JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, "checks the no-JS page");

  test("the location button is not offered, the typed search still is", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Use my location" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Search" })).toBeVisible();
  });
});
