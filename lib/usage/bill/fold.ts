import { AppError } from "@/lib/contracts/errors";
import { classifyBillLine, toCostUnits, usageDay, type RequestClass } from "@/lib/cost/bill-line";

// One data file of a Data Export folded into its KMS request figures per account, region, key,
// day, request kind and operation, plus the KMS lines the classifier could not place (kept with
// their reason, never dropped). Costs are integer units of 1e-10 USD and requests whole counts,
// so the totals do not depend on the order lines are added in.

export const billColumns = {
  productCode: "line_item_product_code",
  usageType: "line_item_usage_type",
  operation: "line_item_operation",
  lineItemType: "line_item_line_item_type",
  resourceId: "line_item_resource_id",
  usageAmount: "line_item_usage_amount",
  unblendedCost: "line_item_unblended_cost",
  usageStart: "line_item_usage_start_date",
  account: "line_item_usage_account_id",
} as const;
export type BillField = keyof typeof billColumns;

/** Columns an export may leave out: the line type (legacy-style queries) and resource ids (an export option). */
const optionalFields: ReadonlySet<BillField> = new Set(["lineItemType", "resourceId"]);

export type BillRow = {
  account: string;
  region: string;
  keyArn: string;
  day: string;
  requestClass: RequestClass;
  operation: string;
  requests: number;
  costUnits: number;
};

export type UnclassifiedRow = {
  usageType: string;
  operation: string;
  lineItemType: string;
  reason: string;
  lines: number;
  usage: number;
  costUnits: number;
};

/** The export's columns the reader needs, or an error naming the ones it lacks. */
export function requireBillColumns(present: readonly string[], where: string): Set<BillField> {
  const have = new Set(present);
  const missing = (Object.keys(billColumns) as BillField[]).filter(
    (f) => !optionalFields.has(f) && !have.has(billColumns[f]),
  );
  if (missing.length)
    throw new AppError(
      "check_failed",
      `${where} has no column ${missing.map((f) => billColumns[f]).join(", ")}: it is not a CUR 2.0 export of ` +
        "the COST_AND_USAGE_REPORT table. Create the export with the standard CUR 2.0 columns.",
    );
  return new Set((Object.keys(billColumns) as BillField[]).filter((f) => have.has(billColumns[f])));
}

export type LineValues = {
  productCode: unknown;
  usageType: unknown;
  operation: unknown;
  lineItemType: unknown;
  resourceId: unknown;
  usageAmount: unknown;
  unblendedCost: unknown;
  usageStart: unknown;
  account: unknown;
};

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const amount = (v: unknown): number =>
  typeof v === "number" ? v : v === null || v === undefined || v === "" ? 0 : Number(v);

export class BillFold {
  readonly rows = new Map<string, BillRow>();
  readonly unclassified = new Map<string, UnclassifiedRow>();
  lines = 0;
  kmsLines = 0;
  keyStorageLines = 0;

  constructor(
    private readonly where: string,
    private readonly hasLineItemType: boolean,
  ) {}

  /** True when the product code is KMS's: readers fetch the rest of a line only then. */
  static isKms(productCode: unknown): boolean {
    return productCode === "awskms";
  }

  /** `count`: the lines `v` sums (1 from a file; a group's count from Athena, whose query sums a day's alike lines). */
  add(v: LineValues, lineNumber: number, count = 1): void {
    this.lines += count;
    if (!BillFold.isKms(v.productCode)) return;
    this.kmsLines += count;
    const line = {
      productCode: "awskms",
      usageType: text(v.usageType),
      operation: text(v.operation),
      lineItemType: this.hasLineItemType ? text(v.lineItemType) : null,
      resourceId: text(v.resourceId),
    };
    const c = classifyBillLine(line);
    const usage = amount(v.usageAmount);
    const cost = amount(v.unblendedCost);
    if (!Number.isFinite(usage) || !Number.isFinite(cost))
      throw this.malformed(lineNumber, `usage amount "${text(v.usageAmount)}" or cost "${text(v.unblendedCost)}"`);
    if (c.kind === "key-storage") {
      this.keyStorageLines += count;
      return;
    }
    if (c.kind !== "request") {
      const reason = c.kind === "unclassified" ? c.reason : "not KMS";
      const k = `${line.usageType}\t${line.operation}\t${line.lineItemType ?? ""}\t${reason}`;
      const u = this.unclassified.get(k);
      if (u) {
        u.lines += count;
        u.usage += usage;
        u.costUnits += toCostUnits(cost);
      } else
        this.unclassified.set(k, {
          usageType: line.usageType,
          operation: line.operation,
          lineItemType: line.lineItemType ?? "",
          reason,
          lines: count,
          usage,
          costUnits: toCostUnits(cost),
        });
      return;
    }
    const day = usageDay(v.usageStart);
    const account = text(v.account);
    if (day === null) throw this.malformed(lineNumber, `usage start "${text(v.usageStart)}"`);
    if (!/^\d{12}$/.test(account)) throw this.malformed(lineNumber, `account "${account}"`);
    const k = `${account}\t${c.region}\t${c.keyArn}\t${day}\t${c.requestClass}\t${c.operation}`;
    const r = this.rows.get(k);
    if (r) {
      r.requests += Math.round(usage);
      r.costUnits += toCostUnits(cost);
    } else
      this.rows.set(k, {
        account,
        region: c.region,
        keyArn: c.keyArn,
        day,
        requestClass: c.requestClass,
        operation: c.operation,
        requests: Math.round(usage),
        costUnits: toCostUnits(cost),
      });
  }

  private malformed(lineNumber: number, what: string): AppError {
    return new AppError(
      "check_failed",
      `${this.where}, line ${lineNumber}: ${what} cannot be read. The file is damaged or not a CUR 2.0 export; ` +
        "nothing of it was stored. Check the export, then read the bill again.",
    );
  }
}
