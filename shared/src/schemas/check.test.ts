import { describe, expect, test } from "vitest";
import { checkSchema, settingsSavedSchema } from "./check.ts";

describe("checkSchema", () => {
  test.each([
    [
      "an ok check needs no fix",
      { id: "customerApp.token.view", status: "ok", message: "問題は見つかりませんでした。" },
      true,
    ],
    [
      "an error with fix and field",
      { id: "kintone.origin", status: "error", message: "…", fix: "…", field: "kintone.baseUrl" },
      true,
    ],
    ["an unknown status", { id: "x", status: "info", message: "…" }, false],
    ["an empty id", { id: "", status: "ok", message: "…" }, false],
  ])("%s", (_rule, check, valid) => {
    expect(checkSchema.safeParse(check).success).toBe(valid);
  });

  test("PUT answer carries savedAt as an instant", () => {
    const recordKey = "fa_rk_x";
    expect(
      settingsSavedSchema.safeParse({ checks: [], savedAt: "2026-11-24T09:30:00Z", recordKey }).success,
    ).toBe(true);
    expect(settingsSavedSchema.safeParse({ checks: [], savedAt: "yesterday", recordKey }).success).toBe(
      false,
    );
  });

  test("PUT answer carries the record key every save issues (docs/api.md)", () => {
    expect(settingsSavedSchema.safeParse({ checks: [], savedAt: "2026-11-24T09:30:00Z" }).success).toBe(
      false,
    );
  });
});
