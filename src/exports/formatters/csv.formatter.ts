import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from '../export-filters';
import { ExportFormatter } from './export-formatter';

// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const neutralise = (cell: string | null) => (cell !== null && FORMULA_START.test(cell) ? `'${cell}` : cell);

/** RFC 4180 (CRLF, quotes doubled) through csv-stringify; null cells are empty. */
export class CsvFormatter implements ExportFormatter {
  readonly projection = 'csv';
  readonly contentType = 'text/csv; charset=utf-8';
  readonly extension = 'csv';
  private readonly header: string[];

  constructor(
    includeVerdicts: boolean,
    private readonly safe: boolean,
    /** A UTF-8 byte-order mark first, so spreadsheets that guess the encoding (Excel) read UTF-8. */
    private readonly bom = false,
  ) {
    this.header = [...CSV_COLUMNS, ...(includeVerdicts ? ['verdicts'] : [])];
  }

  begin(): string {
    return (this.bom ? '\uFEFF' : '') + this.write([this.header]);
  }

  batch(rows: string[][]): string {
    return this.write(this.safe ? rows.map((row) => row.map(neutralise)) : rows);
  }

  end(): string {
    return '';
  }

  private write(rows: (string | null)[][]): string {
    return stringify(rows, { record_delimiter: 'windows' });
  }
}
