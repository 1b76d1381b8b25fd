/**
 * Readings added while studying the gatherJJ / gatherKK batches, each checked on examples of our own (not the corpus
 * pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { contextSignals, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);
const entities = (text: string) => triage(text).entities;

describe('a client regression outweighs a bearer token merely being set', () => {
  const regression =
    'Since updating the extension, every request fails with 403 "Authorization header is missing" although ' +
    'AWS_BEARER_TOKEN_BEDROCK is exported. Rolling back to the previous version makes it work again.';

  it('reads "rolled back to the previous version" as a regression and puts the client first', () => {
    expect(contextSignals(regression)).toEqual(expect.arrayContaining(['client_regression', 'bearer_token_present']));
    const causes = ids(regression);
    expect(causes[0]).toBe('unknown');
    expect(causes.slice(0, 2)).toContain('bedrock_api_key');
  });

  it('still blames the key when nothing says the client changed', () => {
    const text = 'AWS_BEARER_TOKEN_BEDROCK is set but Bedrock answers 403 "Authorization header is missing".';
    expect(contextSignals(text)).not.toContain('client_regression');
    expect(ids(text)[0]).toBe('bedrock_api_key');
  });

  it('reads "broke in 3.4.0" and "after moving to v2.1" as regressions, not "moving to us-west-2"', () => {
    const sig = 'SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.';
    expect(contextSignals(`${sig} This broke in 3.4.0 of the plugin.`)).toContain('client_regression');
    expect(contextSignals(`${sig} It started after moving to v2.1 of the SDK.`)).toContain('client_regression');
    expect(contextSignals(`${sig} It started after moving to us-west-2.`)).not.toContain('client_regression');
  });
});

describe('the HTTP status in more print shapes', () => {
  it("reads Elixir's {:http_error, 403, body} tuple", () => {
    const text =
      '{:error, {:http_error, 403, "<?xml version=\\"1.0\\"?><ErrorResponse><Error><Code>InvalidClientTokenId</Code>' +
      '<Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>"}}';
    expect(entities(text).httpStatus).toBe(403);
  });

  it('reads a status followed by its quoted message, not a quoted number of something else', () => {
    expect(entities('requests fail with a 403 "Authorization header is missing" error').httpStatus).toBe(403);
    expect(entities('uploaded 403 "Invoices" to the bucket').httpStatus).toBeUndefined();
  });
});

describe('a model id that the error itself names as missing, from any provider', () => {
  it("keeps OpenAI's and Codex's model names as printed", () => {
    const openai =
      '{"error": {"message": "The model `o9-mini-2031-01-01` does not exist or you do not have access to it.", ' +
      '"type": "invalid_request_error", "code": "model_not_found"}}';
    expect(entities(openai).modelId).toBe('o9-mini-2031-01-01');
    const codex =
      "There's an issue with the selected model (gpt-9.1). It may not exist or you may not have access to it.";
    expect(entities(codex).modelId).toBe('gpt-9.1');
  });

  it('takes no word for a model ("model is not found") and prefers a Bedrock id in the same text', () => {
    expect(entities('Error: model is not found').modelId).toBeUndefined();
    const both =
      'ValidationException: The provided model identifier is invalid. modelId="anthropic.claude-9-v1:0"; ' +
      'fallback model gpt-4o-mini not found';
    expect(entities(both).modelId).toBe('anthropic.claude-9-v1:0');
  });
});

describe('an error code slot followed by prose, and blank log lines', () => {
  const prose =
    'Actual Error Code:\n\nUnable to locate credentials. You can configure credentials by running "aws configure".';

  it('takes no word of a sentence for an error code, and still reads a real one in that slot', () => {
    expect(entities(prose).errorCode).toBeUndefined();
    expect(entities('Status Code: 403; Error Code: AccessDenied; Request ID: 7C1E').errorCode).toBe('AccessDenied');
  });

  it('reads the syslog-prefixed paste, blank lines included, as the bare one', () => {
    const syslog = prose
      .split('\n')
      .map((line) => `Nov 30 10:11:12 ip-10-0-0-1 node[1234]: ${line}`)
      .join('\n');
    expect(entities(syslog)).toEqual(entities(prose));
    expect(ids(syslog)).toEqual(ids(prose));
  });
});
