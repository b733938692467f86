// A person's own data: reading and downloading it, deleting the account,
// and a guest without an account asking for theirs by email — with
// JavaScript and without.
import { expect, test } from "@playwright/test";
import { rsvpLink, signIn } from "./mail";

test("a person downloads what is held about them, then deletes their account", async ({ page }, testInfo) => {
  const email = `leaving-${testInfo.project.name}@example.org`;
  await signIn(page, email);
  await page.goto("/account");
  await page.getByLabel("Display name (optional)").fill("Rosa Leaving");
  await page.locator("form[action='/account'] button[type=submit]").click();
  await expect(page.getByRole("status")).toBeVisible();

  await page.getByRole("link", { name: "Download my data" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Download my data");
  await expect(page.locator("main")).toContainText(email);
  await expect(page.locator("main")).toContainText("Rosa Leaving");
  const file = await page.request.get(await page.getByRole("link", { name: /Download as a file/ }).getAttribute("href"));
  expect(file.headers()["content-disposition"]).toContain("attachment");
  expect((await file.json()).account.email).toBe(email);

  // Not ticked: told so, nothing happens.
  await page.goto("/account");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.locator("#confirm-error")).toHaveText("Tick the box to confirm.");
  await expect(page.locator("form[action='/sign-out']")).toBeVisible();

  await page.getByLabel(/I want to delete my account/).check();
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account is deleted");
  await expect(page.locator("form[action='/sign-out']")).toHaveCount(0);
  const again = await page.request.get("/account/data.json", { maxRedirects: 0 });
  expect(again.status()).toBe(303);
});

test("a guest who replied by email reads what is held about their address", async ({ page }, testInfo) => {
  const email = `guest-data-${testInfo.project.name}@example.org`;
  await page.goto("/?place=Madrid");
  await page.locator(".cards .card-title a").first().click();
  const reply = page.locator("form.join-form");
  await reply.getByRole("radio", { name: "With my email address" }).check();
  await reply.getByLabel("Your email address").fill(email);
  await reply.getByLabel("Your name (optional)").fill("Samir");
  await reply.getByRole("button", { name: "I am coming" }).click();
  await expect(page.getByRole("status")).toContainText("we sent you an email");

  await page.goto("/privacy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What we keep about you, and for how long");
  await expect(page.locator("main")).toContainText("30 days after each date");

  await page.goto("/my-data");
  await page.getByLabel("Your email address").fill(email);
  await page.getByRole("button", { name: "Email me the link" }).click();
  await expect(page.getByRole("status")).toContainText("a link is on its way");
  await page.goto(await rsvpLink(email, "/my-data?token="));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Download my data");
  await expect(page.locator("main")).toContainText("Samir");
});
