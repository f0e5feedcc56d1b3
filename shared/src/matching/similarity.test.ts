import { describe, expect, test } from "vitest";
import { containmentScore, dice } from "./similarity.ts";

describe("dice", () => {
  test.each([
    ["equal", "サンプル", "サンプル", 1],
    ["no shared bigram", "サンプル", "無関係", 0],
    ["half the bigrams", "佐藤", "佐藤花子", 0.5],
    ["repeated bigrams are counted once each", "ささささ", "ささ", 0.5],
    ["one character inside a longer string", "佐", "佐藤", 0.5],
    ["both empty", "", "", 0],
  ])("%s", (_rule, a, b, expected) => {
    expect(dice(a, b)).toBeCloseTo(expected, 10);
  });
});

describe("containmentScore", () => {
  test.each([
    ["query inside the value", "サンプル", "サンプル商事", 0.75],
    ["value inside the query", "サンプル商事", "サンプル", 0.75],
    ["overlap without containment is no match", "サンプル商事", "商事サービス", 0],
    ["empty query", "", "サンプル", 0],
  ])("%s", (_rule, query, value, expected) => {
    expect(containmentScore(query, value)).toBeCloseTo(expected, 10);
  });
});
