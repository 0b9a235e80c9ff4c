import {
  GraphQLError, getNamedType, isInputObjectType, isListType, isNonNullType, Kind, TypeInfo, typeFromAST, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode,
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

/** The first string input over its limit in the operation, literals and variables. */
export function findLongInput(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> | null | undefined): GraphQLError | null {
  let found: GraphQLError | null = null;
  const typeInfo = new TypeInfo(schema);
  /** The argument or input field each variable stands for: a variable is held to its use's limit. */
  const uses = new Map<string, string>();
  const use = (variable: string, name: string, type: GraphQLInputType | null | undefined): void => {
    const previous = uses.get(variable);
    if (!type) return;
    if (previous === undefined || limitOf(name, getNamedType(type).name) < limitOf(previous, '')) uses.set(variable, name);
  };
  const check = (name: string, type: GraphQLInputType | null | undefined, value: string): void => {
    if (found || !type) return;
    const limit = limitOf(name, getNamedType(type).name);
    if (value.length > limit) found = tooLong(name, limit, value.length);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        if (node.value.kind === Kind.VARIABLE) use(node.value.name.value, node.name.value, typeInfo.getInputType());
        if (node.value.kind === Kind.STRING) check(node.name.value, typeInfo.getInputType(), node.value.value);
        else if (node.value.kind === Kind.LIST) for (const item of node.value.values) if (item.kind === Kind.STRING) check(node.name.value, typeInfo.getInputType(), item.value);
      },
      ObjectField(node) {
        if (node.value.kind === Kind.VARIABLE) use(node.value.name.value, node.name.value, typeInfo.getInputType());
        if (node.value.kind === Kind.STRING) check(node.name.value, typeInfo.getInputType(), node.value.value);
        else if (node.value.kind === Kind.LIST) for (const item of node.value.values) if (item.kind === Kind.STRING) check(node.name.value, typeInfo.getInputType(), item.value);
      },
    }),
  );
  if (found || !variables) return found;
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName));
  for (const definition of operation?.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (type && Object.hasOwn(variables, name)) found ??= walk(uses.get(name) ?? name, type, variables[name], 0);
  }
  return found;
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
