import { expect, test } from "@playwright/test";

test("switching to Arabic shows a right-to-left page in Arabic", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/?near=48.8566,2.3522");
  await page.getByLabel("Language", { exact: true }).selectOption({ label: "العربية" });
  await page.getByRole("button", { name: "Change language" }).click();

  // Back on the same page, now in Arabic and mirrored.
  await expect(page).toHaveURL(/near=48\.8566,2\.3522/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تعرّف على جيرانك");
  const brand = await page.getByRole("link", { name: "Common Ground", exact: true }).boundingBox();
  expect(brand!.x + brand!.width).toBeGreaterThan(360 / 2);
  await page.screenshot({ path: testInfo.outputPath("home-ar-rtl.png"), fullPage: true });

  // The choice sticks on the next visit.
  await page.goto("/");
  await expect(page.getByRole("button", { name: "تغيير اللغة" })).toBeVisible();
});
