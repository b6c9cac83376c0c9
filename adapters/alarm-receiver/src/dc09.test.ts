import { describe, expect, it } from 'vitest';
import { ack, crc16arc, frameOf, nak, parseContactId, parseFrame, type Dc09Frame } from './dc09.ts';

describe('DC-09 framing (interfaces.md vectors)', () => {
  it('reproduces the pysiaalarm vector and our own vectors bit for bit', () => {
    expect(frameOf('"ADM-CID"9876R579BDFL789ABC#12345A[#12345A|1110 00 129]')).toBe('\n87CD0037"ADM-CID"9876R579BDFL789ABC#12345A[#12345A|1110 00 129]\r');
    expect(frameOf('"ADM-CID"0001L0#1234[#1234|1101 01 003]')).toBe('\n41160027"ADM-CID"0001L0#1234[#1234|1101 01 003]\r');
    expect(frameOf('"ACK"0001L0#1234[]')).toBe('\n1BC10012"ACK"0001L0#1234[]\r');
    expect(frameOf('"NULL"0003L0#1234[]')).toBe('\n11020013"NULL"0003L0#1234[]\r');
    expect(crc16arc('123456789')).toBe(0xbb3d); // the CRC-16/ARC check value
  });

  it('parses a frame and its Contact ID, and answers ACK with the same seq and account', () => {
    const r = parseFrame('\n41160027"ADM-CID"0001L0#1234[#1234|1101 01 003]\r');
    expect(r).toEqual({ ok: true, frame: { encrypted: false, id: 'ADM-CID', seq: '0001', receiver: undefined, prefix: '0', account: '1234', data: '#1234|1101 01 003', timestamp: undefined } });
    expect(parseContactId('#1234|1101 01 003')).toEqual({ q: '1', code: '101', partition: '01', zone: '003' });
    expect(ack((r as { ok: true; frame: Dc09Frame }).frame)).toBe('\n1BC10012"ACK"0001L0#1234[]\r');
    expect(nak(Date.UTC(2025, 2, 4, 1, 12, 7))).toBe(frameOf('"NAK"0000R0L0A0[]_01:12:07,03-04-2025'));
  });

  it('refuses bad CRCs, lengths, framing and syntax with a code', () => {
    expect(parseFrame('\n41170027"ADM-CID"0001L0#1234[#1234|1101 01 003]\r')).toEqual({ ok: false, problem: 'dc09.crc' });
    expect(parseFrame('\n41160028"ADM-CID"0001L0#1234[#1234|1101 01 003]\r')).toEqual({ ok: false, problem: 'dc09.length' });
    expect(parseFrame('41160027"ADM-CID"0001L0#1234[#1234|1101 01 003]')).toEqual({ ok: false, problem: 'dc09.framing' });
    expect(parseFrame(frameOf('"ADM-CID"01L0#1234[]'))).toEqual({ ok: false, problem: 'dc09.syntax' });
    expect(parseFrame('\n' + 'A'.repeat(2000) + '\r')).toEqual({ ok: false, problem: 'dc09.too-large' });
    expect(parseContactId('#1234|9101 01 003')).toBeUndefined();
  });
});
