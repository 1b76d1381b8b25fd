// Refuses every TCP connection to a host other than loopback, in this process (import it, or `node --import` it
// into a child process): the Socket Mode end-to-end tests prove the bot never reaches past 127.0.0.1. A refused
// connection fails with an error naming the host, and is written to stderr so the test can assert there was none.
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/** Hosts refused so far in this process. */
export const refusedHosts: string[] = [];

const connect = net.Socket.prototype.connect;
// biome-ignore lint/suspicious/noExplicitAny: net.Socket#connect has many overloads; the guard passes them through
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: any[]) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.path ? undefined : (options.host ?? 'localhost');
  if (host !== undefined && !LOOPBACK.has(host)) {
    refusedHosts.push(host);
    process.stderr.write(`loopback guard: refused a connection to ${host}\n`);
    process.nextTick(() => this.destroy(new Error(`loopback guard: ${host} is not loopback`)));
    return this;
  }
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
};
