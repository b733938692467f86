// At the door: a family replies, its QR code (on "My gatherings" and in the
// "you are coming" email) is scanned — screenshotted and decoded as a
// phone's camera would — and opens the door page of its date for a
// volunteer at the door, who checks two of the three in and counts a
// walk-in, but cannot open the list. The organiser sees who came. With
// JavaScript and without.
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { mailTo } from "./mail";
import { personAs, publishGathering } from "./people";

/// What a camera reads off a QR code on the screen.
async function scan(code: Locator): Promise<string> {
  const shot = PNG.sync.read(await code.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height);
  expect(decoded).not.toBeNull();
  return decoded!.data;
}

/// An organiser's welcome dinner nine days ahead, with a role at the
/// door; the organiser's page and the gathering's path.
async function welcomeDinner(browser: Browser, tag: string): Promise<{ organiser: Page; eventPath: string }> {
  const organiser = await personAs(browser, `door-organiser-${tag}@example.org`);
  const eventPath = await publishGathering(organiser, `Door club ${tag}`, `Welcome dinner (${tag})`);
  await organiser.goto(`${eventPath}/manage`);
  await organiser.locator("input[name=role_name]").fill("Welcomer");
  await organiser.locator("input[name=role_slots]").fill("2");
  await organiser.locator("input[name=role_at_door]").check();
  await organiser.getByRole("button", { name: "Add the role" }).click();
  return { organiser, eventPath };
}

/// A family of three replies (answering the optional question) and reads
/// its QR code off "My gatherings"; what the code holds.
async function familyComing(browser: Browser, eventPath: string, email: string): Promise<string> {
  const family = await personAs(browser, email);
  await family.goto(eventPath);
  const reply = family.locator("form.join-form:has(input[name=how][value=account])");
  await reply.locator("input[name=party]").fill("3");
  await reply.getByRole("radio", { name: "Less than 2 years" }).check();
  await reply.getByRole("button", { name: "I am coming" }).click();
  await family.goto("/my");
  await family.locator("details.door-qr summary").click();
  const scanned = await scan(family.locator("details.door-qr svg"));
  const code = new URL(scanned).searchParams.get("q")!;
  await expect(family.locator("main")).toContainText(`your code at the door: ${code}`);
  return scanned;
}

test("a volunteer at the door checks a family in by its QR code and counts a walk-in", async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const project = test.info().project.name;
  const { organiser, eventPath } = await welcomeDinner(browser, project);

  // A family of three replies; its QR code holds the door page.
  const familyEmail = `door-family-${project}@example.org`;
  const fromPage = await familyComing(browser, eventPath, familyEmail);
  expect(fromPage).toMatch(new RegExp(`^${baseURL}${eventPath}/dates/\\d+/door\\?q=[A-Z0-9]{6}$`));
  const code = new URL(fromPage).searchParams.get("q")!;

  // The email carries the same code, drawn as a table mail programs show.
  const email = await mailTo(familyEmail, "You are coming");
  // Rows are tables of their own: the code ends where the last row does.
  const table = /<table role="img"[\s\S]*?<\/tr><\/table><\/td><\/tr><\/table>/.exec(email)?.[0];
  expect(table).toBeDefined();
  const mailView = await organiser.context().newPage();
  await mailView.setContent(`<!DOCTYPE html><body style="margin:20px">${table}</body>`);
  expect(await scan(mailView.locator("table[role=img]"))).toBe(fromPage);

  // A volunteer signs up for the role at the door; the organiser lets them in.
  const helper = await personAs(browser, `door-helper-${project}@example.org`);
  await helper.goto(eventPath);
  await helper.getByRole("button", { name: "Sign up" }).first().click();
  await expect(helper.getByText("You are helping")).toBeVisible();
  await organiser.goto(`${eventPath}/manage`);
  await organiser.locator("summary", { hasText: "Who is coming" }).click();
  await organiser.getByRole("button", { name: "Let them check guests in" }).click();
  await expect(organiser).toHaveURL(/\/manage\?saved=1$/);

  // The volunteer's camera opens the scanned address: the family, found.
  await helper.goto(fromPage);
  const found = helper.locator("li", { hasText: code });
  await expect(found).toContainText("party of 3");
  await found.getByLabel("People who came").fill("2");
  await found.getByRole("button", { name: "Check in" }).click();
  await expect(helper.getByRole("status")).toContainText("Checked in");
  await expect(helper.locator("li", { hasText: code })).toContainText("Checked in: 2 of 3");
  await helper.getByRole("button", { name: "+1 person" }).click();
  await expect(helper.getByRole("status")).toContainText("Counted.");
  // Helpers see what they looked up, never the list or the figures.
  await expect(helper.locator("dl.figures")).toHaveCount(0);
  const list = await helper.goto(`${eventPath}/manage`);
  expect(list?.status()).toBe(403);

  // The organiser types the code: it is the same reply, already in.
  const door = new URL(fromPage).pathname;
  await organiser.goto(door);
  await organiser.getByLabel("Door code or name").fill(code.toLowerCase());
  await organiser.getByRole("button", { name: "Find" }).click();
  await expect(organiser.locator("li", { hasText: code })).toContainText("Checked in: 2 of 3");
  const figures = organiser.locator("dl.figures").first();
  await expect(figures).toContainText("Replied as coming3");
  await expect(figures).toContainText("Checked in2");
  await expect(figures).toContainText("Came without replying1");
  await expect(figures).toContainText("Replied but not checked in1");
  // The answers' counts wait until the door has closed: watched while
  // each reply moves them, they would tell whose answer it was.
  await expect(organiser.locator("main")).toContainText("How long have you lived around here?");
  await expect(organiser.locator("main")).toContainText("once the door has closed");
  await expect(organiser.locator("dl.figures")).toHaveCount(1);
  await expect(organiser.locator("main")).not.toContainText(familyEmail);
});

test("without signal, check-ins and walk-ins wait on the phone and count once when it is back", async ({ browser }) => {
  test.setTimeout(90_000);
  const project = test.info().project.name;
  const { organiser, eventPath } = await welcomeDinner(browser, `offline-${project}`);
  const scanned = await familyComing(browser, eventPath, `door-family-offline-${project}@example.org`);
  const code = new URL(scanned).searchParams.get("q")!;
  const door = new URL(scanned).pathname;
  const byCode = organiser.locator("form.door-by-code");
  const queue = organiser.locator("#door-queue");
  await organiser.goto(door);

  const hydrated = project === "hydrated";
  if (hydrated) {
    // Opened once with signal: the worker runs it, and the bare page is kept.
    await organiser.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { polling: 100 });
    await expect
      .poll(() =>
        organiser.evaluate(async () => Boolean(await caches.match(location.origin + location.pathname))),
      )
      .toBe(true);
    await organiser.context().setOffline(true);
  }
  // Two of three by code, sent twice; two taps of "+1".
  for (let i = 0; i < 2; i++) {
    await byCode.getByLabel("Door code").fill(code);
    await byCode.getByLabel("People who came").fill("2");
    await byCode.getByRole("button", { name: "Check in" }).click();
    await organiser.waitForLoadState("load");
  }
  for (let i = 0; i < 2; i++) {
    await organiser.getByRole("button", { name: "+1 person" }).click();
    await organiser.waitForLoadState("load");
  }
  if (hydrated) {
    await expect(queue).toBeVisible();
    await expect(queue).toHaveText("Kept on this phone, to send when it is back online: 4");
    await organiser.context().setOffline(false);
    // Back online, the phone sends them and shows the page afresh.
    await expect(organiser).toHaveURL(new RegExp(`${door}$`), { timeout: 10_000 });
    await expect(queue).toBeHidden();
  }
  await organiser.goto(`${door}?q=${code}`);
  await expect(organiser.locator("li", { hasText: code })).toContainText("Checked in: 2 of 3");
  const figures = organiser.locator("dl.figures").first();
  await expect(figures).toContainText("Checked in2");
  await expect(figures).toContainText("Came without replying2");
});
