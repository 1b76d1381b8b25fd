import { RespondError } from '@slack/bolt';
import { describe, expect, it, vi } from 'vitest';
import type { SlackClient } from '../../src/slack/reply.js';
import { postWithFallback, slackErrorCode, updateSafely } from '../../src/slack/reply.js';
import { capturingLogger, fakeClient, platformError } from './helpers/fakes.js';

const message = {
  text: 'hello',
  blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'hello' } }],
};

function route(overrides: Record<string, unknown> = {}) {
  const client = fakeClient();
  const { logger, lines } = capturingLogger();
  return {
    client,
    lines,
    route: { client: client as unknown as SlackClient, channel: 'C1', threadTs: '1.000001', logger, ...overrides },
  };
}

describe('slackErrorCode', () => {
  it('names platform errors, rate limits, HTTP errors and expired response URLs', () => {
    expect(slackErrorCode(platformError('not_in_channel'))).toBe('not_in_channel');
    expect(slackErrorCode({ code: 'slack_webapi_rate_limited_error' })).toBe('ratelimited');
    expect(slackErrorCode({ code: 'slack_webapi_http_error', statusCode: 503 })).toBe('http_503');
    expect(slackErrorCode(new RespondError('gone', 404))).toBe('response_url_404');
    expect(slackErrorCode(new Error('x'))).toBe('unexpected_error');
  });
});

describe('postWithFallback', () => {
  it('posts in the thread when it can', async () => {
    const { client, route: r } = route();
    await expect(postWithFallback(r, message, 'reply')).resolves.toEqual({ via: 'channel', ts: '1700000000.000001' });
    expect(client.chat.postMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        channel: 'C1',
        thread_ts: '1.000001',
        text: 'hello',
        blocks: message.blocks,
        unfurl_links: false,
      }),
    );
  });

  it('not in the channel: answers through response_url with how to invite the bot, and logs the code', async () => {
    const respond = vi.fn(async () => new Response());
    const { client, lines, route: r } = route({ respond, botUserId: 'U0BOT', userId: 'U1' });
    client.chat.postMessage.mockRejectedValueOnce(platformError('not_in_channel'));
    await expect(postWithFallback(r, message, 'reply')).resolves.toEqual({ via: 'response_url' });
    const sent = (respond.mock.calls[0] as unknown[])[0] as { response_type: string; blocks: unknown[] };
    expect(sent.response_type).toBe('ephemeral');
    expect(JSON.stringify(sent.blocks)).toMatch(/\/invite @bedrock-403/);
    expect(JSON.stringify(sent.blocks)).toContain('hello');
    expect(client.chat.postEphemeral).not.toHaveBeenCalled();
    expect(lines.join('')).toMatch(/not_in_channel/);
  });

  it('rate limited with an expired response_url: falls back to an ephemeral message', async () => {
    const respond = vi.fn(async () => {
      throw new RespondError('expired', 404);
    });
    const { client, lines, route: r } = route({ respond, userId: 'U1' });
    client.chat.postMessage.mockRejectedValueOnce({ code: 'slack_webapi_rate_limited_error' });
    await expect(postWithFallback(r, message, 'reply')).resolves.toEqual({ via: 'ephemeral' });
    expect(client.chat.postEphemeral).toHaveBeenCalledWith(
      expect.objectContaining({ channel: 'C1', user: 'U1', text: 'hello' }),
    );
    expect(lines.join('')).toMatch(/ratelimited/);
    expect(lines.join('')).toMatch(/response_url_404/);
  });

  it('rejected blocks: retries as text only', async () => {
    const { client, route: r } = route();
    client.chat.postMessage.mockRejectedValueOnce(platformError('invalid_blocks'));
    await expect(postWithFallback(r, message, 'reply')).resolves.toMatchObject({ via: 'channel' });
    expect(client.chat.postMessage).toHaveBeenLastCalledWith(
      expect.not.objectContaining({ blocks: expect.anything() }),
    );
  });

  it('everything fails: returns none and logs an error, never throws', async () => {
    const { client, lines, route: r } = route({ userId: 'U1' });
    client.chat.postMessage.mockRejectedValue(platformError('is_archived'));
    await expect(postWithFallback(r, message, 'reply')).resolves.toEqual({ via: 'none', code: 'is_archived' });
    expect(lines.some((l) => l.includes('"level":50') && l.includes('could not deliver'))).toBe(true);
  });
});

describe('updateSafely', () => {
  it('reports failure instead of throwing', async () => {
    const { client, route: r } = route();
    client.chat.update.mockRejectedValueOnce(platformError('message_not_found'));
    await expect(updateSafely(r.client, 'C1', '1.1', message, r.logger, 'x')).resolves.toBe(false);
    await expect(updateSafely(r.client, 'C1', '1.1', message, r.logger, 'x')).resolves.toBe(true);
  });
});
