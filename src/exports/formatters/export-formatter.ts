import { Projection } from '../export-filters';

/** Turns batches of rows (arrays of text, as the projection selects them) into the bytes of one file format. */
export interface ExportFormatter {
  readonly projection: Projection;
  readonly contentType: string;
  readonly extension: string;
  begin(): string;
  batch(rows: string[][]): string;
  end(): string;
}
