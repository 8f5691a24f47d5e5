import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  // Workspace packages stay external in the server build: the launcher loads them once per
  // process and hands the shared services (database, jobs, auth) to both apps via the load
  // context. The browser build bundles what it uses (labels, schemas).
  build: { sourcemap: false, rollupOptions: isSsrBuild ? { external: [/^@ordinavo\/(?!ui$)/] } : {} },
}));
