import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "./errors";

test("an AppError from another copy of the module (another route bundle) is still an AppError", () => {
  // What Next's per-route bundling produces: a second, separately loaded class with the same shape.
  class BundledCopy extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
      this.name = "AppError";
    }
  }
  assert.ok(new BundledCopy("access_denied", "Cannot assume the role") instanceof AppError);
  assert.ok(new AppError("not_found", "x") instanceof AppError);
  assert.ok(!(new Error("plain") instanceof AppError));
  assert.ok(!(new BundledCopy("no_such_code", "x") instanceof AppError), "an unknown code is not ours");
  assert.ok(!({ name: "AppError", code: "not_found" } instanceof AppError), "not an Error at all");
});
