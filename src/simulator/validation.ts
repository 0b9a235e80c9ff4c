import type { z } from 'zod';

/**
 * Turns zod issues into the field-and-sentence form vendors use in their 400/422 bodies
 * ("availability must be one of the following values: available, unavailable"). Each vendor app wraps
 * these in its own error shape; the wording is shared so tests can match on it across vendors.
 */
export interface FieldIssue {
  /** Dotted path of the offending field in the request body; empty for the body itself. */
  readonly field: string;
  readonly message: string;
}

export function describeIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const field = issue.path.map(String).join('.');
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ field: field ? `${field}.${key}` : key, message: `property ${key} should not exist` }));
      case 'invalid_value':
        return [{ field, message: `${field} must be one of the following values: ${issue.values.map(String).join(', ')}` }];
      case 'invalid_type':
        return [{ field, message: `${field || 'body'} must be ${article(issue.expected)}` }];
      case 'invalid_format':
        return [{ field, message: `${field} must be a valid ${issue.format}` }];
      default:
        return [{ field, message: `${field} ${issue.message}`.trim() }];
    }
  });
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
