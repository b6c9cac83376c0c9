/**
 * How the bench reaches MariaDB. A single-node deployment with the database on the same host
 * connects over its Unix socket (docs/operations.md), so the bench measures that when the server
 * reached by TCP says it listens on a socket that exists on this machine too. A
 * `TONGBAN_TEST_MYSQL` set by the caller is used as it is. The command part also measures c8 over
 * TCP, printed beside the socket's figures.
 */
import { statSync } from 'node:fs';
import knexFactory from 'knex';
import { parseMysqlUrl } from '../src/store/mysqlUrl.ts';
import { testMysqlServer, testMysqlUrl } from '../src/testing/testDbs.ts';

/** The transport this run uses; `tcpServer` when the socket was chosen over it (for the comparison line). */
export interface MysqlTransport { transport: 'socket' | 'tcp'; tcpServer?: string }

/** The socket the server listens on, when it is a socket on this machine. */
async function localSocket(): Promise<string | undefined> {
  const k = knexFactory({ client: 'mysql2', connection: parseMysqlUrl(testMysqlUrl('test')), pool: { min: 0, max: 1 } });
  try {
    const [rows] = (await k.raw('select @@socket as socket')) as unknown as [Array<{ socket: string | null }>];
    const path = rows[0]?.socket;
    return path && statSync(path, { throwIfNoEntry: false })?.isSocket() ? path : undefined;
  } catch {
    return undefined; // no MariaDB: its parts of the bench fail with their own error
  } finally {
    await k.destroy();
  }
}

/** Picks the transport for this run and sets it for the bench's processes (they read TONGBAN_TEST_MYSQL). */
export async function chooseMysqlTransport(): Promise<MysqlTransport> {
  const server = testMysqlServer();
  const given = parseMysqlUrl(testMysqlUrl('test'));
  if (process.env.TONGBAN_TEST_MYSQL || given.socketPath) return { transport: given.socketPath ? 'socket' : 'tcp' };
  const socket = await localSocket();
  if (!socket) return { transport: 'tcp' };
  const u = new URL(server);
  u.searchParams.set('socket', socket);
  process.env.TONGBAN_TEST_MYSQL = u.href;
  return { transport: 'socket', tcpServer: server };
}
