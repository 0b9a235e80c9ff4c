import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { EmailAddressResolver } from 'graphql-scalars';

/**
 * A second subgraph for the supergraph examples and tests: a small HR employee directory, written
 * SDL-first with @apollo/subgraph (any Federation v2 library would do). It knows each employee's work
 * address and, for some, the telephony account on their desk; Switchboard knows the accounts. The
 * directory references Switchboard's `Person` by `email` (a stub it cannot resolve itself) and `User`
 * by `id`, and extends `User` with the `employee` sitting at that account.
 */

export interface Employee {
  id: string;
  name: string;
  department: string;
  /** Work address; Switchboard's `Person` is keyed by it. */
  email: string;
  /** Switchboard's global `User.id` of the account on the employee's desk, if any. */
  deskPhoneUserId: string | null;
}

export const DIRECTORY_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  "An email address (RFC 5322); the key field must have Switchboard's type exactly, or composition fails."
  scalar EmailAddress

  "The employee directory."
  type Query {
    "Everyone, by employee number."
    employees: [Employee!]!
    "One employee by number."
    employee(id: ID!): Employee
  }

  "Someone on the payroll."
  type Employee @key(fields: "id") {
    "Employee number."
    id: ID!
    "Full name."
    name: String!
    "Where they work."
    department: String!
    "Work address."
    email: EmailAddress!
    "The same person in Switchboard, found by work address: their accounts come from Switchboard."
    person: Person!
    "The telephony account on their desk, in Switchboard."
    deskPhone: User
  }

  "A person in Switchboard; this subgraph only names them."
  type Person @key(fields: "email", resolvable: false) {
    "The address Switchboard finds the person by."
    email: EmailAddress!
  }

  "A telephony account in Switchboard; the directory adds who sits at it."
  type User @key(fields: "id") {
    "Switchboard's global id of the account."
    id: ID!
    "The employee with this account on their desk; null for any other account."
    employee: Employee
  }
`;

export function createDirectorySchema(employees: readonly Employee[]): GraphQLSchema {
  const byId = (id: string) => employees.find((employee) => employee.id === id) ?? null;
  return buildSubgraphSchema({
    typeDefs: parse(DIRECTORY_SDL),
    resolvers: {
      EmailAddress: EmailAddressResolver,
      Query: {
        employees: () => employees,
        employee: (_: unknown, { id }: { id: string }) => byId(id),
      },
      Employee: {
        __resolveReference: ({ id }: { id: string }) => byId(id),
        person: (employee: Employee) => ({ email: employee.email }),
        deskPhone: (employee: Employee) => (employee.deskPhoneUserId ? { id: employee.deskPhoneUserId } : null),
      },
      User: {
        employee: ({ id }: { id: string }) => employees.find((employee) => employee.deskPhoneUserId === id) ?? null,
      },
    },
  });
}

/**
 * Employees matching Switchboard's sandbox (`npm start`, seed 1): Ruben has accounts in all four
 * vendors, Pieter in three; Ruben's desk phone is his Rinkel account.
 */
export const SANDBOX_EMPLOYEES: readonly Employee[] = [
  { id: 'E-001', name: 'Ruben de Vries', department: 'Support', email: 'ruben.devries.11@example.com', deskPhoneUserId: 'VXNlcjpyaW5rZWw6NjU5YjM2NTgyMDQ3N2M4YjA1MGU4OGIy' },
  { id: 'E-002', name: 'Pieter Lindqvist', department: 'Sales', email: 'pieter.lindqvist.13@example.com', deskPhoneUserId: null },
];
