import { schema, withTenant } from "@ordinavo/db";
import { createTestDatabase, type TestDatabase } from "@ordinavo/db/testing";
import { buildCustomer, buildTeam, buildTenant, buildVisit } from "@ordinavo/demo";
import { MAX_FILE_BYTES, MAX_UPLOAD_BODY_BYTES, uploadRefusals } from "@ordinavo/files";
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

  /** Posts as the upload form does: its owner and page in the action URL, the files in the body. */
  function upload(who: string, files: File[], json: boolean) {
    const form = new FormData();
    for (const file of files) form.append("file", file);
    const query = new URLSearchParams({
      ownerType: "visit_report",
      ownerId: reportId,
      returnTo: `/reports/${reportId}?tab=files`,
    });
    return fetch(`${app.base}/attachments/upload?${query}`, {
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
      added: "1",
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
    // The file's own sandbox policy, not the pages' one.
    expect(download.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);

    const preview = await fetch(`${app.base}/attachments/${id}/preview`, {
      headers: { cookie: cookies.employee! },
    });
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/webp");
    expect(preview.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(preview.headers.get("x-content-type-options")).toBe("nosniff");
    expect(preview.headers.get("cache-control")).toBe("private, no-store");
    expect(preview.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");

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

  /** The page a plain post went back to, as the browser would load it. */
  async function pageAfter(posted: Response, who: string) {
    expect(posted.status).toBe(302);
    const location = new URL(posted.headers.get("location")!, app.base);
    const page = await fetch(location, { headers: { cookie: cookies[who]! } });
    expect(page.status).toBe(200);
    return { location, html: await page.text() };
  }

  it("refuses a file over the limit in the route, and a body over the launcher's limit before it is read", async () => {
    const tooBig = () => new File([new Uint8Array(MAX_FILE_BYTES + MB)], "scan.pdf");
    const big = await upload("employee", [tooBig()], true);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      ok: false,
      fields: { file: [uploadRefusals.too_large] },
      refused: "scan.pdf",
      added: [],
    });

    // Without JavaScript: back to the page, its query kept, the message on this report's form.
    const { location, html } = await pageAfter(await upload("employee", [tooBig()], false), "employee");
    expect(location.pathname).toBe(`/reports/${reportId}`);
    expect(location.hash).toBe(`#upload-${reportId}`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      tab: "files",
      files: "too_large",
      filesFor: reportId,
      fileName: "scan.pdf",
    });
    expect(html).toContain("“scan.pdf” was not added. It is larger than one file may be.");

    const huge = await upload(
      "employee",
      [new File([new Uint8Array(MAX_UPLOAD_BODY_BYTES + MB)], "huge.pdf")],
      true,
    );
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain(`at most ${MAX_UPLOAD_BODY_BYTES / MB} MB`);
  });

  it("tells a plain post which file was refused and why, and keeps the files before it", async () => {
    const posted = await upload(
      "employee",
      [
        new File(["Seal replaced"], "first.txt"),
        new File(["<html><script>x()</script></html>"], "second.jpg"),
      ],
      false,
    );
    const { location, html } = await pageAfter(posted, "employee");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      files: "type",
      fileName: "second.jpg",
      added: "1",
    });
    expect(html).toContain(
      "“second.jpg” was not added. Files of this kind cannot be added. The file before it was added.",
    );
    const names = await withTenant(database.db, tenantId, (tx) =>
      tx.select({ name: schema.attachments.fileName }).from(schema.attachments),
    );
    expect(names.map((n) => n.name)).toContain("first.txt");
    expect(names.map((n) => n.name)).not.toContain("second.jpg");
  });

  it("describes a file over /api/trpc without opening or sending its bytes", async () => {
    const file = (await withTenant(database.db, tenantId, (tx) => tx.select().from(schema.attachments))).find(
      (row) => row.contentType === "image/png",
    );
    const input = encodeURIComponent(JSON.stringify({ json: { attachmentId: file!.id } }));
    const response = await fetch(`${app.base}/api/trpc/attachments.open?input=${input}`, {
      headers: { cookie: cookies.employee! },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { json: unknown } } };
    // The description only: no stream, no handle, no bytes.
    expect(body.result.data.json).toEqual({
      fileName: file!.fileName,
      contentType: "image/png",
      sizeBytes: file!.sizeBytes,
    });
    expect(JSON.stringify(body).length).toBeLessThan(500);
  });
});
