import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { buildCustomer, buildTeam, buildTenant, buildVisit } from "@ordinavo/demo";
import { samplePng } from "@ordinavo/files/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MB } from "./body-limit";
import { type StartedApp, startApp } from "./test-server";

// The workspace's file routes over real HTTP: multipart uploads with and without JavaScript, the
// download and preview answers' headers, the per-route body limit, and NOT_FOUND for someone else's
// file. The API's own rules are tested in packages/api (attachments.integration.test.ts).

const PASSWORD = "attachments-http-2026";

describe("attachment routes", () => {
  let database: TestDatabase;
  let app: StartedApp;
  let reportId: string;
  let tenantId: string;
  const cookies: Record<string, string> = {};

  async function signIn(email: string) {
    const response = await fetch(`${app.base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: app.base },
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
    });
    expect(response.status).toBe(302);
    return response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }

  function upload(who: string, files: File[], json: boolean, extra: Record<string, string> = {}) {
    const form = new FormData();
    form.set("ownerType", "visit_report");
    form.set("ownerId", reportId);
    form.set("returnTo", `/reports/${reportId}?tab=files`);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    for (const file of files) form.append("file", file);
    return fetch(`${app.base}/attachments/upload`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: app.base, cookie: cookies[who]!, ...(json ? { accept: "application/json" } : {}) },
      body: form,
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    ({ tenantId } = await buildTenant(database.db));
    const staff = await buildTeam(database.db, {
      tenantId,
      password: PASSWORD,
      members: { employee: "employee", colleague: "employee" },
    });
    const { customerId } = await buildCustomer(database.db, { tenantId });
    const visit = await buildVisit(database.db, {
      tenantId,
      customerId,
      assignedEmployeeId: staff.employee.userId,
    });
    const [row] = await withTenant(database.db, tenantId, (tx) =>
      tx
        .insert(schema.visitReports)
        .values({ tenantId, ...visit, customerId, authorId: staff.employee.userId, title: "Pump check" })
        .returning({ id: schema.visitReports.id }),
    );
    reportId = row!.id;
    app = await startApp("workspace", database);
    cookies.employee = await signIn(staff.employee.email);
    cookies.colleague = await signIn(staff.colleague.email);
  }, 120_000);
  afterAll(async () => {
    app?.server.close();
    await database?.destroy().catch(() => {});
  });

  it("takes a plain form post and goes back with a status; downloads carry safe headers", async () => {
    const png = await samplePng(800, 400);
    const posted = await upload(
      "employee",
      [new File([png], 'Prüfung "Pumpe".png', { type: "image/png" })],
      false,
    );
    expect(posted.status).toBe(302);
    const location = new URL(posted.headers.get("location")!, app.base);
    expect(location.pathname).toBe(`/reports/${reportId}`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      tab: "files",
      files: "added",
      filesFor: reportId,
    });

    const listed = await withTenant(database.db, tenantId, (tx) => tx.select().from(schema.attachments));
    const id = listed[0]!.id;
    const download = await fetch(`${app.base}/attachments/${id}`, { headers: { cookie: cookies.employee! } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="Prufung _Pumpe_.png"; filename*=UTF-8''Pr%C3%BCfung%20_Pumpe_.png`,
    );
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);

    const preview = await fetch(`${app.base}/attachments/${id}/preview`, {
      headers: { cookie: cookies.employee! },
    });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/webp");
    expect(preview.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(preview.headers.get("x-content-type-options")).toBe("nosniff");
    expect(preview.headers.get("cache-control")).toBe("private, no-store");

    // Someone without this work, and someone signed out, get nothing.
    expect(
      (await fetch(`${app.base}/attachments/${id}`, { headers: { cookie: cookies.colleague! } })).status,
    ).toBe(404);
    const anonymous = await fetch(`${app.base}/attachments/${id}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });

  it("answers scripts with JSON and field errors, and removes on request", async () => {
    const ok = await upload("employee", [new File(["Pressure 2.1 bar"], "reading.txt")], true);
    expect(ok.status).toBe(200);
    const reply = (await ok.json()) as { ok: boolean; added: { id: string; fileName: string }[] };
    expect(reply).toMatchObject({ ok: true, added: [{ fileName: "reading.txt" }] });

    const html = await upload("employee", [new File(["<html><script>x()</script></html>"], "a.jpg")], true);
    expect(html.status).toBe(400);
    expect(((await html.json()) as { fields: { file: string[] } }).fields.file[0]).toMatch(/Only photos/);

    const foreign = await upload("colleague", [new File(["x"], "x.txt")], true);
    expect(foreign.status).toBe(404);

    const id = reply.added[0]!.id;
    const remove = (who: string) =>
      fetch(`${app.base}/attachments/${id}`, {
        method: "POST",
        headers: { origin: app.base, cookie: cookies[who]!, accept: "application/json" },
        body: new URLSearchParams({ intent: "remove", returnTo: "/" }),
      });
    expect((await remove("colleague")).status).toBe(404);
    const removed = await remove("employee");
    expect(await removed.json()).toEqual({ ok: true });
    expect(
      (await fetch(`${app.base}/attachments/${id}`, { headers: { cookie: cookies.employee! } })).status,
    ).toBe(404);
  });

  it("refuses a file over 10 MB in the route, and a body over 25 MB before it is read", async () => {
    const big = await upload("employee", [new File([new Uint8Array(11 * MB)], "scan.pdf")], true);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { fields: { file: string[] } }).fields.file[0]).toMatch(/at most 10 MB/);

    const huge = await upload("employee", [new File([new Uint8Array(26 * MB)], "huge.pdf")], true);
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("at most 25 MB");
  });
});
