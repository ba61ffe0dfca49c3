/**
 * RFC 4180 read back: the records of a CSV text (CRLF line ends, quoted fields, doubled quotes),
 * without a leading byte-order mark. `rest` is what follows the last complete record ('' when the
 * text ends with one).
 */
export function readCsv(text: string): { records: string[][]; rest: string } {
  const body = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  return { records, rest: [...record, field].join(',') };
}
