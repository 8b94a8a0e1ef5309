// A CloudTrail log file's text → each record's RecordFields, without building the records.
// JSON.parse makes every string and object of a record (about 60 of them) for the counter to
// read a dozen; this reads the text once, top-down, jumping over strings and the values it
// does not need with indexOf, and slices only the values RecordFields names. It follows JSON.parse's reading:
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

/** Key names → small numbers, bucketed by length so most keys are told apart without comparing text. */
class KeyTable {
  private readonly byLength: (readonly [string, number])[][] = [];
  constructor(names: readonly string[]) {
    names.forEach((name, i) => (this.byLength[name.length] ??= []).push([name, i]));
  }
  /** The key's number, or -1 for a key not in the table. */
  find(text: string, from: number, to: number): number {
    const candidates = this.byLength[to - from];
    if (candidates)
      for (let j = 0; j < candidates.length; j++)
        if (text.startsWith(candidates[j]![0], from)) return candidates[j]![1];
    return -1;
  }
}

const fileKeys = new KeyTable(["Records"]);
const recordKeys = new KeyTable([
  "eventSource",
  "eventName",
  "errorCode",
  "eventTime",
  "awsRegion",
  "requestParameters",
  "resources",
  "userIdentity",
]);
const paramKeys = new KeyTable([
  "encryptionContext",
  "destinationEncryptionContext",
  "sourceEncryptionContext",
  "keyId",
  "destinationKeyId",
]);
const contextKeys = new KeyTable(["aws:s3:arn"]);
const resourceKeys = new KeyTable(["ARN"]);
const identityKeys = new KeyTable(["type", "arn", "principalId", "invokedBy", "sessionContext"]);
const sessionContextKeys = new KeyTable(["sessionIssuer"]);
const issuerKeys = new KeyTable(["arn"]);

/** An object's text as it was last read at one place in a record, and what was read from it. */
type Remembered<T> = { text: string; value: T };

type IdentityFields = Pick<RecordFields, "identityType" | "identityArn" | "principalId" | "invokedBy" | "issuerArn">;

class Scan {
  pos = 0;
  // A file's records repeat their requesters' identities (a session's is the same text in each of
  // its records) and their keys' resources: the same text read again gives the same fields.
  lastIdentity: Remembered<IdentityFields> | undefined;
  lastResources: Remembered<string | undefined> | undefined;
  /** The first backslash at or after the last string looked at (text.length when none): strings before it have no escapes. */
  private nextEscape = -1;
  /** Whether the string stringEnd last found holds an escape. */
  private escaped = false;

  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new ScanFailed(`${what} at character ${this.pos}`);
  }

  /** The character at pos, after any whitespace. */
  peek(): number {
    let c = this.text.charCodeAt(this.pos);
    while (isSpace(c)) c = this.text.charCodeAt(++this.pos);
    return c;
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

  /**
   * Steps through the members of the object at pos (which must be one): reads the next key, looks
   * it up in `keys` and leaves pos at its value. Returns the key's number, -1 for a key not in the
   * table, or -2 past the closing brace. `first` is true for the first call on an object.
   */
  member(keys: KeyTable, first: boolean): number {
    let c = this.peek();
    if (first) {
      if (c !== OPEN_BRACE) this.fail("expected an object");
      this.pos++;
      c = this.peek();
      if (c === CLOSE_BRACE) return (this.pos++, -2);
    } else {
      this.pos++;
      if (c === CLOSE_BRACE) return -2;
      if (c !== COMMA) this.fail('expected "," or "}"');
      c = this.peek();
    }
    if (c !== QUOTE) this.fail("expected a key");
    const end = this.stringEnd(this.pos);
    // Keys are compared as written: one with an escape is left to JSON.parse.
    if (this.escaped) this.fail("a key with an escape");
    const key = keys.find(this.text, this.pos + 1, end);
    this.pos = end + 1;
    if (this.peek() !== COLON) this.fail('expected ":"');
    this.pos++;
    return key;
  }

  /** Like member, for the elements of the array at pos: true with pos at the next element, false past the bracket. */
  element(first: boolean): boolean {
    const c = this.peek();
    if (first) {
      if (c !== OPEN_BRACKET) this.fail("expected an array");
      this.pos++;
      if (this.peek() !== CLOSE_BRACKET) return true;
    } else if (c === COMMA) return (this.pos++, true);
    else if (c !== CLOSE_BRACKET) this.fail('expected "," or "]"');
    this.pos++;
    return false;
  }

  /** A non-empty string value, else undefined (as str() reads a parsed value); pos moves past the value. */
  string(): string | undefined {
    if (this.peek() !== QUOTE) return (this.skip(), undefined);
    const open = this.pos;
    const end = this.stringEnd(open);
    this.pos = end + 1;
    if (end === open + 1) return undefined;
    if (!this.escaped) return this.text.slice(open + 1, end);
    try {
      return (JSON.parse(this.text.slice(open, end + 1)) as string) || undefined;
    } catch {
      this.fail("an invalid escape"); // JSON.parse of the whole file then says where
    }
  }

  /** What `last` gave, when the text at pos is the same object again: pos then moves past it. */
  recall<T>(last: Remembered<T> | undefined): Remembered<T> | undefined {
    if (last === undefined || !this.text.startsWith(last.text, this.pos)) return undefined;
    this.pos += last.text.length;
    return last;
  }

  /** The text from `start` to pos, with what was read from it, for recall. */
  remember<T>(start: number, value: T): Remembered<T> {
    return { text: this.text.slice(start, this.pos), value };
  }

  /** Whether the value at pos opens `c`; anything else is skipped (it reads as absent). */
  opens(c: number): boolean {
    if (this.peek() === c) return true;
    this.skip();
    return false;
  }

  /** Moves past the value at pos. */
  skip(): void {
    const c = this.peek();
    if (c === QUOTE) this.pos = this.stringEnd(this.pos) + 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.skipContainer();
    else {
      const from = this.pos;
      while (isScalar(this.text.charCodeAt(this.pos))) this.pos++;
      if (this.pos === from) this.fail("expected a value");
    }
  }

  /** From an opening bracket past its match: strings are jumped over, brackets counted, the rest checked. */
  private skipContainer(): void {
    const text = this.text;
    const opened: number[] = [];
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        this.pos = pos;
        pos = this.stringEnd(pos) + 1;
        continue;
      }
      if (c === OPEN_BRACE || c === OPEN_BRACKET) opened.push(c);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.pos = pos;
        if (opened.pop() !== (c === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET)) this.fail("unbalanced brackets");
        if (opened.length === 0) return void (this.pos = pos + 1);
      } else if (!(c === COMMA || c === COLON || isSpace(c) || isScalar(c))) {
        this.pos = pos;
        this.fail("unexpected character");
      }
      pos++;
    }
    this.pos = pos;
    this.fail("unexpected end of text");
  }
}

// Each reader starts at its value and leaves pos past it. A value that is not the expected
// object or array reads as absent, as obj() has it; a repeated key counts as its last
// occurrence, as JSON.parse has it (each assignment below replaces the earlier one).

/** An encryption context's "aws:s3:arn". */
function contextArn(scan: Scan): string | undefined {
  let arn: string | undefined;
  if (!scan.opens(OPEN_BRACE)) return undefined;
  for (let key = scan.member(contextKeys, true); key !== -2; key = scan.member(contextKeys, false))
    if (key === 0) arn = scan.string();
    else scan.skip();
  return arn;
}

function readParams(scan: Scan, f: RecordFields): void {
  const contexts: (string | undefined)[] = [undefined, undefined, undefined];
  f.keyId = f.destinationKeyId = undefined;
  f.hasParams = scan.opens(OPEN_BRACE);
  if (f.hasParams)
    for (let key = scan.member(paramKeys, true); key !== -2; key = scan.member(paramKeys, false)) {
      if (key >= 0 && key <= 2) contexts[key] = contextArn(scan);
      else if (key === 3) f.keyId = scan.string();
      else if (key === 4) f.destinationKeyId = scan.string();
      else scan.skip();
    }
  f.s3Arn = contexts[0] ?? contexts[1] ?? contexts[2];
}

/** resources: the first element whose ARN names a KMS key. */
function readResources(scan: Scan, f: RecordFields): void {
  f.resourceKeyArn = undefined;
  if (!scan.opens(OPEN_BRACKET)) return;
  const seen = scan.recall(scan.lastResources);
  if (seen) return void (f.resourceKeyArn = seen.value);
  const start = scan.pos;
  for (let more = scan.element(true); more; more = scan.element(false)) {
    if (!scan.opens(OPEN_BRACE)) continue;
    let arn: string | undefined;
    for (let key = scan.member(resourceKeys, true); key !== -2; key = scan.member(resourceKeys, false))
      if (key === 0) arn = scan.string();
      else scan.skip();
    if (arn && f.resourceKeyArn === undefined && isKmsKeyArn(arn)) f.resourceKeyArn = arn;
  }
  scan.lastResources = scan.remember(start, f.resourceKeyArn);
}

/** sessionContext.sessionIssuer.arn. */
function issuerArn(scan: Scan): string | undefined {
  let arn: string | undefined;
  if (!scan.opens(OPEN_BRACE)) return undefined;
  for (let key = scan.member(sessionContextKeys, true); key !== -2; key = scan.member(sessionContextKeys, false)) {
    if (key !== 0) {
      scan.skip();
      continue;
    }
    arn = undefined;
    if (!scan.opens(OPEN_BRACE)) continue;
    for (let k = scan.member(issuerKeys, true); k !== -2; k = scan.member(issuerKeys, false))
      if (k === 0) arn = scan.string();
      else scan.skip();
  }
  return arn;
}

function readIdentity(scan: Scan, f: RecordFields): void {
  f.identityType = f.identityArn = f.principalId = f.invokedBy = f.issuerArn = undefined;
  if (!scan.opens(OPEN_BRACE)) return;
  const seen = scan.recall(scan.lastIdentity);
  if (seen) return void Object.assign(f, seen.value);
  const start = scan.pos;
  const read: IdentityFields = {};
  for (let key = scan.member(identityKeys, true); key !== -2; key = scan.member(identityKeys, false)) {
    if (key === 0) read.identityType = scan.string();
    else if (key === 1) read.identityArn = scan.string();
    else if (key === 2) read.principalId = scan.string();
    else if (key === 3) read.invokedBy = scan.string();
    else if (key === 4) read.issuerArn = issuerArn(scan);
    else scan.skip();
  }
  Object.assign(f, read);
  scan.lastIdentity = scan.remember(start, read);
}

function readRecord(scan: Scan): RecordFields {
  const f: RecordFields = { hasParams: false };
  for (let key = scan.member(recordKeys, true); key !== -2; key = scan.member(recordKeys, false)) {
    switch (key) {
      case 0:
        f.eventSource = scan.string();
        break;
      case 1:
        f.eventName = scan.string();
        break;
      case 2:
        f.errorCode = scan.string();
        break;
      case 3:
        f.eventTime = scan.string();
        break;
      case 4:
        f.awsRegion = scan.string();
        break;
      case 5:
        readParams(scan, f);
        break;
      case 6:
        readResources(scan, f);
        break;
      case 7:
        readIdentity(scan, f);
        break;
      default:
        scan.skip();
    }
  }
  return f;
}

/**
 * Visits each record of the file's "Records" array, in order: its fields, and where it starts and
 * ends in the text. Throws ScanFailed for text it does not take (see the top of this file).
 */
export function scanLogFile(text: string, visit: RecordVisitor): void {
  const scan = new Scan(text);
  let arrays = 0;
  for (let key = scan.member(fileKeys, true); key !== -2; key = scan.member(fileKeys, false)) {
    if (key !== 0) {
      scan.skip();
      continue;
    }
    if (scan.peek() !== OPEN_BRACKET || arrays++ > 0) scan.fail('"Records" is not one array');
    for (let more = scan.element(true); more; more = scan.element(false)) {
      if (scan.peek() !== OPEN_BRACE) scan.fail("a record that is not an object");
      const start = scan.pos;
      const fields = readRecord(scan);
      visit(fields, start, scan.pos);
    }
  }
  scan.peek();
  if (scan.pos !== text.length) scan.fail("text after the log file's object");
  if (arrays === 0) scan.fail('no "Records" array');
}
