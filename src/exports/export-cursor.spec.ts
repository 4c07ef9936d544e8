import { decodeCursor, encodeCursor } from './export-cursor';

describe('export cursor', () => {
  it('should round-trip a horizon through an opaque url-safe token', () => {
    const sut = encodeCursor('18446744073709551615');
    expect(sut).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(sut)).toBe('18446744073709551615');
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['another version', Buffer.from('{"v":2,"h":"5"}').toString('base64url')],
    ['a negative horizon', Buffer.from('{"v":1,"h":"-5"}').toString('base64url')],
    ['a horizon beyond xid8', Buffer.from('{"v":1,"h":"18446744073709551616"}').toString('base64url')],
  ])('should reject %s with EXPORT_BAD_CURSOR', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'EXPORT_BAD_CURSOR', status: 400 }));
  });
});
