import { ExportFormatter } from './export-formatter';

/** One JSON document: {"cursor": "...", "claims": [lineage, ...]}; the lineage text comes from Postgres as is. */
export class JsonFormatter implements ExportFormatter {
  readonly projection = 'json';
  readonly contentType = 'application/json';
  readonly extension = 'json';
  private first = true;

  constructor(private readonly cursor: string) {}

  begin(): string {
    return `{"cursor":${JSON.stringify(this.cursor)},"claims":[`;
  }

  batch(rows: string[][]): string {
    const text = rows.map((r) => r[0]).join(',');
    const sep = this.first ? '' : ',';
    this.first = false;
    return sep + text;
  }

  end(): string {
    return ']}\n';
  }
}

/** One lineage object per line. */
export class NdjsonFormatter implements ExportFormatter {
  readonly projection = 'json';
  readonly contentType = 'application/x-ndjson';
  readonly extension = 'ndjson';

  begin(): string {
    return '';
  }

  batch(rows: string[][]): string {
    let text = '';
    for (const r of rows) text += `${r[0]}\n`;
    return text;
  }

  end(): string {
    return '';
  }
}
