/**
 * Minimal schema checks written from the channels' own documentation, so a payload test fails
 * the way Slack or Teams would refuse the message.
 * - Slack Block Kit (https://api.slack.com/reference/block-kit/blocks): at most 50 blocks; header
 *   text plain_text of at most 150 characters; section text at most 3000, at most 10 fields of at
 *   most 2000 each; context elements text objects; attachment colour a hex colour.
 * - Adaptive Cards (https://adaptivecards.io/explorer): type AdaptiveCard, a version, body
 *   elements of known types; TextBlock text a string and colour one of the named colours; FactSet
 *   facts with title and value; in Teams' `message` envelope with the adaptive content type.
 */
const TEXT_TYPES = new Set(['plain_text', 'mrkdwn']);

export function slackProblems(payload: any): string[] {
  const problems: string[] = [];
  if (typeof payload.text !== 'string' || payload.text === '') problems.push('text: a fallback is required with attachments');
  const attachments = payload.attachments as any[];
  if (!Array.isArray(attachments) || attachments.length !== 1) return [...problems, 'attachments: expected one'];
  const [attachment] = attachments;
  if (!/^#[0-9a-f]{6}$/i.test(attachment.color)) problems.push(`color: ${attachment.color} is no hex colour`);
  const blocks = attachment.blocks as any[];
  if (blocks.length > 50) problems.push(`blocks: ${blocks.length} > 50`);
  blocks.forEach((block, index) => {
    const at = `blocks[${index}]`;
    if (block.type === 'header') {
      if (block.text?.type !== 'plain_text') problems.push(`${at}.text: header text must be plain_text`);
      if ([...(block.text?.text ?? '')].length > 150) problems.push(`${at}.text: header longer than 150`);
    } else if (block.type === 'section') {
      if (block.text === undefined && block.fields === undefined) problems.push(`${at}: section needs text or fields`);
      if (block.text !== undefined && (!TEXT_TYPES.has(block.text.type) || block.text.text.length > 3000 || block.text.text.length < 1)) problems.push(`${at}.text: 1 to 3000 characters`);
      if (block.fields !== undefined) {
        if (block.fields.length > 10) problems.push(`${at}.fields: more than 10`);
        for (const field of block.fields) if (!TEXT_TYPES.has(field.type) || field.text.length > 2000) problems.push(`${at}.fields: a field over 2000`);
      }
    } else if (block.type === 'context') {
      if (!Array.isArray(block.elements) || block.elements.length < 1 || block.elements.length > 10) problems.push(`${at}.elements: 1 to 10`);
      for (const element of block.elements ?? []) if (!TEXT_TYPES.has(element.type) || element.text.length > 3000) problems.push(`${at}.elements: text objects only`);
    } else {
      problems.push(`${at}: unexpected type ${block.type}`);
    }
  });
  return problems;
}

const CARD_ELEMENTS = new Set(['TextBlock', 'FactSet', 'Container', 'ColumnSet', 'Image', 'RichTextBlock']);
const CARD_COLORS = new Set(['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention']);

export function teamsProblems(payload: any): string[] {
  const problems: string[] = [];
  if (payload.type !== 'message') problems.push('type: must be message');
  const attachment = payload.attachments?.[0];
  if (payload.attachments?.length !== 1 || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') problems.push('attachments: one adaptive card');
  const card = attachment?.content ?? {};
  if (card.type !== 'AdaptiveCard') problems.push('content.type: must be AdaptiveCard');
  if (!['1.4', '1.5'].includes(card.version)) problems.push(`content.version: ${card.version}`);
  if (!Array.isArray(card.body) || card.body.length === 0) problems.push('content.body: required');
  (card.body ?? []).forEach((element: any, index: number) => {
    const at = `body[${index}]`;
    if (!CARD_ELEMENTS.has(element.type)) problems.push(`${at}: unknown element ${element.type}`);
    if (element.type === 'TextBlock' && (typeof element.text !== 'string' || element.text === '')) problems.push(`${at}.text: required`);
    if (element.color !== undefined && !CARD_COLORS.has(element.color)) problems.push(`${at}.color: ${element.color}`);
    if (element.type === 'FactSet') for (const fact of element.facts) if (typeof fact.title !== 'string' || typeof fact.value !== 'string') problems.push(`${at}.facts: title and value`);
  });
  for (const action of card.actions ?? []) if (action.type !== 'Action.OpenUrl' || !/^https:\/\//.test(action.url)) problems.push('actions: OpenUrl with an https url');
  return problems;
}
