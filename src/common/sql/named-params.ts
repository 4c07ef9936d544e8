/**
 * Named SQL parameters: `:name` placeholders become `$1`, `$2`, … in order of first use, and values come from an
 * object, so a long statement's call site names what it passes instead of lining up positions. The text is built
 * once per statement (prepared statements need a fixed text); `values` is the only per-call work.
 * `::type` casts, quoted strings and identifiers, and comments are left alone.
 */
export class NamedStatement<P extends object> {
  readonly text: string;
  /** Parameter names in `$n` order. */
  readonly names: readonly (keyof P & string)[];

  constructor(sql: string) {
    const names: string[] = [];
    this.text = sql.replace(TOKENS, (token: string, name: string | undefined) => {
      if (name === undefined) return token;
      const at = names.indexOf(name);
      return `$${at === -1 ? names.push(name) : at + 1}`;
    });
    this.names = names as (keyof P & string)[];
  }

  /** The positional values for `params`; a missing or unknown name is a programming error and throws. */
  values(params: P): unknown[] {
    const given = params as Record<string, unknown>;
    const unknown = Object.keys(given).filter((k) => !(this.names as readonly string[]).includes(k));
    if (unknown.length) throw new Error(`Unknown SQL parameter(s): ${unknown.join(', ')}`);
    return this.names.map((name) => {
      if (given[name] === undefined) throw new Error(`Missing SQL parameter :${name} (pass null for NULL)`);
      return given[name];
    });
  }
}

/** One-off form: `named('… WHERE id = :id', { id })` → `{ text, values }` for `pg`'s `query`. */
export function named<P extends object>(sql: string, params: P): { text: string; values: unknown[] } {
  const statement = new NamedStatement<P>(sql);
  return { text: statement.text, values: statement.values(params) };
}

// Skipped whole: '…' strings (with '' inside), "…" identifiers, -- and /* */ comments, and :: casts. Captured: :name.
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|::|:([A-Za-z_][A-Za-z0-9_]*)/g;
