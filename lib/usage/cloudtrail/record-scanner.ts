// A CloudTrail log file's text → each record's RecordFields, without building the records.
// JSON.parse makes every string and object of a record (about 60 of them) for the counter to
// read a dozen; this makes one pass over the text, jumping from string to string with
// indexOf, and slices only the values RecordFields names. It follows JSON.parse's reading:
// a repeated key counts as its last occurrence, and a value that is not the expected object,
// array or string reads as absent (as fieldsOfRecord's obj() and str() have it). A record's
// start and end are passed along, so the rare record that needs more (an S3 management
// event) can be parsed whole.
//
// Between strings it checks only that each character can appear there in JSON. Anything it
// does not accept throws ScanFailed, and the caller falls back to JSON.parse, which gives the
// reason (a truncated file, say) or, for valid JSON the scan does not take (a key written with
// an escape, a Records element that is not an object), the same records by the slower path.
import { isKmsKeyArn, type RecordFields } from "./cloudtrail-record";

export class ScanFailed extends Error {}

export type RecordVisitor = (fields: RecordFields, start: number, end: number) => void;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const COMMA = 44;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
/** Characters of a number, true, false or null. */
const isScalar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 69;

// What each open object or array is, by the keys on the way to it; OTHER for everything the
// fields do not come from. Keys are named by the same numbers (the value they open).
const OTHER = 0;
const FILE = 1;
const RECORDS = 2;
const RECORD = 3;
const PARAMS = 4;
const CONTEXT = 5; // encryptionContext
const DESTINATION_CONTEXT = 6;
const SOURCE_CONTEXT = 7;
const RESOURCES = 8;
const RESOURCE = 9;
const IDENTITY = 10;
const SESSION_CONTEXT = 11;
const SESSION_ISSUER = 12;
// Keys whose string value is a field.
const EVENT_SOURCE = 20;
const EVENT_NAME = 21;
const ERROR_CODE = 22;
const EVENT_TIME = 23;
const AWS_REGION = 24;
const KEY_ID = 25;
const DESTINATION_KEY_ID = 26;
const S3_ARN = 27;
const ARN = 28;
const TYPE = 29;
const PRINCIPAL_ID = 30;
const INVOKED_BY = 31;
const ISSUER_ARN = 32;

/** The keys read inside each kind of object: [name, what its value is]. */
const keysIn: (readonly (readonly [string, number])[] | undefined)[] = [];
Object.assign(keysIn, {
  [FILE]: [["Records", RECORDS]],
  [RECORD]: [
    ["eventSource", EVENT_SOURCE],
    ["eventName", EVENT_NAME],
    ["errorCode", ERROR_CODE],
    ["eventTime", EVENT_TIME],
    ["awsRegion", AWS_REGION],
    ["requestParameters", PARAMS],
    ["resources", RESOURCES],
    ["userIdentity", IDENTITY],
  ],
  [PARAMS]: [
    ["encryptionContext", CONTEXT],
    ["destinationEncryptionContext", DESTINATION_CONTEXT],
    ["sourceEncryptionContext", SOURCE_CONTEXT],
    ["keyId", KEY_ID],
    ["destinationKeyId", DESTINATION_KEY_ID],
  ],
  [CONTEXT]: [["aws:s3:arn", S3_ARN]],
  [DESTINATION_CONTEXT]: [["aws:s3:arn", S3_ARN]],
  [SOURCE_CONTEXT]: [["aws:s3:arn", S3_ARN]],
  [RESOURCE]: [["ARN", ARN]],
  [IDENTITY]: [
    ["type", TYPE],
    ["arn", ARN],
    ["principalId", PRINCIPAL_ID],
    ["invokedBy", INVOKED_BY],
    ["sessionContext", SESSION_CONTEXT],
  ],
  [SESSION_CONTEXT]: [["sessionIssuer", SESSION_ISSUER]],
  [SESSION_ISSUER]: [["arn", ISSUER_ARN]],
});

/** Keys whose object value is read on (RESOURCES and RECORDS take arrays; see Scan.enter). */
const objectKeys = new Set([
  PARAMS,
  CONTEXT,
  DESTINATION_CONTEXT,
  SOURCE_CONTEXT,
  IDENTITY,
  SESSION_CONTEXT,
  SESSION_ISSUER,
]);

/** A record being read: its fields, the three encryption contexts' ARNs and the resource element's ARN. */
type Reading = {
  fields: RecordFields;
  contexts: (string | undefined)[];
  resourceArn: string | undefined;
  start: number;
};

class Scan {
  private pos = 0;
  /** The first backslash at or after the string being read (text.length when none): strings before it have no escapes. */
  private nextEscape = -1;
  /** Whether the string stringEnd last found holds an escape. */
  private escaped = false;
  /** Each open object or array, outermost first: its kind × 2, plus 1 for an array. */
  private readonly open: number[] = [];
  private records = 0;
  private reading: Reading | null = null;

  constructor(
    private readonly text: string,
    private readonly visit: RecordVisitor,
  ) {}

  fail(what: string): never {
    throw new ScanFailed(`${what} at character ${this.pos}`);
  }

  run(): void {
    const text = this.text;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== OPEN_BRACE) this.fail("expected an object");
    this.pos++;
    this.open.push(FILE * 2);
    // Each turn reads what lies between two strings (structure, numbers, literals), then the string.
    while (this.open.length > 0) {
      const quote = text.indexOf('"', this.pos);
      this.structure(quote < 0 ? text.length : quote);
      if (this.open.length === 0) break;
      if (quote < 0) this.fail("unexpected end of text");
      this.string(quote);
    }
    this.skipSpace();
    if (this.pos !== text.length) this.fail("text after the log file's object");
    if (this.records === 0) this.fail('no "Records" array');
  }

  /** The kind of the innermost open object or array. */
  private inside(): number {
    return this.open[this.open.length - 1]! >> 1;
  }

  private skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Characters up to `end` (the next quote): brackets open and close, the rest must be separators or scalars. */
  private structure(end: number): void {
    const text = this.text;
    for (; this.pos < end; this.pos++) {
      const c = text.charCodeAt(this.pos);
      if (c === OPEN_BRACE || c === OPEN_BRACKET) this.enter(c, OTHER);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.leave(c);
        if (this.open.length === 0) return void this.pos++;
      } else if (c === COMMA || isSpace(c)) continue;
      else if (this.inside() === RECORDS) this.fail("a record that is not an object");
      else if (c !== COLON && !isScalar(c)) this.fail("unexpected character");
    }
  }

  /** Opens an object or array at pos: `as` is the key it is the value of (OTHER in an array, or for keys not read). */
  private enter(c: number, as: number): void {
    const inside = this.open.length > 0 ? this.inside() : OTHER;
    const isObject = c === OPEN_BRACE;
    let kind = OTHER;
    if (inside === RECORDS) kind = isObject ? RECORD : this.fail("a record that is not an object");
    else if (inside === RESOURCES) kind = isObject ? RESOURCE : OTHER;
    else if (as === RESOURCES || as === RECORDS) kind = isObject ? OTHER : as;
    else if (objectKeys.has(as)) kind = isObject ? as : OTHER;
    if (kind === RECORD)
      this.reading = { fields: { hasParams: false }, contexts: [], resourceArn: undefined, start: this.pos };
    else if (kind === RESOURCE && this.reading) this.reading.resourceArn = undefined;
    else if (kind === PARAMS && this.reading) this.reading.fields.hasParams = true;
    this.open.push(kind * 2 + (isObject ? 0 : 1));
  }

  private leave(c: number): void {
    const top = this.open.pop();
    if (top === undefined || (top & 1) !== (c === CLOSE_BRACKET ? 1 : 0)) this.fail("unbalanced brackets");
    const kind = top >> 1;
    const r = this.reading;
    if (kind === RECORD && r) {
      const [context, destination, source] = r.contexts;
      r.fields.s3Arn = context ?? destination ?? source;
      this.records++;
      this.visit(r.fields, r.start, this.pos + 1);
      this.reading = null;
    } else if (kind === RESOURCE && r) {
      const arn = r.resourceArn;
      if (arn && r.fields.resourceKeyArn === undefined && isKmsKeyArn(arn)) r.fields.resourceKeyArn = arn;
    }
  }

  /** From an opening quote: where the string ends; `escaped` says whether it holds an escape. */
  private stringEnd(quote: number): number {
    const text = this.text;
    if (this.nextEscape < quote) {
      this.nextEscape = text.indexOf("\\", quote);
      if (this.nextEscape < 0) this.nextEscape = text.length;
    }
    let end = text.indexOf('"', quote + 1);
    if (end < 0) this.fail("unterminated string");
    this.escaped = this.nextEscape < end;
    if (!this.escaped) return end;
    // A quote after an odd run of backslashes is part of the string.
    for (;;) {
      let slashes = 0;
      while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
      if (slashes % 2 === 0) return end;
      end = text.indexOf('"', end + 1);
      if (end < 0) this.fail("unterminated string");
    }
  }

  /** The string at `quote`: a key (then its value is looked at) or a value. */
  private string(quote: number): void {
    const end = this.stringEnd(quote);
    const escaped = this.escaped;
    this.pos = end + 1;
    this.skipSpace();
    const inside = this.inside();
    if (this.text.charCodeAt(this.pos) !== COLON) {
      if (inside === RECORDS) this.fail("a record that is not an object");
      return;
    }
    this.pos++;
    this.skipSpace();
    const key = keysIn[inside] ? this.keyOf(inside, quote + 1, end, escaped) : OTHER;
    if (key === OTHER) return;
    this.clear(key);
    const c = this.text.charCodeAt(this.pos);
    if (key === RECORDS && (c !== OPEN_BRACKET || this.records > 0)) this.fail('"Records" is not one array');
    if (c === QUOTE) {
      const open = this.pos;
      const close = this.stringEnd(open);
      this.pos = close + 1;
      this.assign(key, this.slice(open, close, this.escaped));
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.enter(c, key);
      this.pos++;
    }
  }

  private keyOf(inside: number, from: number, to: number, escaped: boolean): number {
    // Keys are compared as written: one with an escape is left to JSON.parse.
    if (escaped) this.fail("a key with an escape");
    for (const [name, key] of keysIn[inside]!)
      if (to - from === name.length && this.text.startsWith(name, from)) return key;
    return OTHER;
  }

  /** A repeated key replaces what its first occurrence gave: clear it before reading the value. */
  private clear(key: number): void {
    const r = this.reading;
    if (!r) return;
    const f = r.fields;
    switch (key) {
      case PARAMS:
        [f.hasParams, f.keyId, f.destinationKeyId, r.contexts] = [false, undefined, undefined, []];
        return;
      case CONTEXT:
      case DESTINATION_CONTEXT:
      case SOURCE_CONTEXT:
        r.contexts[key - CONTEXT] = undefined;
        return;
      case RESOURCES:
        f.resourceKeyArn = undefined;
        return;
      case IDENTITY:
        f.identityType = f.identityArn = f.principalId = f.invokedBy = f.issuerArn = undefined;
        return;
      case SESSION_CONTEXT:
      case SESSION_ISSUER:
        f.issuerArn = undefined;
        return;
      default:
        this.assign(key, undefined);
    }
  }

  /** The string between quotes at `from` and `to`, unescaped; undefined when empty (as str() reads ""). */
  private slice(from: number, to: number, escaped: boolean): string | undefined {
    if (to === from + 1) return undefined;
    if (!escaped) return this.text.slice(from + 1, to);
    try {
      return (JSON.parse(this.text.slice(from, to + 1)) as string) || undefined;
    } catch {
      this.fail("an invalid escape"); // JSON.parse of the whole file then says where
    }
  }

  private assign(key: number, value: string | undefined): void {
    const r = this.reading;
    if (!r) return;
    const f = r.fields;
    const inside = this.inside();
    switch (key) {
      case EVENT_SOURCE:
        return void (f.eventSource = value);
      case EVENT_NAME:
        return void (f.eventName = value);
      case ERROR_CODE:
        return void (f.errorCode = value);
      case EVENT_TIME:
        return void (f.eventTime = value);
      case AWS_REGION:
        return void (f.awsRegion = value);
      case KEY_ID:
        return void (f.keyId = value);
      case DESTINATION_KEY_ID:
        return void (f.destinationKeyId = value);
      case S3_ARN:
        return void (r.contexts[inside - CONTEXT] = value);
      case ARN:
        if (inside === RESOURCE) r.resourceArn = value;
        else f.identityArn = value;
        return;
      case TYPE:
        return void (f.identityType = value);
      case PRINCIPAL_ID:
        return void (f.principalId = value);
      case INVOKED_BY:
        return void (f.invokedBy = value);
      case ISSUER_ARN:
        return void (f.issuerArn = value);
    }
  }
}

/**
 * Visits each record of the file's "Records" array, in order: its fields, and where it starts and
 * ends in the text. Throws ScanFailed for text it does not take (see the top of this file).
 */
export function scanLogFile(text: string, visit: RecordVisitor): void {
  new Scan(text, visit).run();
}
