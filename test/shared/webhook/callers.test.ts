/**
 * Named callers: one credential each, limited to its flows. A caller starts and lists only its
 * own flows, and gets a 401 for another caller's; a flow's own credentials keep working beside them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig } from '../../../shared/config/load.ts';
import { callersOf, credentialsOf, methodsOf, namedCallerKey } from '../../../shared/webhook/callers.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { StaticWebhookSecrets } from '../../../shared/webhook/static-webhook-secrets.ts';
import { bearerPost, bodyOf, signedPost, webhookHarness } from './webhook-test-kit.ts';

const config = parseConfig(`
webhook:
  callers:
    - { name: planning, auth: signature, flows: [load-a, load-b] }
    - { name: reporting, auth: bearer, flows: [report] }
    - { name: orchestrator, auth: signature, flows: "*" }
flows:
  load-a: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, webhook: {} }
  load-b: { flowId: 54d9d784-e574-4160-9f44-6fb95317fecb, webhook: {} }
  report: { flowId: f21bf040-c22b-454e-8561-2115e90aaa55, webhook: {} }
  legacy: { flowId: b4b834b0-1f73-4c8b-aa74-a54610483241, webhook: { auth: [bearer] } }
`, 'callers test config');

const PLANNING = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ORCHESTRATOR = 'Q2hhbmdlTWVQbGVhc2VUaGlzSXNBVGVz';
const REPORTING = 'reporting-token-Zq8Lp3Vn6Wr1Ty4Ux7Ib0';
const LEGACY = 'legacy-token-7Yc3nJ9qLw2Rv8Xk5Pz1Hs4Bt6Dm0Fg';
const secrets = () =>
  new StaticWebhookSecrets({
    [namedCallerKey('planning')]: { signing: PLANNING },
    [namedCallerKey('reporting')]: { token: REPORTING },
    [namedCallerKey('orchestrator')]: { signing: ORCHESTRATOR },
    legacy: { token: LEGACY },
  });
const harness = () => webhookHarness({ config, secrets: secrets() });

afterEach(() => {
  mockClient(SFNClient).restore();
});

describe('Function: callersOf', () => {
  it("lists the named callers of a flow, then the flow's own credentials, and none of another flow", () => {
    // Act
    const ofA = callersOf(config, 'load-a').map((caller) => caller.name);
    const ofLegacy = callersOf(config, 'legacy').map((caller) => `${caller.kind}:${caller.name}`);

    // Assess
    expect(ofA).toEqual(['planning', 'orchestrator']);
    expect(ofLegacy).toEqual(['named:orchestrator', 'flow:legacy']);
    expect(credentialsOf(config, 'report')).toEqual([
      { holder: 'caller:reporting', method: 'bearer' },
      { holder: 'caller:orchestrator', method: 'signature' },
    ]);
    expect(methodsOf(config, 'report')).toEqual(['bearer', 'signature']);
  });
});

describe('Function: handleWebhookRequest › named callers', () => {
  it("starts a flow for a caller that lists it, and refuses with a 401 a caller's credential on another caller's flow", async () => {
    // Prepare
    const { deps, sfn } = harness();

    // Act
    const own = await handleWebhookRequest(signedPost('load-a', {}, { secret: PLANNING, id: 'own-1' }), deps);
    const others = await handleWebhookRequest(signedPost('report', {}, { secret: PLANNING, id: 'other-1' }), deps);
    const tokenOnOthers = await handleWebhookRequest(bearerPost('load-b', {}, REPORTING), deps);

    // Assess
    expect(own.statusCode).toBe(202);
    expect(others.statusCode).toBe(401);
    expect(bodyOf(others)['error']).toBe('invalid_signature');
    expect(tokenOnOthers.statusCode).toBe(401);
    expect(sfn.executions.size).toBe(1);
  });

  it('lets a caller of every flow ("*") start each, and keeps a flow\'s own token working beside it', async () => {
    // Prepare
    const { deps } = harness();

    // Act
    const statuses = [];
    for (const flow of ['load-a', 'load-b', 'report', 'legacy']) {
      statuses.push((await handleWebhookRequest(signedPost(flow, {}, { secret: ORCHESTRATOR, id: `all-${flow}` }), deps)).statusCode);
    }
    const legacy = await handleWebhookRequest(bearerPost('legacy', {}, LEGACY), deps);
    const legacyTokenElsewhere = await handleWebhookRequest(bearerPost('report', {}, LEGACY), deps);

    // Assess
    expect(statuses).toEqual([202, 202, 202, 202]);
    expect(legacy.statusCode).toBe(202);
    expect(legacyTokenElsewhere.statusCode).toBe(401);
  });

  it('takes a rotated caller secret once the secrets port returns it, and refuses the old one', async () => {
    // Prepare
    const rotated = 'whsec_bmV3LXBsYW5uaW5nLXNlY3JldC1rZXktMTIzNA==';
    const before = harness();
    const after = webhookHarness({
      config,
      secrets: new StaticWebhookSecrets({ [namedCallerKey('planning')]: { signing: rotated } }),
    });

    // Act
    const old = await handleWebhookRequest(signedPost('load-a', {}, { secret: PLANNING, id: 'rot-1' }), after.deps);
    const fresh = await handleWebhookRequest(signedPost('load-a', {}, { secret: rotated, id: 'rot-2' }), after.deps);
    const oldBefore = await handleWebhookRequest(signedPost('load-a', {}, { secret: PLANNING, id: 'rot-3' }), before.deps);

    // Assess
    expect(old.statusCode).toBe(401);
    expect(fresh.statusCode).toBe(202);
    expect(oldBefore.statusCode).toBe(202);
  });
});
