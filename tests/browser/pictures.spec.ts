// An organiser adds a cover picture with its description from the manage
// page (a plain upload form, so with JavaScript and without); residents
// see it on the card and on the gathering's page at the size each shows,
// and the file they get carries nothing the camera wrote into it. A
// decompression bomb and a file that is not a picture are refused with a
// message and change nothing.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { personAs, publishGathering } from "./people";

const fixtures = "tests/fixtures/pictures";
const description = "Neighbours at a long table with bowls of soup";

async function addPicture(organiser: Page, gathering: string, file: string | { name: string; mimeType: string; buffer: Buffer }, alt: string) {
  await organiser.goto(`${gathering}/manage`);
  await organiser.getByLabel("Choose a picture").setInputFiles(file);
  await organiser.getByLabel("Describe the picture").fill(alt);
  await organiser.getByRole("button", { name: "Save picture" }).click();
}

/// The picture as the browser drew it: its box, and the file it chose.
async function drawn(page: Page, selector: string) {
  const picture = page.locator(selector).first();
  await picture.scrollIntoViewIfNeeded();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  return picture.evaluate((img: HTMLImageElement) => {
    const box = img.getBoundingClientRect();
    return { width: Math.round(box.width), height: Math.round(box.height), file: img.currentSrc };
  });
}

test("residents see an organiser's picture on the card and the page, without its GPS position", async ({ browser }, testInfo) => {
  const project = testInfo.project.name;
  const organiser = await personAs(browser, `pictures-${project}@example.org`);
  const title = `Soup with a picture (${project})`;
  const gathering = await publishGathering(organiser, `Picture kitchen ${project}`, title);

  await addPicture(organiser, gathering, `${fixtures}/photo-with-gps.jpg`, description);
  await expect(organiser).toHaveURL(/\/manage\?saved=1$/);
  await expect(organiser.locator(".picture-current img")).toHaveAttribute("alt", description);

  // On a phone, a card first (a browser may reuse a wider file it already
  // has): the thumbnail, in the card's small box.
  const resident = await personAs(browser);
  await resident.setViewportSize({ width: 390, height: 844 });
  await resident.goto("/?place=52.52,13.405&radius=1&sort=nearest");
  const card = resident.locator("li.card", { hasText: title });
  await expect(card.getByRole("img", { name: description })).toBeVisible();
  const thumbnail = await drawn(resident, `li.card:has-text("${title}") img.card-picture`);
  expect([thumbnail.width, thumbnail.height]).toEqual([96, 54]);
  expect(thumbnail.file).toMatch(/\/picture\/192\?v=/);

  // The page's picture fills the column, in its own shape.
  await resident.goto(gathering);
  await expect(resident.getByRole("img", { name: description })).toBeVisible();
  const page = await drawn(resident, "img.cover.photo");
  expect(page.width).toBeGreaterThan(300);
  expect(page.height).toBe(Math.round((page.width * 9) / 16));
  expect(page.file).toMatch(/\/picture\/(480|960)\?v=/);

  // The served file is a new picture: no EXIF, no camera, no position.
  const upload = readFileSync(`${fixtures}/photo-with-gps.jpg`);
  expect(upload.includes("Exif")).toBe(true);
  for (const file of [page.file, thumbnail.file]) {
    const served = await (await resident.request.get(file)).body();
    expect(served.includes("Exif")).toBe(false);
    expect(served.includes("Common Ground test camera")).toBe(false);
  }
});

test("a decompression bomb and a file that is not a picture are refused with a message and change nothing", async ({ browser }, testInfo) => {
  const project = testInfo.project.name;
  const organiser = await personAs(browser, `bombs-${project}@example.org`);
  const gathering = await publishGathering(organiser, `Careful kitchen ${project}`, `Careful soup (${project})`);

  await addPicture(organiser, gathering, `${fixtures}/bomb.png`, description);
  await expect(organiser.locator("#picture-error")).toContainText("too many pixels");
  await expect(organiser.getByLabel("Describe the picture")).toHaveValue(description);
  await expect(organiser.getByLabel("Choose a picture")).toHaveAttribute("aria-invalid", "true");

  const letter = { name: "holiday.jpg", mimeType: "image/jpeg", buffer: Buffer.from("Dear neighbours, this is a letter.") };
  await addPicture(organiser, gathering, letter, description);
  await expect(organiser.locator("#picture-error")).toContainText("not a JPEG, PNG or WebP picture");

  // Residents still see the drawing of its kind.
  await organiser.goto(gathering);
  await expect(organiser.locator("img.cover")).toHaveAttribute("src", /^\/illustrations\/food\.svg$/);
  await expect(organiser.locator("img.cover.photo")).toHaveCount(0);
});
