// A Hocuspocus server (Yjs, in-memory documents, no extensions) for the side-by-side benchmark.
// Usage: node hocuspocus-server.mjs PORT [--deflate]
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2] ?? 9102);
const deflate = process.argv.includes('--deflate');
const server = new Server({ port, address: '127.0.0.1', quiet: true }, { perMessageDeflate: deflate });
await server.listen();
console.log(`hocuspocus listening on ${port} (deflate ${deflate})`);
