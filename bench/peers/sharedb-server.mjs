// A ShareDB server (in-memory backend, json0 string ops) over ws, for the side-by-side benchmark.
// Usage: node sharedb-server.mjs PORT [--deflate]
import http from 'node:http';
import ShareDB from 'sharedb';
import { WebSocketServer } from 'ws';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';

const port = Number(process.argv[2] ?? 9101);
const deflate = process.argv.includes('--deflate');
const backend = new ShareDB();
const server = http.createServer((req, res) => { res.writeHead(200); res.end('ok'); });
const wss = new WebSocketServer({ server, perMessageDeflate: deflate });
wss.on('connection', (ws) => backend.listen(new WebSocketJSONStream(ws)));
server.listen(port, '127.0.0.1', () => console.log(`sharedb listening on ${port} (deflate ${deflate})`));
