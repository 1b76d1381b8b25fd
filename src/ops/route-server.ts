/**
 * A small HTTP server for the operational routes (/healthz, /readyz, /metrics) when no Slack receiver serves HTTP:
 * in Socket Mode the bot listens on PORT for these paths only. Exact path match, methods as each route declares
 * them; anything else is 404.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OpsRoute {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface RunningRouteServer {
  port: number;
  close(): Promise<void>;
}

export async function serveRoutes(routes: readonly OpsRoute[], port: number): Promise<RunningRouteServer> {
  const table = new Map<string, Map<string, OpsRoute['handler']>>();
  for (const route of routes) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const byMethod = table.get(route.path) ?? new Map<string, OpsRoute['handler']>();
    for (const method of methods) byMethod.set(method.toUpperCase(), route.handler);
    table.set(route.path, byMethod);
  }
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = table.get(path)?.get((req.method ?? 'GET').toUpperCase());
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
