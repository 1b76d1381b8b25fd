/**
 * manifest.yml: one paste creates a working app. Checked against the ids the code answers to, the scopes the code
 * needs, and the manifest schema's limits and allowed keys (slack-facts section 7).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BOT_DISPLAY_NAME } from '../../src/slack/blocks/notices.js';
import { DIAGNOSE_SHORTCUT, SLASH_COMMAND } from '../../src/slack/ids.js';

type Json = Record<string, unknown>;
const source = readFileSync('manifest.yml', 'utf8');
const manifest = parse(source) as Json;
const get = (path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Json | undefined)?.[key], manifest);

function keysOf(path: string): string[] {
  return Object.keys((get(path) ?? {}) as Json);
}

describe('manifest.yml', () => {
  it('declares the slash command and message shortcut the listeners answer to', () => {
    const commands = get('features.slash_commands') as Json[];
    expect(commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    const shortcuts = get('features.shortcuts') as Json[];
    expect(shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: DIAGNOSE_SHORTCUT, name: 'Diagnose Bedrock 403' }),
    ]);
    expect(get('features.bot_user.display_name')).toBe(BOT_DISPLAY_NAME);
  });

  it('asks for exactly the scopes the app uses, with the events that need them', () => {
    expect(new Set(get('oauth_config.scopes.bot') as string[])).toEqual(
      new Set([
        'commands',
        'chat:write',
        'channels:history',
        'groups:history',
        'im:history',
        'app_mentions:read',
        'usergroups:read',
      ]),
    );
    expect(get('settings.event_subscriptions.bot_events')).toEqual([
      'message.channels',
      'message.groups',
      'message.im',
      'app_mention',
    ]);
    expect(get('settings.interactivity.is_enabled')).toBe(true);
  });

  it('runs in Socket Mode as shipped, and documents the HTTP variant with /slack/events', () => {
    expect(get('settings.socket_mode_enabled')).toBe(true);
    expect(source.match(/# (url|request_url): https:\/\/HOST\/slack\/events/g)).toHaveLength(3);
    const http = parse(
      source
        .replace(/# (url|request_url): /g, '$1: ')
        .replace('socket_mode_enabled: true', 'socket_mode_enabled: false'),
    ) as Json;
    const settings = http.settings as Json;
    expect((settings.event_subscriptions as Json).request_url).toBe('https://HOST/slack/events');
    expect((settings.interactivity as Json).request_url).toBe('https://HOST/slack/events');
    expect(((http.features as Json).slash_commands as Json[])[0]?.url).toBe('https://HOST/slack/events');
  });

  it('stays within the schema limits', () => {
    const name = get('display_information.name') as string;
    expect(name.length).toBeLessThanOrEqual(35);
    expect((get('display_information.description') as string).length).toBeLessThanOrEqual(140);
    const long = get('display_information.long_description') as string;
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(get('display_information.background_color')).toMatch(/^#[0-9a-f]{3}([0-9a-f]{3})?$/i);
    expect(get('features.bot_user.display_name')).toMatch(/^[a-z0-9._-]{1,80}$/);
    const command = (get('features.slash_commands') as Json[])[0] as Json;
    expect((command.command as string).length).toBeLessThanOrEqual(32);
    expect((command.usage_hint as string).length).toBeLessThanOrEqual(1000);
    const shortcut = (get('features.shortcuts') as Json[])[0] as Json;
    expect((shortcut.name as string).length).toBeLessThanOrEqual(24);
    expect((shortcut.description as string).length).toBeLessThanOrEqual(150);
  });

  it('uses only keys the manifest schema allows (its objects reject unknown keys)', () => {
    const allowed: Record<string, string[]> = {
      '': ['_metadata', 'display_information', 'features', 'oauth_config', 'settings'],
      _metadata: ['major_version', 'minor_version'],
      display_information: ['name', 'description', 'long_description', 'background_color'],
      features: ['app_home', 'bot_user', 'slash_commands', 'shortcuts', 'unfurl_domains', 'workflow_steps'],
      'features.app_home': ['home_tab_enabled', 'messages_tab_enabled', 'messages_tab_read_only_enabled'],
      'features.bot_user': ['display_name', 'always_online'],
      oauth_config: ['scopes', 'redirect_urls'],
      'oauth_config.scopes': ['bot', 'user'],
      settings: [
        'event_subscriptions',
        'interactivity',
        'org_deploy_enabled',
        'socket_mode_enabled',
        'token_rotation_enabled',
        'allowed_ip_address_ranges',
      ],
      'settings.event_subscriptions': ['request_url', 'bot_events', 'user_events'],
      'settings.interactivity': ['is_enabled', 'request_url', 'message_menu_options_url'],
    };
    for (const [path, keys] of Object.entries(allowed)) {
      const present = path === '' ? Object.keys(manifest) : keysOf(path);
      expect(
        present.filter((k) => !keys.includes(k)),
        path || '(top)',
      ).toEqual([]);
    }
    for (const command of get('features.slash_commands') as Json[]) {
      expect(
        Object.keys(command).filter(
          (k) => !['command', 'url', 'description', 'usage_hint', 'should_escape'].includes(k),
        ),
      ).toEqual([]);
    }
    for (const shortcut of get('features.shortcuts') as Json[]) {
      expect(Object.keys(shortcut).sort()).toEqual(['callback_id', 'description', 'name', 'type']);
    }
  });
});
