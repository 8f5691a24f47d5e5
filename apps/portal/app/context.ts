import type { AppServices } from "@ordinavo/api";

// The launcher (apps/server) hands every loader and action the services both apps share; their
// type is the API's, so the app depends on @ordinavo/api and not on the packages behind it.

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: AppServices;
    /**
     * The client's address: the socket's, or what a trusted proxy (TRUST_PROXY) named in
     * X-Forwarded-For. Sign-in throttling and login events use it.
     */
    clientAddress: string | null;
    /** This response's Content-Security-Policy nonce for inline scripts (see entry.server). */
    cspNonce: string;
  }
}
