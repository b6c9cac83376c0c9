/**
 * Signed checkpoints of the audit chain head, kept in a second place (issue 7.6): appended to a
 * file beside the data (`TONGBAN_AUDIT_CHECKPOINTS`) and written to the log. Someone with write
 * access to the database can cut the tail of `audit_log` and move `audit_head` back to match; the
 * walk of the chain then passes, but a checkpoint naming a later entry, or another hash for an
 * entry, does not. The HMAC key (`TONGBAN_AUDIT_KEY`) is not in the database, so a checkpoint
 * cannot be forged from there.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { sealAudit } from './auditStaging.ts';

/** A signed statement: at time `at` the chain's entry `seq` had hash `hash`. */
export interface Checkpoint { seq: number; hash: string; at: number; sig: string }

const sign = (key: Buffer, c: Omit<Checkpoint, 'sig'>) => createHmac('sha256', key).update(`tongban-audit-checkpoint\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');

/** Seals pending entries, then appends a signed checkpoint of the head (unless the last one already names it). */
export async function writeCheckpoint(knex: Knex, key: Buffer, file: string, logger?: Logger, now = Date.now()): Promise<Checkpoint | undefined> {
  await sealAudit(knex);
  const head = (await knex('audit_head').where({ id: 1 }).first('seq', 'hash')) as { seq: number | string; hash: string };
  const seq = Number(head.seq);
  if (seq === 0) return undefined;
  const last = readCheckpoints(file, key).valid.at(-1);
  if (last && last.seq === seq && last.hash === head.hash) return undefined;
  const c: Checkpoint = { seq, hash: head.hash, at: now, sig: '' };
  c.sig = sign(key, c);
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(c) + '\n', { mode: 0o600 });
  logger?.info({ auditCheckpoint: c }, '审计检查点 audit checkpoint');
  return c;
}

/** The checkpoints of a file whose signature holds, and how many lines do not (altered or forged). */
export function readCheckpoints(file: string, key: Buffer): { valid: Checkpoint[]; invalid: number } {
  if (!existsSync(file)) return { valid: [], invalid: 0 };
  const valid: Checkpoint[] = [];
  let invalid = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const c = JSON.parse(line) as Checkpoint;
      const good = Buffer.from(sign(key, c));
      const given = Buffer.from(String(c.sig));
      if (Number.isInteger(c.seq) && good.length === given.length && timingSafeEqual(good, given)) valid.push(c);
      else invalid++;
    } catch {
      invalid++;
    }
  }
  return { valid, invalid };
}
