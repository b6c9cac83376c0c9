/**
 * SIA DC-09 framing as implemented by the open-source receivers (interfaces.md §2):
 * `<LF> CRC(4 hex) 0LLL "ID" seq(4) [Rrcvr] Lprefix #acct [data] [x-data] _HH:MM:SS,MM-DD-YYYY <CR>`.
 * CRC-16/ARC (reflected 0xA001, init 0) and the length both cover the span from the first `"` to
 * just before `<CR>`. Pure: parse, check, build replies.
 */

/** CRC-16/ARC of a string's bytes (latin1: the frame is ASCII). */
export function crc16arc(text: string): number {
  let crc = 0;
  for (const byte of Buffer.from(text, 'latin1')) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

/** A parsed frame body. */
export interface Dc09Frame { id: string; encrypted: boolean; seq: string; receiver?: string; prefix: string; account: string; data: string; timestamp?: string }

/** Why a frame was refused; `nak` problems are answered NAK, the rest are dropped or DUH. */
export type FrameProblem = 'dc09.framing' | 'dc09.crc' | 'dc09.length' | 'dc09.syntax' | 'dc09.too-large';

const BODY = /^"(\*?)(SIA-DCS|ADM-CID|NULL|[A-Z0-9-]{1,16})"(\d{4})(?:R([0-9A-F]{1,6}))?L([0-9A-F]{1,6})#([0-9A-F]{3,16})\[(.*?)\](?:\[[^\]]*\])*(?:_(\d{2}:\d{2}:\d{2},\d{2}-\d{2}-\d{4}))?$/;

/** Parses one frame (from `\n` to `\r`, both included). */
export function parseFrame(frame: string): { ok: true; frame: Dc09Frame } | { ok: false; problem: FrameProblem } {
  if (frame.length > 1024) return { ok: false, problem: 'dc09.too-large' };
  if (!frame.startsWith('\n') || !frame.endsWith('\r') || frame.length < 12) return { ok: false, problem: 'dc09.framing' };
  const crc = frame.slice(1, 5);
  const len = frame.slice(5, 9);
  const span = frame.slice(9, -1);
  if (!/^[0-9A-F]{4}$/i.test(crc) || !/^0[0-9A-F]{3}$/i.test(len)) return { ok: false, problem: 'dc09.framing' };
  if (parseInt(len, 16) !== span.length) return { ok: false, problem: 'dc09.length' };
  if (parseInt(crc, 16) !== crc16arc(span)) return { ok: false, problem: 'dc09.crc' };
  const m = BODY.exec(span);
  if (!m) return { ok: false, problem: 'dc09.syntax' };
  return { ok: true, frame: { encrypted: m[1] === '*', id: m[2]!, seq: m[3]!, receiver: m[4], prefix: m[5]!, account: m[6]!, data: m[7]!, timestamp: m[8] } };
}

/** Wraps a body in `\n CRC LEN … \r`. */
export function frameOf(body: string): string {
  return `\n${hex4(crc16arc(body))}0${body.length.toString(16).toUpperCase().padStart(3, '0')}${body}\r`;
}

/** `_HH:MM:SS,MM-DD-YYYY` in UTC. */
export function dc09Time(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())},${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}-${d.getUTCFullYear()}`;
}

/** Epoch ms of a DC-09 timestamp (UTC), or NaN. */
export function parseDc09Time(t: string): number {
  const m = /^(\d{2}):(\d{2}):(\d{2}),(\d{2})-(\d{2})-(\d{4})$/.exec(t);
  return m ? Date.UTC(Number(m[6]), Number(m[4]) - 1, Number(m[5]), Number(m[1]), Number(m[2]), Number(m[3])) : NaN;
}

/** The ACK for a frame: same seq, receiver, prefix and account, empty data. */
export function ack(f: Dc09Frame): string {
  return frameOf(`"ACK"${f.seq}${f.receiver !== undefined ? `R${f.receiver}` : ''}L${f.prefix}#${f.account}[]`);
}

/** A NAK (bad CRC, length or time): seq 0000, with our time. */
export function nak(now: number): string {
  return frameOf(`"NAK"0000R0L0A0[]_${dc09Time(now)}`);
}

/** A DUH (understood, unsupported: an encrypted frame without a key, an unknown ID). */
export function duh(f: Dc09Frame): string {
  return frameOf(`"DUH"${f.seq}${f.receiver !== undefined ? `R${f.receiver}` : ''}L${f.prefix}#${f.account}[]`);
}

/** ADM-CID data `#acct|QEEE GG CCC`: qualifier (1 new, 3 restore, 6 previously reported), event, partition, zone/user. */
export function parseContactId(data: string): { q: '1' | '3' | '6'; code: string; partition: string; zone: string } | undefined {
  const m = /^#[0-9A-F]{3,16}\|([136])(\d{3}) (\d{2}) (\d{3})$/.exec(data);
  return m ? { q: m[1] as '1' | '3' | '6', code: m[2]!, partition: m[3]!, zone: m[4]! } : undefined;
}
