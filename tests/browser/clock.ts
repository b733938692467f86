// Time passing for the browser-test server, whose clock cannot be moved: a
// date is moved into the past in its database instead (tests/browser/
// serve.sh keeps it next to the mail folder), as if the days had gone by.
// Python's sqlite3 does the writing; it is on every machine CI runs on.
import { execFileSync } from "node:child_process";
import { mailFolder } from "../../playwright.config";

const MOVE_DATE = `
import sqlite3, sys
from datetime import datetime, timedelta, timezone

database, date_id, hours_ago = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])

def parsed(stored):
    return datetime.fromisoformat(stored.replace(" +", "+").replace("Z", "+00:00"))

def stored_like(example, moment):
    # The same text shape as the server wrote: separator, fraction, offset.
    moment = moment.astimezone(timezone.utc)
    day, clock = moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M:%S")
    rest = example[19:]
    if rest.startswith("."):
        digits = len(rest[1:].split("+")[0].split(" ")[0].rstrip("Z"))
        fraction = f"{moment.microsecond:06d}"[:digits].ljust(digits, "0")
        rest = "." + fraction + rest[1 + digits:]
    return day + example[10] + clock + rest

with sqlite3.connect(database, timeout=30) as db:
    starts, ends = db.execute(
        "SELECT starts_at, ends_at FROM occurrences WHERE id = ?", (date_id,)
    ).fetchone()
    shift = datetime.now(timezone.utc) - timedelta(hours=hours_ago) - parsed(starts)
    db.execute(
        "UPDATE occurrences SET starts_at = ?, ends_at = ? WHERE id = ?",
        (stored_like(starts, parsed(starts) + shift), stored_like(ends, parsed(ends) + shift), date_id),
    )
`;

/// Moves the date `dateId` so that it started `hoursAgo` hours ago, keeping
/// its length.
export function dateStartedHoursAgo(dateId: string, hoursAgo: number) {
  execFileSync("python3", ["-c", MOVE_DATE, `${mailFolder}.db`, dateId, String(hoursAgo)]);
}
