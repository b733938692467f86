// Reading the emails the server wrote to its mail folder (tests/browser/
// serve.sh), to follow sign-in links as a person would.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { mailFolder } from "../../playwright.config";

/// Undoes quoted-printable soft line breaks and escapes.
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/// A message's text whatever its parts' transfer encoding: quoted-printable
/// undone, and base64 blocks decoded and appended.
function readable(raw: string): string {
  // Runs of lines that are nothing but base64: a part's encoded body.
  const blocks = (raw.match(/(?:^[A-Za-z0-9+/]{16,}={0,2}\r?$\n?)+/gm) ?? []).map((block) =>
    Buffer.from(block.replace(/\s+/g, ""), "base64").toString("utf8"),
  );
  return [decodeQuotedPrintable(raw), ...blocks].join("\n");
}

/// The newest sign-in link sent to `email`, waiting for it to arrive.
export async function signInLink(email: string): Promise<string> {
  return linkIn(email, /https?:\/\/[^\s"<>]+\/sign-in\/confirm\?token=[A-Za-z0-9_-]+/);
}

/// The newest RSVP link (`/rsvps/confirm?token=` or `/rsvps/cancel?token=`)
/// sent to `email`, as a path on this site; from an email whose subject
/// starts with `subject` when given (each email about a reply carries a
/// cancel link of its own, so a test waits for the email it means rather
/// than take whichever arrived first).
export async function rsvpLink(email: string, kind: string, subject?: string): Promise<string> {
  const escaped = kind.replace(/[?]/g, "\\?");
  const link = await linkIn(email, new RegExp(`https?://[^\\s"<>]+${escaped}[A-Za-z0-9_-]+`), subject);
  return new URL(link).pathname + new URL(link).search;
}

async function linkIn(email: string, pattern: RegExp, subject?: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(mailFolder)
          .filter((name) => name.endsWith(".eml"))
          .map((name) => join(mailFolder, name))
          .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
        for (const file of files) {
          const raw = readFileSync(file, "utf8");
          if (!raw.includes(`To: ${email}`)) continue;
          if (subject && !raw.includes(`Subject: ${subject}`)) continue;
          link = readable(raw).match(pattern)?.[0];
          if (link) return link;
        }
        return undefined;
      },
      { timeout: 15_000 },
    )
    .toBeDefined();
  return link!;
}

/// Signs in through the form and the emailed link. Pages in another
/// language than English are driven by element, not by their English names.
export async function signIn(page: Page, email: string, language = "en") {
  await page.goto("/sign-in");
  await page.locator("#email").fill(email);
  await page.locator("form[action='/sign-in'] button[type=submit]").click();
  await expect(page).toHaveURL(/\/sign-in\/check-email$/);
  await page.goto(await signInLink(email));
  await expect(page.locator("form[action='/sign-out']")).toBeVisible();
  if (language === "en") {
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  }
}

/// Waits for an email to `email` whose subject starts with `subject` (for
/// up to `timeout` ms); returns its readable text.
export async function mailTo(email: string, subject: string, timeout = 15_000): Promise<string> {
  let text = "";
  await expect
    .poll(
      () => {
        for (const name of readdirSync(mailFolder).filter((n) => n.endsWith(".eml"))) {
          const raw = readFileSync(join(mailFolder, name), "utf8");
          if (raw.includes(`To: ${email}`) && raw.includes(`Subject: ${subject}`)) {
            text = readable(raw);
            return true;
          }
        }
        return false;
      },
      { timeout },
    )
    .toBe(true);
  return text;
}
