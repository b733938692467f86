// An organiser signs in by email link, creates a host page and a weekly
// gathering through the form, and a resident finds it in search — with
// JavaScript and without.
import { expect, test } from "@playwright/test";
import { signIn } from "./mail";

test("an organiser creates a weekly gathering that residents find nearby", async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  await signIn(page, `organiser-${project}@example.org`);

  await page.getByRole("link", { name: "My hosts" }).click();
  await page.getByLabel("Name of your group or organisation").fill(`Kiez Kitchen ${project}`);
  await page.getByRole("button", { name: "Create the host page" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Kiez Kitchen ${project}` })).toBeVisible();

  await page.getByRole("link", { name: "New gathering" }).click();
  const title = `Thursday supper (${project})`;
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description", { exact: true }).fill("Bring a dish from **home**.");
  await page.getByRole("checkbox", { name: "Food" }).check();
  await page.getByLabel("Name of the place").fill("Nachbarschaftshaus");
  await page.getByLabel("Town or city, or latitude, longitude").fill("52.5200, 13.4050");
  const start = new Date(Date.now() + 9 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("Date", { exact: true }).fill(start);
  await page.getByLabel("Starts at").fill("18:00");
  await page.getByLabel("Ends at").fill("20:00");
  await page.getByRole("radio", { name: "Every week on the same day" }).check();
  await page.getByRole("radio", { name: "After this many dates" }).check();
  await page.getByRole("spinbutton", { name: "After this many dates" }).fill("4");
  await page.getByRole("button", { name: "Publish the gathering" }).click();

  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.locator(".description strong")).toHaveText("home");

  // Its four dates are listed for the organiser to manage.
  await page.getByRole("link", { name: "Manage this gathering" }).click();
  await expect(page.locator(".date-list li")).toHaveCount(4);

  // A resident searching there finds it.
  await page.goto("/?place=52.52,13.405&radius=1&sort=nearest");
  await expect(page.locator(".card-title", { hasText: title }).first()).toBeVisible();
});

test("a form with mistakes comes back with them explained, keeping what was typed", async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  await signIn(page, `careful-${project}@example.org`);
  await page.goto("/hosts");
  await page.getByLabel("Name of your group or organisation").fill(`Choir ${project}`);
  await page.getByRole("button", { name: "Create the host page" }).click();
  await page.getByRole("link", { name: "New gathering" }).click();

  await page.getByLabel("Title", { exact: true }).fill("Open choir");
  await page.getByRole("button", { name: "Publish the gathering" }).click();

  const summary = page.locator(".error-summary");
  await expect(summary).toContainText("Choose at least one category.");
  await expect(summary).toContainText("Give the name of the place.");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Open choir");
  await expect(page.getByLabel("Name of the place")).toHaveAttribute("aria-invalid", "true");
});

test("with JavaScript, a tap on the map fills in the place's coordinates", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === "no-js", "the map needs JavaScript; the field is typed without it");
  await signIn(page, "mapper@example.org");
  await page.goto("/hosts");
  await page.getByLabel("Name of your group or organisation").fill("Map club");
  await page.getByRole("button", { name: "Create the host page" }).click();
  await page.getByRole("link", { name: "New gathering" }).click();

  const location = page.getByLabel("Town or city, or latitude, longitude");
  await location.fill("52.52, 13.405");
  await page.getByRole("button", { name: "Choose the place on a map" }).click();
  const map = page.getByRole("region", { name: "Map: tap the place of the gathering" });
  await expect(map.locator(".leaflet-marker-icon")).toBeVisible();
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.5);
  await expect(location).toHaveValue(/^52\.\d{5}, 13\.\d{5}$/);
  await expect(location).not.toHaveValue("52.52, 13.405");
});
