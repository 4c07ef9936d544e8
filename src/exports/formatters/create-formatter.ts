import { ExportFormat } from '../export.types';
import { ClaimReviewConfig } from './claim-review';
import { ClaimReviewFormatter } from './claim-review.formatter';
import { CsvFormatter } from './csv.formatter';
import { ExportFormatter } from './export-formatter';
import { JsonFormatter, NdjsonFormatter } from './json.formatter';

export interface FormatterOptions {
  cursor: string;
  includeVerdicts: boolean;
  safe: boolean;
  bom: boolean;
  claimReview: ClaimReviewConfig;
}

export function createFormatter(format: ExportFormat, o: FormatterOptions): ExportFormatter {
  switch (format) {
    case 'csv':
      return new CsvFormatter(o.includeVerdicts, o.safe, o.bom);
    case 'json':
      return new JsonFormatter(o.cursor);
    case 'ndjson':
      return new NdjsonFormatter();
    case 'claimreview':
      return new ClaimReviewFormatter(o.claimReview);
  }
}
