import { GraphQLError, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValidationRule, type ValueNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../listing.js';

/**
 * The vendor-call budget, weighed before anything runs: the most vendor calls a document can cause,
 * from what it names (each account read, each `nodes` id, each `users` page slot, each email lookup
 * per enabled vendor, each write), summed over aliases and fragments. Above `maxCalls` the request is
 * refused with QUERY_TOO_COMPLEX: at validation from the document's literals (cached with the
 * document), and again before execution with the variables, which validation never sees. The count is
 * of first attempts; retries are charged at run time by the tally in resilience/request-calls.ts,
 * whose budget is the same number.
 */

/** Calls per thing a document names. A write reads the account, then writes it. */
export const CALLS_PER = { read: 1, write: 2 } as const;

export interface CountOptions {
  /** Accounts behind an email: one lookup per enabled vendor. */
  enabledVendors: number;
  /** The operation that will run; without it, the costliest in the document. */
  operationName?: string | null;
  /** Raw variables; without them a list given by a variable counts its default, or nothing. */
  variables?: Readonly<Record<string, unknown>> | null;
}

/** The most vendor calls `document` can cause (first attempts). */
export function countVendorCalls(document: DocumentNode, { enabledVendors, operationName, variables }: CountOptions): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName)) operations.push(definition);
  }
  let most = 0;
  for (const operation of operations) {
    const values: Record<string, unknown> = {};
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      if (variables && Object.hasOwn(variables, name)) values[name] = variables[name];
      else if (definition.defaultValue) values[name] = literal(definition.defaultValue, {});
    }
    most = Math.max(most, countSelections(operation.selectionSet, fragments, values, enabledVendors, new Set()));
  }
  return most;
}

function countSelections(set: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Record<string, unknown>, vendors: number, spreading: ReadonlySet<string>): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) total += countField(selection, variables, vendors);
    else if (selection.kind === Kind.INLINE_FRAGMENT) total += countSelections(selection.selectionSet, fragments, variables, vendors, spreading);
    else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment cycle is a validation error of its own; here it must only not loop.
      if (fragment && !spreading.has(name)) total += countSelections(fragment.selectionSet, fragments, variables, vendors, new Set([...spreading, name]));
    }
  }
  return total;
}

/** Root fields only: no type below Query or Mutation reads accounts one by one. */
function countField(field: FieldNode, variables: Record<string, unknown>, vendors: number): number {
  const arg = (name: string): unknown => {
    const node = field.arguments?.find((argument) => argument.name.value === name);
    return node ? literal(node.value, variables) : undefined;
  };
  switch (field.name.value) {
    case 'node':
    case 'user':
    case 'userByVendorId':
      return CALLS_PER.read;
    case 'nodes':
      return CALLS_PER.read * listLength(arg('ids'));
    case 'users': {
      const size = [arg('first'), arg('last')].find((value) => typeof value === 'number');
      // Over MAX_PAGE_SIZE is refused (BAD_USER_INPUT) before any call, so it weighs no more than the largest page.
      return CALLS_PER.read * Math.min(MAX_PAGE_SIZE, Math.max(0, typeof size === 'number' ? size : DEFAULT_PAGE_SIZE));
    }
    case 'usersByEmail':
      return CALLS_PER.read * vendors;
    case 'updateUser':
      return CALLS_PER.write;
    case 'updateUsers':
      return CALLS_PER.write * listLength(arg('inputs'));
    case 'updateUsersByEmail':
      return CALLS_PER.read * vendors + CALLS_PER.write * vendors;
    case '_entities': {
      // Federation (schema/federation.ts): a User representation is one read, a Person one lookup per vendor.
      const representations = arg('representations');
      const list = Array.isArray(representations) ? representations : representations === undefined || representations === null ? [] : [representations];
      return list.reduce<number>((sum, item) => sum + (isPerson(item) ? CALLS_PER.read * vendors : CALLS_PER.read), 0);
    }
    default:
      return 0;
  }
}

function isPerson(representation: unknown): boolean {
  return typeof representation === 'object' && representation !== null && (representation as { __typename?: unknown }).__typename === 'Person';
}

/** GraphQL's input coercion makes a single value a list of one. */
function listLength(value: unknown): number {
  return Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : 1;
}

/** A literal's value, enough for counting: lists, numbers and variables. */
function literal(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.LIST:
      return node.values.map((value) => literal(value, variables));
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.NULL:
      return null;
    case Kind.STRING:
      return node.value;
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literal(field.value, variables)]));
    default:
      return true;
  }
}

function tooMany(count: number, max: number): GraphQLError {
  return new GraphQLError(`This request could make ${count} vendor calls; at most ${max} are allowed in one request. Split it into smaller requests.`, {
    extensions: { code: 'QUERY_TOO_COMPLEX', vendorCalls: count, maxVendorCalls: max, http: { status: 400 } },
  });
}

export interface VendorCallBudgetOptions {
  /** Most vendor calls one request may cause. @default 200 */
  maxCalls?: number;
  /** Vendors enabled (email lookups ask each of them). @default 4 */
  enabledVendors?: number;
}

export function useVendorCallBudget({ maxCalls = 200, enabledVendors = 4 }: VendorCallBudgetOptions = {}): Plugin {
  const VendorCallBudget: ValidationRule = (context) => ({
    Document: {
      leave(document) {
        const count = countVendorCalls(document, { enabledVendors });
        if (count > maxCalls) context.reportError(tooMany(count, maxCalls));
      },
    },
  });
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(VendorCallBudget);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const count = countVendorCalls(args.document, { enabledVendors, operationName: args.operationName, variables: args.variableValues as Record<string, unknown> | null | undefined });
      if (count > maxCalls) setResultAndStopExecution({ errors: [tooMany(count, maxCalls)] });
    },
  };
}
