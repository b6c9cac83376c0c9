/**
 * DATABASE_URL for MariaDB: host and port, or the server's Unix socket (`?socket=`); every bad URL
 * a clear, coded, bilingual problem. The socket is also used for real: a store opened over it
 * reaches the same MariaDB the tests use, and the server sees a socket client (no TCP peer).
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/testDbs.ts';
import { openDb } from './createDb.ts';
import { MysqlUrlError, parseMysqlUrl, withDatabase } from './mysqlUrl.ts';

describe('parseMysqlUrl', () => {
  it('reads host, port, user, password and database', () => {
    expect(parseMysqlUrl('mysql://tongban:p%40ss@db.example:3307/county')).toEqual({ host: 'db.example', port: 3307, user: 'tongban', password: 'p@ss', database: 'county' });
    expect(parseMysqlUrl('mariadb://root@127.0.0.1/test')).toEqual({ host: '127.0.0.1', port: 3306, user: 'root', password: '', database: 'test' });
  });

  it('connects over the Unix socket named by ?socket=, not host and port', () => {
    expect(parseMysqlUrl('mysql://tongban:pw@localhost/county?socket=/run/mysqld/mysqld.sock')).toEqual({ socketPath: '/run/mysqld/mysqld.sock', user: 'tongban', password: 'pw', database: 'county' });
    expect(parseMysqlUrl('mysql://root@localhost/t?socket=%2Fvar%2Frun%2Fmysqld%2Fmysqld.sock').socketPath).toBe('/var/run/mysqld/mysqld.sock');
  });

  it.each([
    ['not a url', '须为'],
    ['postgres://x@h/db', 'mysql://'],
    ['mysql://root@localhost', '数据库'],
    ['mysql://root@localhost/', '数据库'],
    ['mysql://root@localhost/a/b', '数据库'],
    ['mysql://root@localhost/db?ssl=true', 'ssl'],
    ['mysql://root@localhost/db?socket=mysqld.sock', '绝对路径'],
  ])('refuses %s with a coded, bilingual problem', (url, says) => {
    const err = (() => { try { parseMysqlUrl(url); } catch (e) { return e; } })() as MysqlUrlError;
    expect(err).toBeInstanceOf(MysqlUrlError);
    expect(err.code).toBe('config.database-url');
    expect(err.problem).toContain(says);
    expect(err.problem).toMatch(/[a-z]{4,}.*\)$/); // the English half, in brackets
  });

  it('withDatabase swaps the database and keeps the socket', () => {
    expect(parseMysqlUrl(withDatabase('mysql://root@localhost:3306?socket=/run/mysqld/mysqld.sock', 'tongban_x'))).toEqual({ socketPath: '/run/mysqld/mysqld.sock', user: 'root', password: '', database: 'tongban_x' });
    expect(withDatabase('mysql://root@127.0.0.1:3306/test', 'other')).toBe('mysql://root@127.0.0.1:3306/other');
  });
});

describe('a store opened over the MariaDB socket', () => {
  let db: TestDb;
  let socket: string | undefined;
  beforeAll(async () => {
    db = await createTestDb('mysql');
    const [rows] = (await db.knex.raw('select @@socket as s')) as unknown as [Array<{ s: string | null }>];
    socket = rows[0]?.s && statSync(rows[0].s, { throwIfNoEntry: false })?.isSocket() ? rows[0].s : undefined;
  });
  afterAll(async () => db.dispose());

  it('reads and writes the same database as over TCP, as a socket client', async (ctx) => {
    if (!socket) { console.warn('skipped: the MariaDB server is not on this host (its socket is not here)'); ctx.skip(); return; }
    const u = new URL(db.databaseUrl!);
    u.searchParams.set('socket', socket);
    const overSocket = openDb({ databaseUrl: u.href });
    try {
      for (const k of [overSocket.knex, overSocket.commandKnex!]) {
        const [rows] = (await k.raw('select host from information_schema.processlist where id = connection_id()')) as unknown as [Array<{ host: string }>];
        expect(rows[0]!.host).toBe('localhost'); // a TCP client shows as 127.0.0.1:<port>
      }
      await overSocket.commandKnex!.transaction(async (trx) => { await trx('org_units').insert({ path: '/9', code: '9', name: '套接字', level: 'county' }); });
      expect(await db.knex('org_units').where({ path: '/9' }).first('name')).toEqual({ name: '套接字' });
    } finally {
      await overSocket.close();
    }
  });
});
