// Trust and safety in the browser, with JavaScript and without: a resident
// without an account reports a hateful gathering, a moderator hides it and
// it is gone at once from its page, its calendar file, search and the JSON
// API, its host's owner is told why, and undoing brings it back. An
// administrator creates a city office and imports its area; a bad file is
// refused with the command line's reason.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { grantRole } from "./admin";
import { mailTo, signIn } from "./mail";

/// A new host with one gathering near Berlin's centre; its page's path.
async function publishGathering(page: Page, owner: string, title: string): Promise<string> {
  await signIn(page, owner);
  await page.goto("/hosts");
  await page.getByLabel("Name of your group or organisation").fill(`Group of ${owner}`);
  await page.getByRole("button", { name: "Create the host page" }).click();
  await page.getByRole("link", { name: "New gathering" }).click();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Description", { exact: true }).fill("Words nobody should read.");
  await page.getByRole("checkbox", { name: "Other" }).check();
  await page.getByLabel("Name of the place").fill("Hall");
  await page.getByLabel("Town or city, or latitude, longitude").fill("52.5200, 13.4050");
  const start = new Date(Date.now() + 6 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("Date", { exact: true }).fill(start);
  await page.getByLabel("Starts at").fill("18:00");
  await page.getByLabel("Ends at").fill("20:00");
  await page.getByRole("button", { name: "Publish the gathering" }).click();
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
  return new URL(page.url()).pathname;
}

async function signedInAs(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: test.info().project.use.javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("a resident reports a hateful gathering, a moderator hides it everywhere, and undoes it", async ({ page, browser, request }, testInfo) => {
  const project = testInfo.project.name;
  const owner = `hater-${project}@example.org`;
  const title = `Them, not us (${project})`;
  const organiser = await signedInAs(browser, owner);
  const path = await publishGathering(organiser, owner, title);
  const id = path.split("/").pop()!;

  // A resident without an account reports it.
  await page.goto(path);
  await page.getByText("Report this gathering").click();
  await page.getByRole("radio", { name: "Hateful or harassing" }).check();
  await page.getByLabel("Anything the moderators should know (optional)").fill("It calls neighbours <b>them</b>.");
  await page.getByRole("button", { name: "Send the report" }).click();
  await expect(page.getByRole("status")).toContainText("Thank you");

  // A moderator finds the report and hides the gathering.
  const moderatorEmail = `moderator-${project}@example.org`;
  grantRole(moderatorEmail, "moderator");
  const moderator = await signedInAs(browser, moderatorEmail);
  await moderator.goto("/moderation");
  await moderator.getByRole("link", { name: `Gathering “${title}”` }).click();
  await expect(moderator.locator("main")).toContainText("It calls neighbours <b>them</b>.");
  const hide = moderator.locator(`form[action="/moderation/gatherings/${id}/hide"]`);
  await hide.getByRole("textbox").fill("Hateful towards newcomers");
  const hiddenAt = Date.now();
  await hide.getByRole("button", { name: "Hide the gathering" }).click();
  await expect(moderator).toHaveURL(/\/moderation\/cases\/\d+$/);

  // Gone everywhere within a second.
  const gone = await page.goto(path);
  expect(gone!.status()).toBe(410);
  await expect(page.locator("h1")).toHaveText("This page has been removed");
  expect((await request.get(`${path}/calendar.ics`)).status()).toBe(404);
  expect((await request.get(`/api/v1/gatherings/${id}`)).status()).toBe(410);
  const search = await request.get("/api/v1/search?near=52.52,13.405&radius=5&lang=en");
  expect(await search.text()).not.toContain(id);
  expect(Date.now() - hiddenAt).toBeLessThan(5_000);
  const told = await mailTo(owner, "Your gathering has been hidden");
  expect(told).toContain("Hateful towards newcomers");

  // Undone: back again.
  const show = moderator.locator(`form[action="/moderation/gatherings/${id}/show"]`);
  await show.getByRole("textbox").fill("Reviewed again");
  await show.getByRole("button", { name: "Show the gathering again" }).click();
  const back = await page.goto(path);
  expect(back!.status()).toBe(200);
  await expect(page.locator("h1")).toHaveText(title);
});

test("an administrator creates an office and imports its area; a bad file is refused", async ({ browser }, testInfo) => {
  const project = testInfo.project.name;
  const adminEmail = `admin-${project}@example.org`;
  grantRole(adminEmail, "administrator");
  const admin = await signedInAs(browser, adminEmail);
  await admin.goto("/admin");
  await admin.getByLabel("Name of the office").fill(`Neighbourhood office ${project}`);
  await admin.getByLabel("Address name (lower-case letters, digits, dashes)").fill(`office-${project}`);
  await admin.getByRole("button", { name: "Create the office" }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/offices/office-${project}$`));

  const swapped = '{"type":"Polygon","coordinates":[[[52.45,13.30],[52.45,13.50],[52.55,13.50],[52.55,13.30],[52.45,13.30]]]}';
  await admin.getByLabel("GeoJSON file of the area").setInputFiles({ name: "area.geojson", mimeType: "application/geo+json", buffer: Buffer.from(swapped) });
  await admin.getByRole("button", { name: "Import the area" }).click();
  await expect(admin.getByRole("alert")).toContainText("The coordinates look swapped");

  const square = '{"type":"Polygon","coordinates":[[[13.30,52.45],[13.50,52.45],[13.50,52.55],[13.30,52.55],[13.30,52.45]]]}';
  await admin.getByLabel("GeoJSON file of the area").setInputFiles({ name: "area.geojson", mimeType: "application/geo+json", buffer: Buffer.from(square) });
  await admin.getByRole("button", { name: "Import the area" }).click();
  await expect(admin.locator("main")).toContainText("1 polygon, imported on");
});
