import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverWithRetries, attemptDelivery } from '../../../../shared/alerts/delivery/deliver-alert.ts';
import { deliveryUrlProblem } from '../../../../shared/alerts/delivery/endpoint-url.ts';
import { postJson, RESPONSE_MAX_BYTES } from '../../../../shared/alerts/delivery/http-post.ts';
import { deliveryId, generateSigningSecret } from '../../../../shared/alerts/delivery/signing.ts';
import { startReceiver, standardWebhookProblem, type Receiver } from './support/receiver.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"type":"run.failed","timestamp":"2021-05-20T02:14:20.000Z","data":{"flow":"demo-load"}}';
const noSleep = async () => undefined;
let receivers: Receiver[] = [];

async function receiver(...answers: Parameters<typeof startReceiver>[0] & object[]) {
  const started = await startReceiver(answers);
  receivers.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(receivers.map((started) => started.close()));
  receivers = [];
});

describe('Function: attemptDelivery', () => {
  it('signs the body so that an independent Standard Webhooks verifier accepts it', async () => {
    // Prepare
    const hook = await receiver({ status: 204 });
    const id = deliveryId('b1946ac9-2f0f-5d0a-9c3e-1b4e0c9f7a11', 'incident-hook');

    // Act
    const result = await attemptDelivery({ target: { url: hook.url, signingSecret: SECRET }, body: BODY, id });

    // Assess
    expect(result).toEqual({ kind: 'delivered', status: 204 });
    const [request] = hook.received;
    expect(request?.body).toBe(BODY);
    expect(request?.headers['webhook-id']).toBe(id);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(standardWebhookProblem(SECRET, request!.headers, request!.body)).toBeUndefined();
    expect(standardWebhookProblem(generateSigningSecret(), request!.headers, request!.body)).toBe('no matching v1 signature');
    expect(standardWebhookProblem(SECRET, request!.headers, `${BODY} `)).toBe('no matching v1 signature');
  });

  it('is accepted by a receiver using the standardwebhooks library, as docs/alerts.md shows, with the stack\'s secret spelling', async () => {
    // Prepare: the stack stores the value after whsec_; the receiver is given whsec_<value>.
    const hook = await receiver({ status: 204 });
    await attemptDelivery({ target: { url: hook.url, signingSecret: SECRET.slice('whsec_'.length) }, body: BODY, id: 'msg_docs' });
    const [request] = hook.received;

    // Act
    const event = new Webhook(SECRET).verify(request!.body, request!.headers as Record<string, string>);
    const tampered = () => new Webhook(SECRET).verify(request!.body.replace('demo-load', 'other'), request!.headers as Record<string, string>);

    // Assess
    expect(event).toMatchObject({ type: 'run.failed', data: { flow: 'demo-load' } });
    expect(tampered).toThrow(WebhookVerificationError);
  });

  it('derives one stable id per alert and subscriber', () => {
    // Act
    const ids = [deliveryId('m-1', 'a'), deliveryId('m-1', 'a'), deliveryId('m-1', 'b'), deliveryId('m-2', 'a')];

    // Assess
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
  });

  it('sends no signature headers to a chat webhook', async () => {
    // Prepare
    const hook = await receiver({ status: 200 });

    // Act
    await attemptDelivery({ target: { url: hook.url }, body: BODY, id: 'msg_x' });

    // Assess
    expect(hook.received[0]?.headers['webhook-signature']).toBeUndefined();
  });
});

describe('Function: deliverWithRetries', () => {
  it('retries 500 twice with the same webhook-id, then stops at the 200', async () => {
    // Prepare
    const hook = await receiver({ status: 500 }, { status: 500 }, { status: 200 });

    // Act
    const outcome = await deliverWithRetries({ target: { url: hook.url, signingSecret: SECRET }, body: BODY, id: 'msg_stable' }, { sleep: noSleep });

    // Assess
    expect(outcome).toEqual({ result: { kind: 'delivered', status: 200 }, attempts: 3 });
    expect(hook.received.map((request) => request.headers['webhook-id'])).toEqual(['msg_stable', 'msg_stable', 'msg_stable']);
    for (const request of hook.received) expect(standardWebhookProblem(SECRET, request.headers, request.body)).toBeUndefined();
  });

  it.each([400, 401, 404, 410, 422])('does not retry a %i', async (status) => {
    // Prepare
    const hook = await receiver({ status });

    // Act
    const outcome = await deliverWithRetries({ target: { url: hook.url }, body: BODY, id: 'msg_x' }, { sleep: noSleep });

    // Assess
    expect(outcome.result).toMatchObject({ kind: 'rejected', status });
    expect(outcome.attempts).toBe(1);
    expect(hook.received).toHaveLength(1);
  });

  it('retries a 429 and reads its Retry-After', async () => {
    // Prepare
    const hook = await receiver({ status: 429, headers: { 'retry-after': '7' } });

    // Act
    const result = await attemptDelivery({ target: { url: hook.url }, body: BODY, id: 'msg_x' });

    // Assess
    expect(result).toEqual({ kind: 'retry', status: 429, reason: 'answered 429', retryAfterSeconds: 7 });
  });
});

describe('Function: postJson', () => {
  it('gives up on a receiver that does not answer within the timeout, as a retry', async () => {
    // Prepare
    const hook = await receiver({ status: 200, delayMs: 2000 });

    // Act
    const result = await postJson(hook.url, BODY, {}, { timeoutMs: 100 });

    // Assess
    expect(result).toEqual({ kind: 'retry', reason: 'no answer within 100 ms' });
  });

  it('does not follow a redirect to another host, and does follow one on the same origin', async () => {
    // Prepare
    const moved = await receiver({ status: 200 });
    const elsewhere = await receiver({ status: 307, headers: { location: 'https://attacker.example.net/steal' } });
    const samePlace = await receiver({ status: 308, headers: { location: '/moved' } }, { status: 200 });

    // Act
    const refused = await postJson(elsewhere.url, BODY, { 'webhook-signature': 'v1,x' });
    const followed = await postJson(samePlace.url, BODY, {});

    // Assess
    expect(refused).toEqual({ kind: 'rejected', status: 307, reason: 'answered 307, a redirect to another host (attacker.example.net), which is not followed' });
    expect(followed).toEqual({ kind: 'delivered', status: 200 });
    expect(samePlace.received.map((request) => request.path)).toEqual(['/alerts', '/moved']);
    expect(moved.received).toHaveLength(0);
  });

  it('reads at most the response cap of a huge answer', async () => {
    // Prepare
    const hook = await receiver({ status: 200, body: 'x'.repeat(RESPONSE_MAX_BYTES * 20) });

    // Act
    const result = await postJson(hook.url, BODY, {});

    // Assess
    expect(result).toEqual({ kind: 'delivered', status: 200 });
  });

  it('classifies a refused connection as worth a retry', async () => {
    // Prepare
    const hook = await receiver({ status: 200 });
    await hook.close();
    receivers = [];

    // Act
    const result = await postJson(hook.url, BODY, {});

    // Assess
    expect(result).toEqual({ kind: 'retry', reason: 'could not connect (ECONNREFUSED)' });
  });
});

describe('Function: deliveryUrlProblem', () => {
  it.each([
    ['https://hooks.example.com/dataworq', 'aws', undefined],
    ['http://127.0.0.1:9000/alerts', 'local', undefined],
    ['http://localhost:9000/alerts', 'local', undefined],
    ['http://127.0.0.1:9000/alerts', 'aws', 'is a local address (127.0.0.1:9000): only local mode (dwq start) can deliver there; deploy with an https URL'],
    ['http://hooks.example.com/dataworq', 'local', 'must use https (got http); plain http is accepted only for http://127.0.0.1 or http://localhost in local mode'],
    ['https://user:pw@hooks.example.com/', 'aws', 'must not carry a user name or password; put credentials in the receiver, not the URL'],
    ['hooks.example.com', 'aws', "must be a URL such as https://hooks.example.com/dataworq (got 'hooks.example.com')"],
  ] as const)('judges %s in %s mode', (url, scope, problem) => {
    // Act
    const found = deliveryUrlProblem(url, scope);

    // Assess
    expect(found).toBe(problem);
  });
});
