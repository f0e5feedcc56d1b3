import type { Comparison } from "./lexer.ts";

export type { Comparison };

/** A function argument is kept raw (`5`, `-3`, `DAYS`, `LAST`, or a quoted string): the function checks it. */
export interface FunctionArg {
  kind: "word" | "string";
  text: string;
}

export type Value =
  | { kind: "string"; text: string }
  /** A bare number. kintone's docs quote every value; bare numbers are accepted as the same text. */
  | { kind: "number"; text: string }
  | { kind: "function"; name: string; args: FunctionArg[] };

export type Condition =
  | { kind: "compare"; field: string; op: Comparison; value: Value }
  | { kind: "in"; field: string; negated: boolean; values: Value[] }
  | { kind: "like"; field: string; negated: boolean; value: Value }
  | { kind: "empty"; field: string; negated: boolean };

export type Expr = Condition | { kind: "and"; items: Expr[] } | { kind: "or"; items: Expr[] };

export interface OrderKey {
  field: string;
  direction: "asc" | "desc";
}

export interface QueryAst {
  where: Expr | null;
  orderBy: OrderKey[];
  limit: number | null;
  offset: number | null;
}

/** The operator as kintone spells it in GAIA_IQ03 messages and in the operator table. */
export function operatorOf(c: Condition): string {
  switch (c.kind) {
    case "compare":
      return c.op;
    case "in":
      return c.negated ? "not in" : "in";
    case "like":
      return c.negated ? "not like" : "like";
    case "empty":
      return c.negated ? "is not empty" : "is empty";
  }
}
