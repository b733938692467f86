// People in their own browsers, and an organiser's first steps, for the
// specs that need several people and a gathering of their own rather than
// the demo data's.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn } from "./mail";

/// A page in a browser of its own (JavaScript as the project runs it),
/// reading `locale`, signed in as `email` when given.
export async function personAs(browser: Browser, email?: string, locale = "en-GB"): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: test.info().project.use.javaScriptEnabled, locale });
  const page = await context.newPage();
  if (email) await signIn(page, email, locale.slice(0, 2));
  return page;
}

/// Creates the host `host` and publishes one gathering on it, nine days
/// ahead from 18:00 to 20:00 in Berlin, with the food category; returns the
/// gathering's path. The page must be signed in.
export async function publishGathering(organiser: Page, host: string, title: string): Promise<string> {
  await organiser.goto("/hosts");
  await organiser.locator("#name").fill(host);
  await organiser.locator("form[action='/hosts'] button[type=submit]").click();
  await organiser.getByRole("link", { name: "New gathering" }).click();
  await organiser.getByLabel("Title", { exact: true }).fill(title);
  await organiser.getByRole("checkbox", { name: "Food" }).check();
  await organiser.getByLabel("Name of the place").fill("Nachbarschaftshaus");
  await organiser.getByLabel("Town or city, or latitude, longitude").fill("52.5200, 13.4050");
  const start = new Date(Date.now() + 9 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await organiser.getByLabel("Date", { exact: true }).fill(start);
  await organiser.getByLabel("Starts at").fill("18:00");
  await organiser.getByLabel("Ends at").fill("20:00");
  await organiser.getByRole("button", { name: "Publish the gathering" }).click();
  await expect(organiser).toHaveURL(/\/events\/[a-z0-9]+$/);
  return new URL(organiser.url()).pathname;
}
