/** A local HTTP server standing in for a Debian mirror: fixed bodies, truncated or stalled responses, 404s. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  body: Buffer | string;
  /** Declare the full length but send only this many bytes, then drop the connection. */
  truncateAt?: number;
  status?: number;
  /** Send headers, then never send the body. */
  stall?: boolean;
  /** Never answer at all. */
  hang?: boolean;
}

export interface ArchiveServer {
  url: string;
  routes: Map<string, Route>;
  /** Request paths served so far, in order. */
  hits: string[];
  close(): Promise<void>;
}

export async function startArchiveServer(): Promise<ArchiveServer> {
  const routes = new Map<string, Route>();
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    if (route.hang) return;
    const body = Buffer.from(route.body);
    res.writeHead(route.status ?? 200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    if (route.stall) {
      res.flushHeaders();
      return;
    }
    if (route.truncateAt !== undefined) {
      res.write(body.subarray(0, route.truncateAt));
      setTimeout(() => res.destroy(), 20);
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
