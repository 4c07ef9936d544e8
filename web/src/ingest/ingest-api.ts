import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, sessionEnded, unwrap } from '../api/client';
import type { Schemas } from '../api/client';

export type NewArticle = Schemas['CreateArticleDto'];
export type ImportLine = Schemas['ImportLineResultDto'];
export type ImportTotals = Schemas['ImportTotalsDto'];
export type ImportStop = Schemas['ImportStopDto'];

/** The service's dry run of the extractor over the body: every sentence with its score, and which become claims. */
export function useExtractionPreview(text: string) {
  return useQuery({
    queryKey: ['extraction-preview', text],
    queryFn: async ({ signal }) => unwrap(await api.POST('/extract', { body: { text }, signal })),
    enabled: text.trim().length > 0,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useCreateArticle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (article: NewArticle) => unwrap(await api.POST('/articles', { body: article })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['articles'] }),
  });
}

/** One line of the streamed import report (see POST /articles/import with Accept: application/x-ndjson). */
type ReportLine = ImportLine | { totals: ImportTotals; stopped?: ImportStop } | { error: Schemas['ErrorBody'] };

export interface ImportProgress {
  bytesSent: number;
  bytesTotal: number;
  lines: ImportLine[];
}

export interface ImportOutcome {
  totals: ImportTotals;
  stopped?: ImportStop;
  lines: ImportLine[];
}

/**
 * Uploads an NDJSON file and reads the report as it streams back. XMLHttpRequest rather than fetch: it is the
 * browser API that reports upload progress, and its responseText grows as report lines arrive.
 */
export function uploadImport(
  file: File,
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
): Promise<ImportOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const lines: ImportLine[] = [];
    let read = 0;
    let end: { totals: ImportTotals; stopped?: ImportStop } | undefined;
    let failure: string | undefined;
    let bytesSent = 0;
    const report = () => onProgress({ bytesSent, bytesTotal: file.size, lines });
    const consume = () => {
      const text = xhr.responseText;
      let newline = text.indexOf('\n', read);
      while (newline !== -1) {
        const raw = text.slice(read, newline).trim();
        read = newline + 1;
        newline = text.indexOf('\n', read);
        if (!raw) continue;
        const line = JSON.parse(raw) as ReportLine;
        if ('status' in line) lines.push(line);
        else if ('totals' in line) end = line;
        else failure = line.error.message;
      }
    };
    xhr.open('POST', '/articles/import');
    xhr.setRequestHeader('content-type', 'application/x-ndjson');
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    xhr.upload.onprogress = (event) => {
      bytesSent = event.loaded;
      report();
    };
    xhr.onprogress = () => {
      if (xhr.status !== 200) return;
      consume();
      report();
    };
    xhr.onload = () => {
      if (xhr.status === 401) sessionEnded.dispatchEvent(new Event('ended'));
      if (xhr.status !== 200) {
        let message = `The import was refused (${xhr.status})`;
        try {
          message = (JSON.parse(xhr.responseText) as Schemas['ErrorBody']).message;
        } catch {
          // not the service's error JSON (a proxy's page): keep the status
        }
        return reject(new Error(message));
      }
      consume();
      bytesSent = file.size;
      report();
      if (failure) return reject(new Error(`The import stopped after ${lines.length} lines: ${failure}`));
      if (!end) return reject(new Error(`The report ended early, after ${lines.length} lines`));
      resolve({ totals: end.totals, stopped: end.stopped, lines });
    };
    xhr.onerror = () => reject(new Error('The connection to the service was lost during the upload'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
