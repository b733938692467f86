// axe-core (WCAG 2.2 A and AA rules) on every page, in English and Arabic:
// no violations allowed. axe runs as a script in the page, so it runs in the
// hydrated project only; the no-JS page is the same server-rendered HTML
// without the hydrated islands.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { addOfficeMember, grantRole } from "./admin";
import { signIn } from "./mail";

const PAGES = [
  { name: "home", path: "/" },
  { name: "home with a typed place", path: "/?near=52.52,13.405" },
  { name: "home with a mistyped place", path: "/?near=nowhere" },
  { name: "search by city with filters open", path: "/?place=Paris&category=food&when=week" },
  { name: "search with several problems", path: "/?place=Xqzzyville&radius=500&from=2026-02-30" },
  { name: "about", path: "/about" },
  { name: "not found", path: "/no-such-page" },
  { name: "offline", path: "/offline" },
  { name: "sign in", path: "/sign-in" },
  { name: "sign in with a used link", path: "/sign-in?problem=used" },
  { name: "check your email", path: "/sign-in/check-email" },
  { name: "my gatherings", path: "/my" },
  { name: "cancel a reply with an unknown link", path: "/rsvps/cancel?token=unknown" },
  { name: "a city office's page", path: "/offices/demo-district" },
  { name: "privacy", path: "/privacy" },
  { name: "a guest's data by email", path: "/my-data" },
  { name: "a guest's data link that no longer works", path: "/my-data?token=unknown" },
  { name: "an account deleted", path: "/account/deleted" },
  { name: "a follow-up link that no longer works", path: "/follow-up?token=unknown" },
  { name: "stopping messages from organisers", path: "/messages/stop?token=unknown" },
];

test.describe("moderators' and administrators' pages", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe-core needs JavaScript in the page");
  for (const language of ["en", "ar"]) {
    test.describe(`in ${language}`, () => {
      test.use({ locale: language });
      test("have no accessibility violations, also with form errors", async ({ page }) => {
        test.setTimeout(120_000);
        const email = `axe-admin-${language}@example.org`;
        grantRole(email, "administrator");
        await signIn(page, email, language);
        const check = async (what: string) => {
          await page.waitForLoadState("load");
          const results = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
            .analyze();
          expect(results.violations.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
        };
        // A report, so the queue and a case have something to show.
        await page.goto("/?place=Berlin");
        await page.locator(".cards .card-title a").first().click();
        await expect(page).toHaveURL(/\/events\//);
        await check("a gathering's page with the report form");
        // Sent without a reason (the browser's own check switched off):
        // the page comes back saying so; then a real report.
        await page.locator("#report summary").click();
        await page.locator("#report form").evaluate((form) => form.setAttribute("novalidate", ""));
        await page.locator("#report button[type=submit]").click();
        await expect(page.locator("#report-reason-error")).toBeVisible();
        await check("the report form with an error");
        await page.locator("#report input[value=spam]").check();
        await page.locator("#report button[type=submit]").click();
        await expect(page.locator("#report [role=status]")).toBeVisible();
        await page.goto("/moderation");
        await check("moderation queue");
        await page.locator("a[href^='/moderation/cases/']").first().click();
        await check("a moderation case");
        const note = page.locator("form[action$='/note']");
        await note.evaluate((form) => form.setAttribute("novalidate", ""));
        await note.locator("button[type=submit]").click();
        await expect(page.locator("form[action$='/note'] [role=alert]")).toBeVisible();
        await check("a moderation case with an error");
        await page.goto("/admin");
        await check("administration");
        await page.locator("form[action='/admin/offices'] input[name=name]").fill(`Axe office ${language}`);
        await page.locator("form[action='/admin/offices'] input[name=slug]").fill(`axe-office-${language}`);
        await page.locator("form[action='/admin/offices'] button[type=submit]").click();
        await expect(page).toHaveURL(/\/admin\/offices\//);
        await check("an office's administration");
      });
    });
  }
});

for (const language of ["en", "ar"]) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: language });
    test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe-core needs JavaScript in the page");

    for (const { name, path } of PAGES) {
      test(`${name} has no accessibility violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target})`);
        expect(summary).toEqual([]);
      });
    }
  });
}

test.describe("a gathering's page", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe-core needs JavaScript in the page");
  for (const language of ["en", "ar"]) {
    test.describe(`in ${language}`, () => {
      test.use({ locale: language });
      test("has no accessibility violations", async ({ page }) => {
        await page.goto("/?place=Berlin");
        await page.locator(".cards .card-title a").first().click();
        await expect(page).toHaveURL(/\/events\//);
        // The address changes when the next page starts arriving; axe must
        // read the whole page, not the first bytes of it.
        await page.waitForLoadState("load");
        const results = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
          .analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
      });
    });
  }
});

test.describe("in dark mode", () => {
  test.use({ colorScheme: "dark" });
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe-core needs JavaScript in the page");

  test("the home page keeps its contrast", async ({ page }) => {
    await page.goto("/?near=nowhere");
    const results = await new AxeBuilder({ page }).withTags(["wcag2aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}× e.g. ${v.nodes[0]?.target}`)).toEqual([]);
  });
});

test.describe("organisers' pages", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "axe-core needs JavaScript in the page");
  for (const language of ["en", "ar"]) {
    test.describe(`in ${language}`, () => {
      test.use({ locale: language });
      test("have no accessibility violations, also with form errors", async ({ page }) => {
        // Many pages, each checked by axe: more than the default 30 s.
        test.setTimeout(120_000);
        await signIn(page, `axe-${language}@example.org`, language);
        const check = async (what: string) => {
          // After a form post the address changes as soon as the next page
          // starts arriving; axe must read the whole page, not its first bytes.
          await page.waitForLoadState("load");
          const results = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
            .analyze();
          expect(results.violations.map((v) => `${what}: ${v.id}: ${v.help} (${v.nodes[0]?.target})`)).toEqual([]);
        };
        await page.goto("/hosts");
        await check("my hosts");
        await page.locator("form[action='/hosts'] button[type=submit]").click();
        await expect(page.locator("#name-error")).toBeVisible();
        await check("host form with an error");
        await page.locator("#name").fill(`Axe club ${language}`);
        await page.locator("form[action='/hosts'] button[type=submit]").click();
        await expect(page).toHaveURL(/\/hosts\/[^/]+$/);
        await check("host page");
        const hostPage = page.url();
        await page.locator("a[href$='/gatherings/new']").click();
        await expect(page).toHaveURL(/\/gatherings\/new$/);
        await check("new gathering form");
        await page.locator(".gathering-form button[type=submit]").click();
        await expect(page.locator(".error-summary")).toBeVisible();
        await check("new gathering form with errors");
        await page.goto(`${hostPage}/team`);
        await check("team");
        // The page that edits the host's page, and its logo upload: a
        // file that is no image is refused by the field, a real one shows.
        await page.goto(`${hostPage}/edit`);
        await check("host settings");
        await page.locator("#logo").setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg/>") });
        await page.locator("form[enctype='multipart/form-data'] button[type=submit]").click();
        await expect(page.locator("#logo-error")).toBeVisible();
        await check("logo with an error");
        await page.locator("#logo").setInputFiles("public/icons/icon-192.png");
        await page.locator("form[enctype='multipart/form-data'] button[type=submit]").click();
        await expect(page.locator("img.host-logo")).toBeVisible();
        await page.goto(hostPage);
        await expect(page.locator("img.host-logo")).toHaveJSProperty("naturalWidth", 192);
        await check("host page with its logo");
        // A city office's page and its overview (charts drawn on the server).
        // A gathering of this host, published through the form, and its
        // management page (dates, replies, roles, partners, edit form).
        await page.goto(hostPage);
        await page.locator("a[href$='/gatherings/new']").click();
        await expect(page).toHaveURL(/\/gatherings\/new$/);
        await page.locator("input[name^=title_]").first().fill(`Axe supper ${language}`);
        await page.locator("input[name=category][value=food]").check();
        await page.locator("input[name=place_name]").fill("Hall");
        await page.locator("input[name=location]").fill("52.52, 13.405");
        const start = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        await page.locator("input[name=start_date]").fill(start);
        await page.locator("input[name=start_time]").fill("18:00");
        await page.locator("input[name=end_time]").fill("20:00");
        await page.locator(".gathering-form button[type=submit]").click();
        await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
        await check("a gathering's page for its organiser");
        const eventPath = new URL(page.url()).pathname;
        await page.goto(`${eventPath}/manage`);
        await check("managing a gathering");
        // Its picture: refused without a description (the browser's own
        // check switched off), then added; the page shows it.
        const picture = page.locator("form[action$='/picture']");
        await picture.evaluate((form) => form.setAttribute("novalidate", ""));
        await page.locator("#picture").setInputFiles("tests/fixtures/pictures/photo-with-gps.jpg");
        await picture.locator("button[type=submit]").click();
        await expect(page.locator("#picture_alt-error")).toBeVisible();
        await check("a picture without a description");
        await page.locator("#picture").setInputFiles("tests/fixtures/pictures/photo-with-gps.jpg");
        await page.locator("#picture_alt").fill("Neighbours at a long table");
        await page.locator("form[action$='/picture'] button[type=submit]").click();
        await expect(page.locator(".picture-current img")).toBeVisible();
        await check("managing a gathering with its picture");
        await page.goto(eventPath);
        await expect(page.locator("img.cover.photo")).toBeVisible();
        await check("a gathering's page with its picture");
        await page.goto(`${eventPath}/manage`);
        // The door page of its date: a name too short, then a walk-in
        // count refused (the browser's own check switched off).
        await page.locator("a[href$='/door']").first().click();
        await expect(page).toHaveURL(/\/door$/);
        await check("the door page");
        await page.locator("#door-q").fill("zz");
        await page.locator("form[role=search] button[type=submit]").click();
        await expect(page.locator("p[role=alert]")).toBeVisible();
        await check("the door page with a name too short");
        const walkIns = page.locator("form:has(#walk-in-people)");
        await walkIns.evaluate((form) => form.setAttribute("novalidate", ""));
        await page.locator("#walk-in-people").fill("0");
        await walkIns.locator("button[type=submit]").click();
        await expect(page.locator(".error-summary")).toBeVisible();
        await check("the door page with an error");
        // Messages to guests (refused without a text), guests' stories, and
        // the host's impact page with its chart.
        await page.goto(`${eventPath}/messages`);
        await check("messages to guests");
        const message = page.locator("form[action$='/messages']");
        await message.evaluate((form) => form.setAttribute("novalidate", ""));
        await message.locator("button[type=submit]").click();
        await expect(page.locator(".error-summary")).toBeVisible();
        await check("messages to guests with an error");
        await page.goto(`${eventPath}/stories`);
        await check("stories from guests");
        await page.goto(`${hostPage}/impact`);
        await expect(page.locator("svg[role=img]")).toBeVisible();
        await check("a host's impact page");
        await page.goto("/account");
        await check("account, with its data and deletion");
        await page.locator("form[action='/account/delete'] button[type=submit]").click();
        await expect(page.locator("#confirm-error")).toBeVisible();
        await check("account deletion not confirmed");
        await page.goto("/account/data");
        await check("my data");
        addOfficeMember("demo-district", `axe-${language}@example.org`);
        await page.goto("/offices/demo-district");
        await check("office page");
        await page.goto("/offices/demo-district/overview");
        await expect(page.locator("figure.chart svg")).toHaveCount(2);
        await check("office overview");
        await page.goto("/offices/demo-district/impact");
        await expect(page.locator("table.impact-table")).toHaveCount(4);
        await check("an office's impact page");
      });
    });
  }
});
