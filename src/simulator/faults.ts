import { z } from 'zod';
import type { Random } from './random.js';

/**
 * Fault injection. A simulator holds an ordered list of rules, changed at runtime through the admin
 * endpoint or the programmatic API. For each request, every matching `latency` rule adds its delay;
 * then the first other matching rule whose probability draw succeeds decides the fault, and only that
 * rule's `times` budget is spent, so "503 twice, then normal" is two rules' worth of nothing else.
 */

const common = {
  /** Share of matching requests the rule fires on. */
  probability: z.number().min(0).max(1).default(1),
  /** Fires at most this many times, then stays in the list inert. Absent: unlimited. */
  times: z.number().int().positive().optional(),
  match: z
    .object({
      /** Upper-case HTTP methods, e.g. `["PUT", "PATCH"]` for writes only. */
      methods: z.array(z.string().toUpperCase()).optional(),
      /** The request path must start with this, e.g. `/api/v2/users`. */
      pathPrefix: z.string().optional(),
    })
    .strict()
    .default({}),
};

export const FaultRuleSchema = z.discriminatedUnion('kind', [
  /** Delay before answering: `ms` plus a uniform draw in [0, jitterMs], or log-normal with median `ms` and p99 `ms + jitterMs`. */
  z.object({ kind: z.literal('latency'), ms: z.number().min(0), jitterMs: z.number().min(0).default(0), distribution: z.enum(['uniform', 'lognormal']).default('uniform'), ...common }).strict(),
  /** A 5xx in the vendor's own error shape; the request never reaches the vendor's logic. */
  z.object({ kind: z.literal('status'), status: z.number().int().min(500).max(599), retryAfterSeconds: z.number().int().min(0).optional(), ...common }).strict(),
  /** A 429 in the vendor's own error shape with `Retry-After`. */
  z.object({ kind: z.literal('rate-limit'), retryAfterSeconds: z.number().int().min(0).default(1), ...common }).strict(),
  /** Drops the connection: `before` the vendor logic runs (a write is not applied) or `after` (it is). */
  z.object({ kind: z.literal('reset'), when: z.enum(['before', 'after']).default('before'), ...common }).strict(),
  /** Never answers. */
  z.object({ kind: z.literal('hang'), ...common }).strict(),
  /** Runs the vendor logic, then sends a body that is not JSON. */
  z.object({ kind: z.literal('malformed-json'), ...common }).strict(),
  /** Runs the vendor logic, then sends half the body under the full Content-Length and drops the connection. */
  z.object({ kind: z.literal('truncated-body'), ...common }).strict(),
  /**
   * Runs the vendor logic, then drifts every user record in the answer: one field null, missing, of a
   * wrong type or with an unknown enum value, plus an unknown extra field; `withoutId` of them also lose
   * their id (simulator/drift.ts).
   */
  z.object({ kind: z.literal('drift'), withoutId: z.number().min(0).max(1).default(0), ...common }).strict(),
  /** Runs the vendor logic, then trickles the body out over `ms`. */
  z.object({ kind: z.literal('slow-body'), ms: z.number().min(0), ...common }).strict(),
]);

export type FaultRuleInput = z.input<typeof FaultRuleSchema>;
export type FaultRule = z.output<typeof FaultRuleSchema>;

export interface FaultPlan {
  delayMs: number;
  /** The fault that fired, if any; `reset` with `when: 'after'` and body faults apply after the vendor logic ran. */
  fault?: Exclude<FaultRule, { kind: 'latency' }>;
}

export interface FaultController {
  list(): readonly FaultRule[];
  /** Replaces every rule. Throws a `z.ZodError` naming the bad field; the old rules stay on error. */
  set(rules: readonly FaultRuleInput[]): void;
  add(rule: FaultRuleInput): void;
  clear(): void;
  plan(method: string, path: string): FaultPlan;
}

interface LiveRule {
  rule: FaultRule;
  remaining: number;
}

export function createFaultController(random: Random): FaultController {
  let rules: LiveRule[] = [];
  const live = (rule: FaultRule): LiveRule => ({ rule, remaining: rule.times ?? Infinity });

  return {
    list: () => rules.map(({ rule, remaining }) => (rule.times === undefined ? rule : { ...rule, times: remaining })),
    set: (inputs) => {
      rules = z.array(FaultRuleSchema).parse(inputs).map(live);
    },
    add: (input) => {
      rules.push(live(FaultRuleSchema.parse(input)));
    },
    clear: () => {
      rules = [];
    },
    plan: (method, path) => {
      const plan: FaultPlan = { delayMs: 0 };
      for (const entry of rules) {
        const { rule } = entry;
        if (entry.remaining <= 0 || !matches(rule, method, path)) continue;
        if (rule.kind === 'latency') {
          if (!random.chance(rule.probability)) continue;
          entry.remaining--;
          plan.delayMs += rule.distribution === 'lognormal'
            ? random.logNormal(rule.ms, rule.ms + rule.jitterMs)
            : rule.ms + random.next() * rule.jitterMs;
        } else if (!plan.fault && random.chance(rule.probability)) {
          entry.remaining--;
          plan.fault = rule;
        }
      }
      return plan;
    },
  };
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  const { methods, pathPrefix } = rule.match;
  return (!methods || methods.includes(method)) && (!pathPrefix || path.startsWith(pathPrefix));
}
