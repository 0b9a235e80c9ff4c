import { describe, expect, it } from 'vitest';
import { refusalMediaType } from './refusals.js';

describe('refusalMediaType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['*/*', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['APPLICATION/GRAPHQL-RESPONSE+JSON', 'application/graphql-response+json'],
    ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
    ['application/json, application/graphql-response+json', 'application/json'],
    ['application/json;q=0.5, application/graphql-response+json', 'application/graphql-response+json'],
    ['application/graphql-response+json;q=0, application/json', 'application/json'],
    ['application/graphql-response+json, */*;q=0.1', 'application/graphql-response+json'],
    ['text/html', 'application/json'],
    ['application/*', 'application/json'],
    ['application/graphql-response+json;q=abc', 'application/json'],
  ])('answers Accept %j with %s', (accept, expected) => {
    expect(refusalMediaType(accept)).toBe(expected);
  });
});
