import { MAX_UPLOAD_BODY_BYTES } from "@ordinavo/files";
import type { NextFunction, Request, Response } from "express";

/**
 * How many bytes a request body may have, by path. Forms and procedure calls are small; a route
 * that takes uploads gets its own entry here with its own limit (and may stream instead of
 * buffering — see `createRemixApp`).
 */
export interface BodyLimits {
  /** Everything not listed below: form posts, JSON procedure calls. */
  default: number;
  /** Longest matching path prefix wins, e.g. `{ prefix: "/api/uploads", limit: 25 * MB }`. */
  routes?: { prefix: string; limit: number }[];
}

export const MB = 1024 * 1024;
export const defaultBodyLimits: BodyLimits = { default: 1 * MB, routes: [] };

/**
 * The workspace app: the upload route takes several photos at once, up to the files package's
 * body limit (each file is checked against its own limit again by the route and the service);
 * everything else keeps 1 MB.
 */
export const workspaceBodyLimits: BodyLimits = {
  default: 1 * MB,
  routes: [
    { prefix: "/attachments/upload", limit: MAX_UPLOAD_BODY_BYTES },
    // An import file (at most 20 MB, checked again by the route and the service).
    { prefix: "/settings/imports", limit: MAX_UPLOAD_BODY_BYTES },
  ],
};

/**
 * The portal app: a new request (and more files for one) comes with photos and documents, up to
 * the same body limit as the workspace's upload route; the request pages are the only ones that
 * take files. Everything else keeps 1 MB.
 */
export const portalBodyLimits: BodyLimits = {
  default: 1 * MB,
  routes: [{ prefix: "/requests", limit: MAX_UPLOAD_BODY_BYTES }],
};

export function bodyLimitFor(path: string, limits: BodyLimits): number {
  let best: { prefix: string; limit: number } | undefined;
  for (const route of limits.routes ?? []) {
    const matches = path === route.prefix || path.startsWith(`${route.prefix}/`);
    if (matches && (!best || route.prefix.length > best.prefix.length)) best = route;
  }
  return best?.limit ?? limits.default;
}

class BodyTooLarge extends Error {
  override name = "BodyTooLarge";
}

/** Reads a body into memory, stopping as soon as it passes `limit` bytes. */
function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function human(bytes: number): string {
  return bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Refuses request bodies over the path's limit with 413 before anything parses them: at once when
 * Content-Length says so, otherwise as soon as the bytes read pass it. The connection is closed
 * after the answer, so the rest of the upload is not read. Bodies within the limit are kept in
 * `res.locals.body` for the Remix handler.
 */
export function limitBodies(limits: BodyLimits) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
    const limit = bodyLimitFor(req.path, limits);
    const tooLarge = () => {
      res
        .status(413)
        .set("connection", "close")
        .type("text/plain")
        .send(`The request is too large: at most ${human(limit)} may be sent here.`);
    };
    const declared = Number(req.get("content-length") ?? "0");
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    try {
      res.locals.body = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLarge) return tooLarge();
      return next(error);
    }
    next();
  };
}
