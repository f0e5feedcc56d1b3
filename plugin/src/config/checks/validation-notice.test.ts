import { describe, expect, test } from "vitest";
import type { Check } from "../../backend.ts";
import { validationNotice } from "./validation-notice.ts";

const check = (id: string, status: Check["status"]): Check => ({ id, status, message: id });

describe("validationNotice: one thing said after 設定を確認", () => {
  test.each([
    ["nothing", [], "success", "APIトークンの権限とフォームを確認しました。問題はありません。"],
    [
      "only ok",
      [check("a", "ok")],
      "success",
      "APIトークンの権限とフォームを確認しました。問題はありません。",
    ],
    [
      "warnings only: can be saved, and how many",
      [check("a", "ok"), ...["w1", "w2", "w3", "w4"].map((id) => check(id, "warning"))],
      "success",
      "APIトークンの権限とフォームを確認しました。保存できます。警告が 4 件あります（橙の項目）。",
    ],
    [
      "errors and warnings: the errors",
      [check("e1", "error"), check("w1", "warning"), check("e2", "error")],
      "error",
      "2 件の問題が見つかりました。赤い項目を確認してください。",
    ],
  ] as const)("%s", (_name, checks, kind, text) => {
    expect(validationNotice("ja", checks)).toEqual({ kind, text });
  });

  test("in English", () => {
    expect(validationNotice("en", [check("w", "warning")]).text).toBe(
      "The API tokens' permissions and the forms were checked: the settings can be saved, with 1 warning(s) (the items in orange).",
    );
  });
});
