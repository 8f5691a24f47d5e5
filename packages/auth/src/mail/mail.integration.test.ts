import type { AddressInfo } from "node:net";
import { withTenant } from "@ordinavo/db";
import { contactPersons } from "@ordinavo/db/schema";
import { testEngines } from "@ordinavo/db/testing";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuthHarness,
  createCustomer,
  createStaff,
  createTenant,
  openHarness,
  recordingLog,
} from "../test-support";
import { createMailer, listDevMail } from "./mailer";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a random local port that keeps what it receives. */
async function startSmtpServer() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body of a raw message, with quoted-printable soft breaks and escapes undone. */
function decodedBody(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(raw)) return body;
  return body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

describe.each(testEngines())("mail on %s", (engine) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let h: AuthHarness;
  const smtpLog = recordingLog();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    h = await openHarness(engine);
  });
  afterAll(async () => {
    await smtp?.close();
    await h?.database.destroy();
  });

  it("sends an invitation through a real SMTP server, with the link in the body", async () => {
    const mailer = createMailer({
      db: h.db,
      smtpUrl: smtp.url,
      from: "Ordinavo <no-reply@ordinavo.test>",
      log: smtpLog,
    });
    const { createAuth } = await import("../create-auth");
    const auth = createAuth({ db: h.db, mailer, log: smtpLog, secureCookies: true, now: h.clock });
    const tenant = await createTenant(h.db, "Northwind Services");
    const admin = await createStaff(h.db, { memberships: [{ tenantId: tenant.id, role: "tenant_admin" }] });
    let link = "";
    await auth.staff.inviteStaff({
      tenantId: tenant.id,
      email: "new.hire@example.test",
      role: "dispatcher",
      invitedById: admin.id,
      acceptUrl: (token) => {
        link = `https://work.example.test/invitation/${token}`;
        return link;
      },
    });
    mailer.close();

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.from).toBe("no-reply@ordinavo.test");
    expect(message!.to).toEqual(["new.hire@example.test"]);
    expect(message!.raw).toMatch(/^Subject: You are invited to Northwind Services on Ordinavo\r?$/m);
    const body = decodedBody(message!.raw);
    expect(body).toContain(link);
    expect(body).toContain("as dispatcher");

    // Accepting with the link from the received mail works.
    const token = body.match(/invitation\/([A-Za-z0-9_-]{43})/)![1]!;
    expect((await auth.staff.getInvitation(token))?.email).toBe("new.hire@example.test");

    // SMTP mode logs the kind of mail only: no address, no link, no token.
    const logged = smtpLog.lines.join("\n");
    expect(logged).toContain('"kind":"staff_invitation"');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain("new.hire@example.test");
    expect(await listDevMail(h.db, { to: "new.hire@example.test" })).toEqual([]);
  });

  it("sends a password reset through SMTP", async () => {
    const mailer = createMailer({
      db: h.db,
      smtpUrl: smtp.url,
      from: "no-reply@ordinavo.test",
      log: smtpLog,
    });
    const { createAuth } = await import("../create-auth");
    const auth = createAuth({ db: h.db, mailer, log: smtpLog, secureCookies: true, now: h.clock });
    const user = await createStaff(h.db);
    await auth.staff.requestPasswordReset({
      email: user.email,
      resetUrl: (token) => `https://w.test/reset/${token}`,
    });
    mailer.close();
    const message = smtp.received.find((received) => received.to.includes(user.email));
    expect(decodedBody(message!.raw)).toMatch(/https:\/\/w\.test\/reset\/[A-Za-z0-9_-]{43}/);
  });

  it("sends a portal invitation in the contact's language through SMTP (English and French)", async () => {
    const mailer = createMailer({
      db: h.db,
      smtpUrl: smtp.url,
      from: "no-reply@ordinavo.test",
      log: smtpLog,
    });
    const { createAuth } = await import("../create-auth");
    const auth = createAuth({ db: h.db, mailer, log: smtpLog, secureCookies: true, now: h.clock });
    const tenant = await createTenant(h.db, "Propreté Rhône");
    const { customer } = await createCustomer(h.db, tenant.id);
    const [contact] = await withTenant(h.db, tenant.id, (tx) =>
      tx
        .insert(contactPersons)
        .values({ tenantId: tenant.id, customerId: customer.id, name: "Zoé" })
        .returning(),
    );
    for (const locale of ["fr", "en"] as const) {
      await auth.portal.invite({
        tenantId: tenant.id,
        contactPersonId: contact!.id,
        email: `zoe.${locale}@example.test`,
        name: "Zoé Lefèvre",
        locale,
        customerId: customer.id,
        locationIds: null,
        invitedById: null,
        acceptUrl: (token) => `https://portal.example.test/invitation/${token}`,
      });
    }
    mailer.close();
    const received = (to: string) => smtp.received.find((message) => message.to.includes(to))!;
    const french = received("zoe.fr@example.test");
    // The subject is MIME-encoded (accents); the body is UTF-8 quoted-printable.
    expect(french.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const frenchBody = decodedBody(french.raw);
    expect(Buffer.from(frenchBody, "latin1").toString("utf8")).toContain("Bonjour Zoé Lefèvre,");
    expect(frenchBody).toMatch(/https:\/\/portal\.example\.test\/invitation\/[A-Za-z0-9_-]{43}/);
    const english = decodedBody(received("zoe.en@example.test").raw);
    expect(english).toContain("Open this link to accept the invitation:");
    expect(english).toMatch(/https:\/\/portal\.example\.test\/invitation\/[A-Za-z0-9_-]{43}/);
    expect(smtpLog.lines.join("\n")).toContain('"kind":"portal_invitation"');
  });

  it("reports a refused delivery to the caller of an invitation and revokes it", async () => {
    const log = recordingLog();
    const mailer = createMailer({ db: h.db, smtpUrl: "smtp://127.0.0.1:1", from: "x@ordinavo.test", log });
    const { createAuth } = await import("../create-auth");
    const auth = createAuth({ db: h.db, mailer, log, secureCookies: true, now: h.clock });
    const tenant = await createTenant(h.db);
    let token = "";
    await expect(
      auth.staff.inviteStaff({
        tenantId: tenant.id,
        email: "unlucky@example.test",
        role: "employee",
        invitedById: null,
        acceptUrl: (t) => {
          token = t;
          return `https://w.test/i/${t}`;
        },
      }),
    ).rejects.toThrow();
    expect(await auth.staff.getInvitation(token)).toBeNull();
    expect(log.lines.some((line) => line.includes("Mail could not be sent"))).toBe(true);
    mailer.close();
  });

  it("stores mail in the development mailbox without SMTP and logs its kind, never the link's token", async () => {
    const log = recordingLog();
    const mailer = createMailer({ db: h.db, from: "no-reply@ordinavo.test", log });
    await mailer.send({
      kind: "staff_invitation",
      to: "someone@example.test",
      subject: "Join",
      text: "http://localhost:3000/invite/tok3n",
      link: "http://localhost:3000/invite/tok3n",
    });
    expect(log.lines.map((line) => JSON.parse(line))).toEqual([
      { level: "info", message: "Mail stored for development", kind: "staff_invitation" },
    ]);
    expect(log.lines.join("\n")).not.toContain("tok3n");
    expect(log.lines.join("\n")).not.toContain("someone@");
  });

  it("logs the recipient and link of a stored mail when asked to (development)", async () => {
    const log = recordingLog();
    const mailer = createMailer({ db: h.db, from: "no-reply@ordinavo.test", log, logLinks: true });
    expect(mailer.transport).toBe("dev-mailbox");
    await mailer.send({
      kind: "staff_password_reset",
      to: "dev@example.test",
      subject: "Reset your Ordinavo password",
      text: "Body with a secret sentence.\nhttp://localhost:3000/reset/abc",
      link: "http://localhost:3000/reset/abc",
    });
    const [stored] = await listDevMail(h.db, { to: "DEV@example.test" });
    expect(stored).toMatchObject({
      to: "dev@example.test",
      subject: "Reset your Ordinavo password",
      text: "Body with a secret sentence.\nhttp://localhost:3000/reset/abc",
      link: "http://localhost:3000/reset/abc",
    });
    expect(log.lines).toHaveLength(1);
    expect(JSON.parse(log.lines[0]!)).toEqual({
      level: "info",
      message: "Mail stored for development",
      to: "dev@example.test",
      link: "http://localhost:3000/reset/abc",
    });
    expect(log.lines[0]).not.toContain("secret sentence");
  });
});
