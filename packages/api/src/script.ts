import { createAuth, createMailer, silentLog } from "@ordinavo/auth";
import { type DatabaseConfig, openDatabase } from "@ordinavo/db";
import { connectRouter } from "./connect";
import type { ApiServices } from "./context";
import { connectT, createConnectContext } from "./realms/connect";

const connectCallerFactory = connectT.createCallerFactory(connectRouter);

/**
 * For scripts that run next to the database (a cron job on the server, a one-off migration): the
 * Connect procedures called in-process, authorised by an API key exactly as over HTTP. With the
 * embedded database, stop `npm start` first — one process at a time may open it.
 *
 * `withIdempotencyKey(key)` gives the same procedures for writes that must happen at most once,
 * as the `Idempotency-Key` header does over HTTP.
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
  const ctx = await createConnectContext({ services, apiKey: options.apiKey });
  return {
    api: connectCallerFactory(ctx),
    withIdempotencyKey: (key: string) => connectCallerFactory({ ...ctx, idempotencyKey: key }),
    close: () => handle.close(),
  };
}
