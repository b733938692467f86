// City offices: a member signs in, sponsors a gathering in the office's
// area, residents see the label and the "sponsored in your area" strip, and
// the area overview shows charts whose figures the CSV repeats, with small
// counts of people withheld. Runs with and without JavaScript.
import { expect, test } from "@playwright/test";
import { addOfficeMember } from "./admin";
import { signIn } from "./mail";

const OFFICE = "demo-district";
const OFFICE_NAME = "District Integration Office (demo)";
// A demo venue inside the demo office's area (see server/src/seed/office.rs).
const INSIDE = "near=52.502,13.362&radius=1";

test("an office member sponsors a gathering, residents see it, the overview adds up", async ({ page, browser }, testInfo) => {
  const project = testInfo.project.name;
  const javaScriptEnabled = testInfo.project.use.javaScriptEnabled !== false;
  const member = `office-${project}@example.org`;
  addOfficeMember(OFFICE, member);
  await signIn(page, member);

  await page.goto(`/offices/${OFFICE}`);
  await expect(page.locator("h1")).toHaveText(OFFICE_NAME);
  await expect(page.locator("svg.area-outline")).toBeVisible();

  // A gathering inside the area; each project takes its own.
  await page.goto(`/?${INSIDE}`);
  const results = page.locator("section[aria-labelledby=results-heading] .card-title a");
  await results.nth(project === "hydrated" ? 0 : 1).click();
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
  const gathering = new URL(page.url()).pathname;
  // The overview is asked about the days around this gathering's next date,
  // so what it counts never depends on when the suite runs (the demo data is
  // laid out from the moment the server started).
  const nextDate = new Date((await page.locator("time[datetime]").first().getAttribute("datetime"))!);
  const day = (offset: number) =>
    new Date(nextDate.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${day(-2)}&to=${day(2)}`;
  await page.locator("#sponsor input[name=note]").first().fill(`Supported by the district (${project})`);
  await page.locator("#sponsor button[type=submit]").first().click();
  await expect(page.locator("#sponsor [role=status]")).toBeVisible();

  // A resident, not signed in.
  const context = await browser.newContext({ javaScriptEnabled });
  const resident = await context.newPage();
  await resident.goto(gathering);
  await expect(resident.locator(".facts")).toContainText(`Sponsored by ${OFFICE_NAME}`);
  await expect(resident.locator(".facts")).toContainText(`Supported by the district (${project})`);
  await resident.goto(`/?${INSIDE}`);
  await expect(resident.locator(".sponsored-strip")).toContainText("Sponsored in your area");
  await expect(resident.locator(".sponsored-strip .card-title a").first()).toBeVisible();
  // The office page is public; its list of sponsorships is not.
  await resident.goto(`/offices/${OFFICE}`);
  await expect(resident.locator(`a[href='${gathering}']`).first()).toBeVisible();
  await expect(resident.locator("form[action$='/end']")).toHaveCount(0);
  await context.close();

  // The overview: two charts drawn on the server, figures the CSV repeats.
  await page.goto(`/offices/${OFFICE}/overview?${period}`);
  await expect(page.locator("figure.chart svg")).toHaveCount(2);
  const figure = (name: string) => page.locator(`[data-figure=${name}]`).innerText();
  const gatherings = await figure("gatherings");
  const sponsored = await figure("sponsored");
  const people = await figure("people_going");
  expect(Number(gatherings)).toBeGreaterThan(0);
  expect(Number(sponsored)).toBeGreaterThan(0);
  // A count of people is either withheld or at least 5.
  expect(people === "fewer than 5" || Number(people) >= 5).toBe(true);
  const href = await page.locator("a[href*='overview.csv']").getAttribute("href");
  const csv = await (await page.request.get(href!)).text();
  expect(csv).toContain(`gatherings,${gatherings}`);
  expect(csv).toContain(`sponsored,${sponsored}`);
  expect(csv).toContain(`people_going,"${people}"`);

  // A quiet past month: nobody came, and it says so without a number.
  await page.goto(`/offices/${OFFICE}/overview?from=2025-01-01&to=2025-01-31`);
  await expect(page.locator("[data-figure=people_going]")).toHaveText("fewer than 5");
  await expect(page.locator("[data-figure=volunteer_signups]")).toHaveText("fewer than 5");
});
