import { describe, expect, it } from 'vitest';
import { validHost } from './target.js';

describe('validHost', () => {
  it.each(['localhost', 'localhost:4000', '127.0.0.1', '[::1]', '[::1]:8080', 'Example.COM.', 'a-b.example:0', 'example.com:', 'xn--bcher-kva.example'])('accepts %s', (host) => {
    expect(validHost(host)).toBe(true);
  });
  it.each(['', '[::1', '::1]', '[::1]x', '[zz::1]', 'evil.example:99999', 'evil.example:-1', 'evil.example:8o', 'exa mple', 'ex/ample', 'a@b', 'ex%zzample', 'x'.repeat(300), 'a:1:2'])('refuses %j', (host) => {
    expect(validHost(host)).toBe(false);
  });
});
