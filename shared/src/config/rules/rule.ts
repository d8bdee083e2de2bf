// One rule: a small unit that reads the (effective) tree and reports positioned diagnostics.
import type { RuleContext } from '../rule-context';

export interface Rule {
  /** The diagnostic codes this rule can report (stable; documented in rules/index.ts). */
  codes: string[];
  check(ctx: RuleContext): void;
}
