import { stringify } from 'csv-stringify/sync';
import { CsvFormatter, csvRecords } from './csv.formatter';

// csv-stringify given a record delimiter quotes only cells holding that one (CRLF) unless told otherwise: a lone LF
// or CR then went out bare, and most readers take it for the end of the record.
const reference = (rows: (string | null)[][]) =>
  stringify(rows, { record_delimiter: 'windows', quote_record_delimiter: true });

describe('csvRecords', () => {
  it('should quote a lone LF or CR, which the csv-stringify call it replaces sent bare', () => {
    expect(stringify([['a\nb']], { record_delimiter: 'windows' })).toBe('a\nb\r\n');
    expect(csvRecords([['a\nb', 'c\rd']])).toBe('"a\nb","c\rd"\r\n');
  });

  it('should quote cells holding a quote, comma, CR or LF, double their quotes and leave the rest bare', () => {
    const rows = [
      ['plain', 'with "quotes"', 'a,b', 'line\nbreak', 'cr\ronly', 'crlf\r\nend', '', null, ' spaced ', '"'],
      ['é 😀', "'apostrophe", '=1+1', '-2', '[{"label":"verified","rationale":null}]', 'tab\there', ',', '\n'],
    ];
    expect(csvRecords(rows)).toBe(reference(rows));
    expect(csvRecords(rows)).toBe(
      'plain,"with ""quotes""","a,b","line\nbreak","cr\ronly","crlf\r\nend",,, spaced ,""""\r\n' +
        'é 😀,\'apostrophe,=1+1,-2,"[{""label"":""verified"",""rationale"":null}]",tab\there,",","\n"\r\n',
    );
  });

  it('should write the same bytes as csv-stringify for any cells', () => {
    const alphabet = ['a', 'Z', ' ', ',', '"', '\r', '\n', "'", '=', '-', '\t', 'é', '😀', ';'];
    let seed = 20261201;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const rows = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
        Array.from({ length: 1 + Math.floor(next() * 6) }, () =>
          next() < 0.1
            ? null
            : Array.from({ length: Math.floor(next() * 8) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(
                '',
              ),
        ),
      );
      expect(csvRecords(rows)).toBe(reference(rows));
    }
  });

  it('should neutralise formula cells in safe mode before quoting them', () => {
    const rows = [['=SUM(A1)', '+1', '\rx', 'ok']];
    expect(new CsvFormatter(false, true).batch(rows)).toBe(`'=SUM(A1),'+1,"'\rx",ok\r\n`);
    expect(new CsvFormatter(false, false).batch(rows)).toBe(reference(rows));
  });
});
