/** The modal that asks for the account when a shortcut's message names none. */
import type { types } from '@slack/bolt';
import type { Target } from '../../report.js';
import { encodeModalContext, type ModalContext } from '../action-values.js';
import { ACCOUNT_MODAL } from '../ids.js';
import { context, LIMITS, plainText, safe } from './limits.js';

export interface AccountModalInput {
  ctx: ModalContext;
  /** Known aliases, shown as a hint (at most a few). */
  aliases?: readonly string[];
}

function textInput(
  blockId: string,
  actionId: string,
  label: string,
  placeholder: string,
  optional: boolean,
  initial?: string,
): types.InputBlock {
  const element: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: actionId,
    placeholder: plainText(placeholder, LIMITS.inputPlaceholder),
  };
  if (initial) element.initial_value = initial.slice(0, LIMITS.inputInitialValue);
  return { type: 'input', block_id: blockId, optional, label: plainText(label, LIMITS.inputLabel), element };
}

export function buildAccountModal(input: AccountModalInput): types.ModalView {
  const known: Omit<Target, 'accountId'> = input.ctx.known;
  const aliases = (input.aliases ?? []).slice(0, 10);
  const blocks: types.KnownBlock[] = [
    context(
      'The message does not say which AWS account the key belongs to. Name it and I will run a read-only check and post the result in the thread.',
    ),
    textInput(
      ACCOUNT_MODAL.accountBlock,
      ACCOUNT_MODAL.accountInput,
      'AWS account id or alias',
      aliases.length > 0 ? `e.g. 111111111111 or ${aliases[0]}` : 'e.g. 111111111111',
      false,
    ),
    textInput(
      ACCOUNT_MODAL.keyBlock,
      ACCOUNT_MODAL.keyInput,
      'Access key id',
      'AKIA… (never the secret)',
      true,
      known.accessKeyId,
    ),
    textInput(ACCOUNT_MODAL.regionBlock, ACCOUNT_MODAL.regionInput, 'Region', 'e.g. us-east-1', true, known.region),
    textInput(
      ACCOUNT_MODAL.modelBlock,
      ACCOUNT_MODAL.modelInput,
      'Model id',
      'e.g. anthropic.claude-3-5-sonnet-20240620-v1:0',
      true,
      known.modelId,
    ),
  ];
  if (aliases.length > 0) blocks.push(context(`Known aliases: ${aliases.map((a) => `\`${safe(a)}\``).join(', ')}`));
  return {
    type: 'modal',
    callback_id: ACCOUNT_MODAL.callbackId,
    title: plainText('Diagnose Bedrock 403', LIMITS.modalTitle),
    submit: plainText('Run diagnosis', LIMITS.modalButton),
    close: plainText('Cancel', LIMITS.modalButton),
    private_metadata: encodeModalContext(input.ctx),
    blocks,
  };
}
