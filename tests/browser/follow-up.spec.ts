// After the date: a guest who asked to be asked how it went gets one email
// the morning after, in her language; she answers without an account and
// writes a story to be shared with her first name; the organisers publish
// the story and it appears on the gathering's page; she withdraws it with
// the same link and it is gone; once the time to answer is over, her
// answers are in the organisers' figures.
// With JavaScript and without. The date is moved into the past in the
// server's database, as the days going by would (tests/browser/clock.ts).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { dateStartedHoursAgo } from "./clock";
import { mailTo } from "./mail";
import { personAs, publishGathering } from "./people";

/// axe-core (WCAG 2.2 A and AA, best practices) on the page as it is now; no violations.
async function accessible(page: Page) {
  if (!test.info().project.use.javaScriptEnabled) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("the day after, a guest answers in her language, and her story is published, then withdrawn", async ({ browser }) => {
  // The server looks for follow-ups that are due once a minute.
  test.setTimeout(180_000);
  const project = test.info().project.name;
  const organiser = await personAs(browser, `follow-up-organiser-${project}@example.org`);
  const title = `Soup evening (${project})`;
  const eventPath = await publishGathering(organiser, `Soup club ${project}`, title);

  // Amal reads German; she replies and ticks the follow-up.
  const amalEmail = `follow-up-amal-${project}@example.org`;
  const amal = await personAs(browser, amalEmail, "de-DE");
  await amal.goto(eventPath);
  const reply = amal.locator("form.join-form:has(input[name=how][value=account])");
  const dateId = (await reply.locator("input[name=occurrence]").getAttribute("value"))!;
  await reply.locator("input[name=follow_up]").check();
  await reply.locator("button[type=submit]").click();
  await expect(amal).toHaveURL(/[?]rsvp=going#rsvp$/);

  // Before the date nothing is asked, and the organisers' figures wait;
  // two days after it started, she is asked.
  await organiser.goto(`${eventPath}/dates/${dateId}/door`);
  await expect(organiser.locator("main")).toContainText("once the time to answer is over");
  dateStartedHoursAgo(dateId, 48);
  const email = await mailTo(amalEmail, `Wie war ${title}?`, 120_000);
  const link = /https?:\/\/[^\s"<>]+\/follow-up\?token=[A-Za-z0-9_-]+/.exec(email)![0];

  // The link is the key: a browser without an account opens it.
  const answering = await personAs(browser, undefined, "de-DE");
  const followUp = new URL(link).pathname + new URL(link).search;
  await answering.goto(followUp);
  await expect(answering.getByRole("heading", { level: 1 })).toHaveText("Wie war es?");
  await answering.locator("input[name=met_someone_new][value=yes]").check();
  await answering.locator("input[name=comfortable][value='4']").check();
  await answering.locator("input[name=come_again][value=yes]").check();
  const story = `Wir haben zusammen Suppe gekocht, und meine Nachbarin kommt nächstes Mal mit (${project}).`;
  await answering.locator("textarea[name=story]").fill(story);
  await answering.locator("input[name=shown_as][value=first_name]").check();
  await answering.locator("input[name=first_name]").fill("Amal");
  await accessible(answering);
  await answering.locator("form[action='/follow-up'] button[type=submit]").click();
  await expect(answering.getByRole("status")).toHaveText("Danke! Deine Antworten wurden gezählt.");
  await expect(answering.locator("main")).toContainText("Wartet darauf, dass das Organisationsteam sie veröffentlicht.");

  // The organisers' figures wait until no more answers can come.
  const door = `${eventPath}/dates/${dateId}/door`;
  await organiser.goto(door);
  await expect(organiser.locator("main")).toContainText("once the time to answer is over");

  // The organisers publish the story; it shows on the gathering's page,
  // with her first name and in her language.
  await organiser.goto(`${eventPath}/stories`);
  const waiting = organiser.locator("li", { hasText: story });
  await expect(waiting).toContainText("To be shown with the first name Amal");
  await accessible(organiser);
  await waiting.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(organiser.getByRole("status")).toHaveText("The story is published.");
  const neighbour = await personAs(browser);
  await neighbour.goto(eventPath);
  const shown = neighbour.locator("figure.story", { hasText: story });
  await expect(shown).toContainText("— Amal");
  await expect(shown.locator("blockquote")).toHaveAttribute("lang", "de");

  // She withdraws it with the same link: it is gone from the page.
  await answering.goto(followUp);
  await expect(answering.locator("main")).toContainText(story);
  await answering.getByRole("button", { name: "Meine Geschichte zurückziehen" }).click();
  await expect(answering.getByRole("status")).toHaveText("Deine Geschichte wurde zurückgezogen und gelöscht.");
  await neighbour.goto(eventPath);
  await expect(neighbour.locator("main")).not.toContainText(story);
  await organiser.goto(`${eventPath}/stories`);
  await expect(organiser.locator("main")).not.toContainText(story);

  // Forty days on, the time to answer is over: her answers are in the
  // organisers' figures, withheld while so few.
  dateStartedHoursAgo(dateId, 40 * 24);
  await organiser.goto(door);
  const main = organiser.locator("main");
  await expect(main).toContainText("How it went (from the follow-up)");
  await expect(main).toContainText("How comfortable would you feel meeting them again?");
  await expect(main).toContainText("fewer than 5");
  await expect(main).not.toContainText("once the time to answer is over");
});
