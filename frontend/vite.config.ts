import { defineConfig } from "vite";

// The build goes straight into Quarkus's static resources, so `mvn package` serves it at `/`.
// `npm run dev` proxies the API and socket to a Tandem on :8080 (TANDEM_URL to change).
const backend = process.env.TANDEM_URL ?? "http://localhost:8080";

export default defineConfig({
  // @tandem/client is linked from ../clients/typescript, which has its own copies of these for its tests:
  // the IDE and the client must share one copy (CodeMirror's state checks are by identity)
  resolve: { dedupe: ["@codemirror/state", "@codemirror/collab", "@codemirror/view"] },
  build: {
    outDir: "../tandem-server/target/classes/META-INF/resources",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      "/api": backend,
      "/q": backend,
      "/ws": { target: backend.replace(/^http/, "ws"), ws: true },
    },
  },
});
