import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, expect } from "@playwright/test";
import { environment } from "./environment";

/**
 * Signs in over HTTP (the same procedure the login form calls) and puts the session cookie in the
 * browser context, so specs that are not about signing in do not click through the form.
 */
export async function signInAs(context: BrowserContext, app: "workspace" | "portal", email: string) {
  const env = environment();
  const base = env[app];
  const response = await context.request.post(`${base}/api/trpc/auth.signIn`, {
    headers: { origin: base, "content-type": "application/json" },
    data: { json: { email, password: env.password } },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** Mails the SMTP test server received, oldest first, as raw text. */
export function receivedMails(): string[] {
  const { mailDir } = environment();
  return readdirSync(mailDir)
    .sort()
    .map((name) => readFileSync(path.join(mailDir, name), "utf8"));
}

/** The first link to `base` in the newest mail sent to `to`. */
export async function linkFromMail(to: string, base: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(() => {
      const mail = receivedMails()
        .reverse()
        .find((m) => m.toLowerCase().includes(`to: ${to}`));
      // Quoted-printable may wrap long lines with "=\r\n"; undo that before looking.
      const text = mail?.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      link = text?.match(new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\S+`))?.[0];
      return link;
    })
    .toBeTruthy();
  return link!;
}
