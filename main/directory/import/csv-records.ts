/**
 * Splits CSV text into records, the way Apple School Manager reads its SFTP files.
 *
 * Hand-written rather than csv-parse because Apple's quoting is not RFC 4180: Apple escapes a
 * double quote or a line break inside a value with a backslash (`\"`, backslash + line break),
 * while spreadsheets double the quote (`""`) and put raw line breaks inside quoted values. A
 * file may use either, so both are read everywhere. A backslash before anything else is an
 * ordinary character, which keeps Windows paths such as `C:\new\tables` intact. Each record
 * keeps the physical line it starts on, counting LF, CRLF and lone CR (old Mac Excel) breaks.
 */
export interface CsvRecord {
  line: number;
  values: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface CsvRecords {
  records: CsvRecord[];
  /** Rows that could not be split; they are left out of `records`. */
  problems: CsvProblem[];
}

/** Reads every record; blank lines are skipped but still counted. */
export function readCsvRecords(text: string): CsvRecords {
  const scanner = new CsvScanner(text, separatorOf(text));
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  while (!scanner.atEnd()) {
    const read = scanner.readRecord();
    if ('message' in read) problems.push(read);
    else if (!isBlank(read)) records.push(read);
  }
  return { records, problems };
}

/**
 * Comma, unless the header row has more semicolons than commas.
 *
 * Apple allows either separator; European spreadsheets write semicolons because their
 * decimal mark is the comma. Header names never contain either, so counting them is safe.
 */
export function separatorOf(text: string): ',' | ';' {
  const header = /^.*\S.*$/m.exec(text)?.[0] ?? '';
  const count = (char: string) => header.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

function isBlank(record: CsvRecord): boolean {
  return record.values.length === 1 && record.values[0]?.trim() === '';
}

interface ScannedValue {
  text: string;
  /** Characters followed the closing quote before the separator. */
  stray: boolean;
}

class CsvScanner {
  private pos = 0;
  private line = 1;
  /** Runs of characters that need no attention, taken whole: files reach tens of megabytes. */
  private readonly unquotedRun: RegExp;
  private readonly quotedRun = /[^"\\\r\n]+/y;

  constructor(
    private readonly text: string,
    private readonly separator: ',' | ';',
  ) {
    this.unquotedRun = new RegExp(`[^${separator}\\\\\\r\\n]+`, 'y');
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** Reads one record and the line break after it. */
  readRecord(): CsvRecord | CsvProblem {
    const line = this.line;
    const values: string[] = [];
    let strayAt: number | null = null;
    for (;;) {
      const value = this.text[this.pos] === '"' ? this.readQuoted() : this.readUnquoted();
      if (value === null) {
        return {
          line,
          message:
            'A quoted value in this row has no closing double quote, so the rest of the file was read as part of it. Add the missing quote.',
        };
      }
      values.push(value.text);
      if (value.stray && strayAt === null) strayAt = values.length;
      if (this.text[this.pos] !== this.separator) break;
      this.pos++;
    }
    this.skipLineBreak();
    if (strayAt !== null) {
      return {
        line,
        message: `Value ${strayAt} has text after its closing double quote. Put the whole value in quotes, and write a quote inside it as \\" or "".`,
      };
    }
    return { line, values };
  }

  private readUnquoted(): ScannedValue {
    let text = this.takeRun(this.unquotedRun);
    while (!this.atEnd() && !this.atValueEnd()) text += this.readCharacter() + this.takeRun(this.unquotedRun);
    return { text, stray: false };
  }

  /** Reads from the opening quote to the closing one, or null when the text ends first. */
  private readQuoted(): ScannedValue | null {
    this.pos++;
    let text = '';
    for (;;) {
      text += this.takeRun(this.quotedRun);
      if (this.atEnd()) return null;
      if (this.text[this.pos] === '"') {
        if (this.text[this.pos + 1] !== '"') break;
        text += '"';
        this.pos += 2;
      } else if (this.atLineBreak()) {
        this.skipLineBreak();
        text += '\n';
      } else {
        text += this.readCharacter();
      }
    }
    this.pos++;
    if (this.atEnd() || this.atValueEnd()) return { text, stray: false };
    return { text: text + this.readUnquoted().text, stray: true };
  }

  private takeRun(run: RegExp): string {
    run.lastIndex = this.pos;
    const match = run.exec(this.text);
    if (match === null) return '';
    this.pos = run.lastIndex;
    return match[0];
  }

  /** One character of a value, resolving a backslash escape of a quote or a line break. */
  private readCharacter(): string {
    const char = this.text[this.pos] ?? '';
    this.pos++;
    if (char !== '\\') return char;
    if (this.text[this.pos] === '"') {
      this.pos++;
      return '"';
    }
    if (this.atLineBreak()) {
      this.skipLineBreak();
      return '\n';
    }
    return char;
  }

  private atValueEnd(): boolean {
    return this.text[this.pos] === this.separator || this.atLineBreak();
  }

  private atLineBreak(): boolean {
    const char = this.text[this.pos];
    return char === '\n' || char === '\r';
  }

  private skipLineBreak(): void {
    if (this.text[this.pos] === '\r') this.pos++;
    else if (this.text[this.pos] !== '\n') return;
    if (this.text[this.pos] === '\n') this.pos++;
    this.line++;
  }
}
