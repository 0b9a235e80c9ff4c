import {
  GraphQLError, getNamedType, isInputObjectType, isListType, isNonNullType, Kind, TypeInfo, typeFromAST, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode, type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Lengths of string inputs, in literals and variables alike, checked before execution (so before
 * any vendor call): per field where a vendor's field is short, else per scalar, else a ceiling for any
 * string. A 95 KB "email" is refused here with BAD_USER_INPUT instead of reaching a vendor's URL.
 */

/** By input field or argument name. */
export const FIELD_MAX_LENGTH: Readonly<Record<string, number>> = {
  firstName: 100,
  lastName: 100,
  username: 100,
  jobTitle: 200,
  extension: 20,
  predictiveDynamicExtension: 20,
  sipUri: 255,
  registrationPassword: 128,
  statusMessage: 200,
  message: 200,
  provider: 100,
  defaultOutboundNumber: 32,
  search: 200,
  after: 200,
  before: 200,
  idempotencyKey: 200,
  // Vendor ids: 24 hex (Rinkel), up to 20 digits (Dialpad, CommPeak), IMIchat's ids; 64 leaves room.
  vendorUserId: 64,
  officeId: 64,
  companyId: 64,
};

/** By scalar: RFC 5321's 254 for an address; a global id is base64 of `User:<vendor>:<vendor id>`. */
export const SCALAR_MAX_LENGTH: Readonly<Record<string, number>> = { EmailAddress: 254, ID: 128, URL: 2048, Locale: 35, PhoneNumber: 16 };
/** Any other string. */
export const STRING_MAX_LENGTH = 1000;

function limitOf(field: string, type: string): number {
  return FIELD_MAX_LENGTH[field] ?? SCALAR_MAX_LENGTH[type] ?? STRING_MAX_LENGTH;
}

function tooLong(field: string, limit: number, length: number): GraphQLError {
  return new GraphQLError(`\`${field}\` may be at most ${limit} characters, got ${length}.`, { extensions: { code: 'BAD_USER_INPUT', argument: field, http: { status: 400 } } });
}

interface LiteralScan {
  /** The first literal over its limit. */
  readonly error: GraphQLError | null;
  /** The argument or input field each variable stands for (the one with the smallest limit): a variable is held to its use's limit. */
  readonly uses: ReadonlyMap<string, { name: string; limit: number }>;
}

/** Per parsed document: Yoga caches documents, so a repeated query is scanned once. */
const scans = new WeakMap<DocumentNode, LiteralScan>();

function scanLiterals(schema: GraphQLSchema, document: DocumentNode): LiteralScan {
  const cached = scans.get(document);
  if (cached) return cached;
  let error: GraphQLError | null = null;
  const uses = new Map<string, { name: string; limit: number }>();
  const typeInfo = new TypeInfo(schema);
  const inspect = (name: string, value: ValueNode): void => {
    const type = typeInfo.getInputType();
    if (!type) return;
    const limit = limitOf(name, getNamedType(type).name);
    if (value.kind === Kind.VARIABLE) {
      const previous = uses.get(value.name.value);
      if (!previous || limit < previous.limit) uses.set(value.name.value, { name, limit });
    }
    const strings = value.kind === Kind.STRING ? [value] : value.kind === Kind.LIST ? value.values.filter((item) => item.kind === Kind.STRING) : [];
    for (const string of strings) if (!error && string.value.length > limit) error = tooLong(name, limit, string.value.length);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: (node) => inspect(node.name.value, node.value),
      ObjectField: (node) => inspect(node.name.value, node.value),
    }),
  );
  const scan = { error, uses };
  scans.set(document, scan);
  return scan;
}

/** The first string input over its limit in the operation, literals and variables. */
export function findLongInput(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> | null | undefined): GraphQLError | null {
  const { error, uses } = scanLiterals(schema, document);
  if (error || !variables) return error;
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName));
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    const found = type && Object.hasOwn(variables, name) ? walk(uses.get(name)?.name ?? name, type, variables[name], 0) : null;
    if (found) return found;
  }
  return null;
}

/** A variable's value against its type: strings by the field holding them, input objects field by field. */
function walk(field: string, type: GraphQLInputType, value: unknown, depth: number): GraphQLError | null {
  if (value === null || value === undefined || depth > 32) return null;
  if (isNonNullType(type)) return walk(field, type.ofType, value, depth);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      const error = walk(field, type.ofType as GraphQLInputType, item, depth + 1);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return null;
    const fields = type.getFields();
    for (const [name, inner] of Object.entries(value)) {
      const definition = Object.hasOwn(fields, name) ? fields[name] : undefined;
      const error = definition ? walk(name, definition.type, inner, depth + 1) : null;
      if (error) return error;
    }
    return null;
  }
  if (typeof value !== 'string') return null;
  const limit = limitOf(field, type.name);
  return value.length > limit ? tooLong(field, limit, value.length) : null;
}

/** Refuses, before execution, any request with a string input over its length. */
export function useInputLimits(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = findLongInput(args.schema, args.document, args.operationName, args.variableValues as Record<string, unknown> | null | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
