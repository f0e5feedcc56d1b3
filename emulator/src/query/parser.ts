import type { Condition, Expr, FunctionArg, OrderKey, QueryAst, Value } from "./ast.ts";
import { syntaxError } from "./errors.ts";
import { lex, type Token } from "./lexer.ts";

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * `[condition] [order by k [asc|desc], ...] [limit n] [offset n]`, clauses in this order only
 * (other orders are CB_VA01 in kintone). Keywords are case-insensitive; `and` binds tighter than `or`.
 */
export function parseQuery(query: string): QueryAst {
  return new Parser(lex(query)).query();
}

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): QueryAst {
    const where = this.startsClause() || this.peek().t === "eof" ? null : this.orExpr();
    const orderBy = this.keyword("order") ? this.orderBy() : [];
    const limit = this.keyword("limit") ? this.count() : null;
    const offset = this.keyword("offset") ? this.count() : null;
    if (this.peek().t !== "eof") throw syntaxError();
    return { where, orderBy, limit, offset };
  }

  /** A query may be only `order by …`/`limit …`/`offset …` (the official client sends `limit 500` alone). */
  private startsClause(): boolean {
    const w = this.word(this.peek());
    if (w === "order") return this.word(this.peek(1)) === "by";
    if (w === "limit" || w === "offset") {
      const next = this.peek(1);
      return next.t === "word" && NUMBER.test(next.v);
    }
    return false;
  }

  private orExpr(): Expr {
    const items = [this.andExpr()];
    while (this.keyword("or")) items.push(this.andExpr());
    return items.length === 1 && items[0] ? items[0] : { kind: "or", items };
  }

  private andExpr(): Expr {
    const items: Expr[] = [];
    do {
      const item = this.primary();
      // Flattening `(a and b) and c` keeps the top-level conjunction visible to the $id planner.
      if (item.kind === "and") items.push(...item.items);
      else items.push(item);
    } while (this.keyword("and"));
    return items.length === 1 && items[0] ? items[0] : { kind: "and", items };
  }

  private primary(): Expr {
    if (this.peek().t === "(") {
      this.pos++;
      const inner = this.orExpr();
      this.expect(")");
      return inner;
    }
    return this.condition();
  }

  private condition(): Condition {
    const field = this.fieldName();
    const t = this.next();
    if (t.t === "op") return { kind: "compare", field, op: t.v, value: this.value() };
    switch (this.word(t)) {
      case "in":
        return { kind: "in", field, negated: false, values: this.list() };
      case "like":
        return { kind: "like", field, negated: false, value: this.value() };
      case "not":
        if (this.keyword("in")) return { kind: "in", field, negated: true, values: this.list() };
        if (this.keyword("like")) return { kind: "like", field, negated: true, value: this.value() };
        throw syntaxError();
      case "is": {
        const negated = this.keyword("not");
        if (!this.keyword("empty")) throw syntaxError();
        return { kind: "empty", field, negated };
      }
      default:
        throw syntaxError();
    }
  }

  private list(): Value[] {
    this.expect("(");
    const values = [this.value()];
    while (this.peek().t === ",") {
      this.pos++;
      values.push(this.value());
    }
    this.expect(")");
    return values;
  }

  private value(): Value {
    const t = this.next();
    if (t.t === "string") return { kind: "string", text: t.v };
    if (t.t !== "word") throw syntaxError();
    if (this.peek().t === "(") return { kind: "function", name: t.v.toUpperCase(), args: this.args() };
    if (NUMBER.test(t.v)) return { kind: "number", text: t.v };
    throw syntaxError();
  }

  private args(): FunctionArg[] {
    this.expect("(");
    const args: FunctionArg[] = [];
    if (this.peek().t === ")") {
      this.pos++;
      return args;
    }
    for (;;) {
      const t = this.next();
      if (t.t === "word") args.push({ kind: "word", text: t.v });
      else if (t.t === "string") args.push({ kind: "string", text: t.v });
      else throw syntaxError();
      const sep = this.next();
      if (sep.t === ")") return args;
      if (sep.t !== ",") throw syntaxError();
    }
  }

  private orderBy(): OrderKey[] {
    if (!this.keyword("by")) throw syntaxError();
    const keys: OrderKey[] = [];
    for (;;) {
      const field = this.fieldName();
      // Without a direction kintone sorts descending (community report, facts §3 [L]), not SQL's asc.
      let direction: "asc" | "desc" = "desc";
      if (this.keyword("asc")) direction = "asc";
      else if (this.keyword("desc")) direction = "desc";
      keys.push({ field, direction });
      if (this.peek().t !== ",") return keys;
      this.pos++;
    }
  }

  /** limit/offset must be non-negative integers; anything else is CB_VA01 (measured for negatives). */
  private count(): number {
    const t = this.next();
    if (t.t !== "word" || !/^\d+$/.test(t.v)) throw syntaxError();
    return Number(t.v);
  }

  private fieldName(): string {
    const t = this.next();
    if (t.t !== "word") throw syntaxError();
    return t.v;
  }

  private keyword(kw: string): boolean {
    if (this.word(this.peek()) !== kw) return false;
    this.pos++;
    return true;
  }

  private word(t: Token): string | null {
    return t.t === "word" ? t.v.toLowerCase() : null;
  }

  private expect(kind: "(" | ")"): void {
    if (this.next().t !== kind) throw syntaxError();
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)] ?? { t: "eof" };
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
}
