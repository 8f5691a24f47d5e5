import Negotiator from "negotiator";
import { defaultLocale, isLocale, type Locale, locales } from "./config";

/** The cookie that remembers a language chosen before signing in (the switcher on public pages). */
export const localeCookie = "ordinavo_portal_lang";

function cookieLocale(request: Request): Locale | null {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === localeCookie && isLocale(value)) return value;
  }
  return null;
}

/**
 * The language of a portal response: the signed-in contact's saved choice, else the language
 * chosen on this browser before signing in, else the best match of the browser's
 * Accept-Language, else English.
 */
export function localeOf(request: Request, saved?: string | null): Locale {
  if (isLocale(saved)) return saved;
  const chosen = cookieLocale(request);
  if (chosen) return chosen;
  const negotiator = new Negotiator({
    headers: { "accept-language": request.headers.get("accept-language") ?? "" },
  });
  const match = negotiator.language([...locales]);
  return isLocale(match) ? match : defaultLocale;
}

/** Set-Cookie for a language chosen with the switcher (a year, the whole portal, not readable by scripts' needs). */
export function localeCookieHeader(locale: Locale, secure: boolean): string {
  const attributes = [`${localeCookie}=${locale}`, "Path=/", "Max-Age=31536000", "SameSite=Lax", "HttpOnly"];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}
