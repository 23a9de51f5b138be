import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/apps/input.js';
import { FinplanError } from '../../src/errors.js';

const text = '{"familyName":"欧阳","note":"𠮷"}';

describe('decodeInput', () => {
  it('reads UTF-8 with and without a BOM, without a notice', () => {
    const notices: string[] = [];
    const onNotice = (m: string) => notices.push(m);
    expect(decodeInput(Buffer.from(text), '档案', { onNotice })).toEqual({ text, encoding: 'UTF-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeInput(bom, '档案', { onNotice }).text).toBe(text);
    expect(notices).toEqual([]);
  });

  it('reads UTF-16 with its BOM (Excel "Unicode text"), little and big endian, with a notice', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const notices: string[] = [];
    expect(decodeInput(le, '档案', { onNotice: (m) => notices.push(m) })).toEqual({
      text,
      encoding: 'UTF-16LE',
    });
    expect(decodeInput(be, '档案').encoding).toBe('UTF-16BE');
    expect(decodeInput(be, '档案').text).toBe(text);
    expect(notices).toEqual(['档案按 UTF-16LE 编码读取；建议另存为 UTF-8。']);
  });

  it('reads GBK (你好 = C4 E3 BA C3) as GB18030', () => {
    const gbk = Buffer.from([0x22, 0xc4, 0xe3, 0xba, 0xc3, 0x22]);
    expect(decodeInput(gbk, '档案')).toEqual({ text: '"你好"', encoding: 'GB18030' });
  });

  it('refuses bytes that are no supported encoding, with a coded error', () => {
    const bad = Buffer.from([0x22, 0xff, 0xff, 0x80, 0x22]);
    expect(() => decodeInput(bad, '档案')).toThrow(FinplanError);
    try {
      decodeInput(bad, '档案');
    } catch (err) {
      expect((err as FinplanError).code).toBe('FINPLAN_E_INPUT_ENCODING');
    }
  });
});
