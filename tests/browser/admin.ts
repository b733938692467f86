// The administrators' commands, run against the browser-test server's
// database (tests/browser/serve.sh keeps it next to the mail folder).
import { execFileSync } from "node:child_process";
import { mailFolder } from "../../playwright.config";

/// Makes `email` a member of the city office `office`.
export function addOfficeMember(office: string, email: string) {
  const bin = process.env.COMMONGROUND_BIN ?? "target/debug/commonground";
  execFileSync(bin, ["office", "add-member", "--office", office, "--email", email], {
    env: { ...process.env, DATABASE_URL: `sqlite://${mailFolder}.db` },
  });
}

/// Gives `email` a role on the installation (`administrator` or `moderator`).
export function grantRole(email: string, role: "administrator" | "moderator") {
  const bin = process.env.COMMONGROUND_BIN ?? "target/debug/commonground";
  execFileSync(bin, ["admin", "grant", "--email", email, "--role", role], {
    env: { ...process.env, DATABASE_URL: `sqlite://${mailFolder}.db` },
  });
}
