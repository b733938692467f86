// Saying "I'm coming" on the demo data: anonymously on this device, and as
// a guest confirming by email and cancelling with the emailed link — with
// JavaScript and without.
import { expect, test } from "@playwright/test";
import { rsvpLink } from "./mail";

async function openFirstGathering(page) {
  await page.goto("/?place=Madrid");
  await page.locator(".cards .card-title a").first().click();
  await expect(page).toHaveURL(/\/events\/[a-z0-9]+$/);
}

test("a resident comes without giving a name and cancels on the same device", async ({ page }) => {
  await openFirstGathering(page);
  const anonymous = page.locator("form.join-form", { hasText: "Come without giving a name" });
  await anonymous.getByRole("button", { name: "I am coming" }).click();
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
  const byEmail = page.locator("form.join-form", { hasText: "Or give your email address" });
  await byEmail.getByLabel("Your email address").fill(email);
  await byEmail.getByLabel("Your name (optional)").fill("Lina");
  await byEmail.getByRole("button", { name: "Send me a confirmation" }).click();
  await expect(page.getByRole("status")).toContainText("we sent you an email");

  await page.goto(await rsvpLink(email, "/rsvps/confirm?token="));
  await expect(page.getByRole("status")).toContainText(/You are coming|waiting list/);

  await page.goto(await rsvpLink(email, "/rsvps/cancel?token=", "You are "));
  await page.getByRole("button", { name: "Yes, cancel my place" }).click();
  await expect(page.getByRole("status")).toContainText("Your place is cancelled");
});
