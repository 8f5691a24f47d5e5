// The Content-Security-Policy nonce of the current page. The server puts a fresh nonce in the load
// context for every request and wraps the render in <NonceProvider>; the root hands it to Remix's
// <Scripts> and <ScrollRestoration>, so only the inline scripts the server wrote may run.
// In the browser no nonce is given (browsers hide it from the DOM after loading); the empty
// string then renders nothing new, and scripts already on the page keep theirs.
import { createContext, type ReactNode, useContext } from "react";

const NonceContext = createContext<string>("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

/** The nonce for inline scripts on this page ("" in the browser or when none was set). */
export function useNonce(): string {
  return useContext(NonceContext);
}
