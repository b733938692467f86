// Saying "I'm coming" on the demo data, from one panel: in one tap on this
// device, and as a guest confirming by email and cancelling with the
// emailed link — with JavaScript and without.
import { expect, test } from "@playwright/test";
import { rsvpLink } from "./mail";

async function openFirstGathering(page) {
  await page.goto("/?place=Madrid");
  await page.locator(".cards .card-title a").first().click();
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
}

test("a resident comes in one tap without giving a name and cancels on the same device", async ({ page }) => {
  await openFirstGathering(page);
  const reply = page.locator("form.join-form");
  // One form, this device chosen already, no address asked: one tap.
  await expect(reply).toHaveCount(1);
  await expect(reply.getByRole("radio", { name: "On this device, without a name" })).toBeChecked();
  await expect(reply.getByLabel("Your email address")).toBeHidden();
  await reply.getByRole("button", { name: "I am coming" }).click();
  await expect(page.getByRole("status")).toContainText(/You are coming|waiting list/);
  const mine = page.locator(".rsvp .date-list li");
  await expect(mine).toHaveCount(1);

  await mine.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status")).toContainText("Your place is cancelled");
  await expect(page.locator(".rsvp .date-list li")).toHaveCount(0);
});

test("a guest confirms by email, then cancels with the link in the email", async ({ page }, testInfo) => {
  const email = `guest-${testInfo.project.name}@example.org`;
  await openFirstGathering(page);
  // The same panel: choosing email shows its fields.
  const reply = page.locator("form.join-form");
  await reply.getByRole("radio", { name: "With my email address" }).check();
  await reply.getByLabel("Your email address").fill(email);
  await reply.getByLabel("Your name (optional)").fill("Lina");
  await reply.getByRole("button", { name: "I am coming" }).click();
  await expect(page.getByRole("status")).toContainText("we sent you an email");

  await page.goto(await rsvpLink(email, "/rsvps/confirm?token="));
  await expect(page.getByRole("status")).toContainText(/You are coming|waiting list/);

  await page.goto(await rsvpLink(email, "/rsvps/cancel?token=", "You are "));
  await page.getByRole("button", { name: "Yes, cancel my place" }).click();
  // Back on the gathering's page (not the page that says the link no
  // longer works), saying so.
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+\?rsvp=cancelled/);
  await expect(page.getByRole("status")).toContainText("Your place is cancelled");
});

test("choosing to reply with an account leads to signing in, and back", async ({ page }) => {
  await openFirstGathering(page);
  const gathering = new URL(page.url()).pathname;
  const reply = page.locator("form.join-form");
  await reply.getByRole("radio", { name: "With my account (sign in first)" }).check();
  await reply.getByRole("button", { name: "I am coming" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  expect(new URL(page.url()).searchParams.get("next")).toBe(gathering);
});
