import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { type DatabaseConfig, openDatabase } from "@ordinavo/db";
import { connectCaller } from "./callers";
import type { ApiServices } from "./context";

/**
 * For scripts that run next to the database (a cron job on the server, a one-off migration): the
 * Connect procedures called in-process, authorised by an API key exactly as over HTTP. With the
 * embedded database, stop `npm start` first — one process at a time may open it.
 */
export async function openConnectInProcess(options: { database: DatabaseConfig; apiKey: string }) {
  const handle = await openDatabase(options.database);
  const mailer = createMailer({
    db: handle.db,
    from: "Ordinavo <no-reply@ordinavo.example>",
    log: silentLog,
  });
  const services: ApiServices = {
    db: handle.db,
    auth: createAuth({ db: handle.db, mailer, log: silentLog, secureCookies: true }),
    links: { workspace: (path) => path, portal: (path) => path },
    origins: { workspace: [], portal: [] },
    devMailbox: false,
  };
  const api = await connectCaller({ services, apiKey: options.apiKey });
  return { api, close: () => handle.close() };
}
