import { named, NamedStatement } from './named-params';

describe('named SQL parameters', () => {
  it('should number names in order of first use and reuse the number of a repeated name', () => {
    const q = named('SELECT * FROM t WHERE a = :a AND b = :b OR a2 = :a', { b: 2, a: 1 });
    expect(q).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b = $2 OR a2 = $1', values: [1, 2] });
  });

  it('should leave casts, strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT :id::uuid, ':not', 'it''s :no', "col:x", now()::date -- :nope\n /* :neither */ FROM t WHERE x = :x::text[]`;
    const q = named(sql, { id: 'u', x: ['a'] });
    expect(q.text).toBe(
      `SELECT $1::uuid, ':not', 'it''s :no', "col:x", now()::date -- :nope\n /* :neither */ FROM t WHERE x = $2::text[]`,
    );
    expect(q.values).toEqual(['u', ['a']]);
  });

  it('should pass null through and refuse a missing or unknown name', () => {
    expect(named('SELECT :a', { a: null }).values).toEqual([null]);
    expect(() => named('SELECT :a, :b', { a: 1 })).toThrow('Missing SQL parameter :b');
    expect(() => named('SELECT :a', { a: 1, typo: 2 })).toThrow('Unknown SQL parameter(s): typo');
  });

  it('should build the text once and bind values per call', () => {
    const statement = new NamedStatement<{ id: string; n: number }>('UPDATE t SET n = :n WHERE id = :id');
    expect(statement.text).toBe('UPDATE t SET n = $1 WHERE id = $2');
    expect(statement.names).toEqual(['n', 'id']);
    expect(statement.values({ id: 'x', n: 3 })).toEqual([3, 'x']);
  });
});
