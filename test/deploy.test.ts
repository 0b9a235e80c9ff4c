import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestApp, type TestApp } from './support/app.js';

// deploy/: every metric an alert rule or a dashboard panel names is one a running gateway exposes.
// (The rules' syntax and behaviour are promtool's to check: see .ci/run.)

interface RuleFile {
  groups: { name: string; rules: { record?: string; alert?: string; expr: string }[] }[];
}
interface Dashboard {
  panels: { title: string; type: string; targets?: { expr: string }[] }[];
  templating: { list: { name: string; definition?: string }[] };
}

const rules = parse(readFileSync('deploy/prometheus/switchboard-alerts.yml', 'utf8')) as RuleFile;
const dashboard = JSON.parse(readFileSync('deploy/grafana/switchboard-dashboard.json', 'utf8')) as Dashboard;

/** Metric names in a PromQL expression: identifiers starting `switchboard_` (recording rules use `switchboard:`). */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b(switchboard_[a-zA-Z0-9_]+)\b/g)].map((match) => match[1] as string);
}

/** Every sample name a scrape can carry, from its `# TYPE` lines (a histogram is `_bucket`, `_sum`, `_count`). */
function exposedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    else if (type === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(`${name}${suffix}`);
    else names.add(name as string);
  }
  return names;
}

let app: TestApp;
let exposed: Set<string>;

beforeAll(async () => {
  app = await startTestApp();
  exposed = exposedNames(await (await fetch(`${app.url}/metrics`)).text());
});
afterAll(() => app.close());

const ruleMetrics = [...new Set(rules.groups.flatMap((group) => group.rules.flatMap((rule) => metricsIn(rule.expr))))].sort();
const panelMetrics = [
  ...new Set([
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricsIn(target.expr))),
    ...dashboard.templating.list.flatMap((variable) => metricsIn(variable.definition ?? '')),
  ]),
].sort();

describe('deploy/', () => {
  it('has alert rules for each failure the runbook covers, and a dashboard with panels', () => {
    const alerts = rules.groups.flatMap((group) => group.rules.flatMap((rule) => (rule.alert ? [rule.alert] : [])));
    expect(alerts).toEqual(expect.arrayContaining(['SwitchboardCircuitOpen', 'SwitchboardQuotaWaitNearDeadline', 'SwitchboardVendorErrorRatio', 'SwitchboardVendorDriftSpike', 'SwitchboardErrorBudgetBurnFast', 'SwitchboardLatencyBudgetBurnFast']));
    expect(dashboard.panels.filter((panel) => panel.type !== 'row').length).toBeGreaterThan(10);
    expect(ruleMetrics.length).toBeGreaterThan(5);
    expect(panelMetrics.length).toBeGreaterThan(10);
  });

  it.each([
    ['alert rules', () => ruleMetrics],
    ['dashboard', () => panelMetrics],
  ])('every metric the %s name is exposed by the gateway', (_what, names) => {
    const missing = names().filter((name) => !exposed.has(name));
    expect(missing).toEqual([]);
  });

  it('watches the drift counter and the entity cache', () => {
    expect(ruleMetrics).toContain('switchboard_vendor_drift_total');
    expect(panelMetrics).toEqual(expect.arrayContaining(['switchboard_vendor_drift_total', 'switchboard_entity_cache_hits_total', 'switchboard_entity_cache_misses_total', 'switchboard_entity_cache_invalidations_total']));
  });
});
