import zlib from "node:zlib";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";

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
    // Browser files are compressed once, at build, at the highest levels (brotli and gzip beside
    // each file); the server sends the one the browser accepts (apps/server/src/http.ts).
    !isSsrBuild &&
      compression({
        algorithms: [
          defineAlgorithm("brotliCompress", { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
          defineAlgorithm("gzip", { level: 9 }),
        ],
        include: /\.(js|css|svg|json|txt|webmanifest)$/,
        threshold: 1024,
      }),
  ],
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  // Workspace packages stay external in the server build: the launcher loads them once per
  // process and hands the shared services (database, jobs, auth) to both apps via the load
  // context. The browser build bundles what it uses (labels, schemas).
  build: { sourcemap: false, rollupOptions: isSsrBuild ? { external: [/^@ordinavo\/(?!ui$)/] } : {} },
}));
