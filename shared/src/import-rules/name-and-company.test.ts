import { describe, expect, test } from "vitest";
import { nameAndCompany } from "./name-and-company.ts";

describe("nameAndCompany (SPEC I2/I3)", () => {
  test.each([
    ["I4: both present, each kept", "佐藤 花子", "株式会社サンプル", "佐藤 花子", "株式会社サンプル"],
    ["I2: no company, the name stands in", "佐藤 花子", "", "佐藤 花子", "佐藤 花子"],
    ["I3: no name, the company stands in", "", "株式会社サンプル", "株式会社サンプル", "株式会社サンプル"],
    ["both empty stay empty (I1 is the caller's)", "", "", "", ""],
    ["the same text in both is kept", "サンプル", "サンプル", "サンプル", "サンプル"],
    ["values are not trimmed", " 佐藤 ", "", " 佐藤 ", " 佐藤 "],
  ])("%s", (_rule, name, company, wantedName, wantedCompany) => {
    expect(nameAndCompany({ name, company })).toEqual({ name: wantedName, company: wantedCompany });
  });
});
