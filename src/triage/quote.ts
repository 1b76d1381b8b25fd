/** Short quotes of the text for explanations: the sentence around a match, bounded, on one line. */

const MAX_QUOTE = 200;

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z]/.test(char);
}

/** The message sentence that contains flat[index, index + length): stops at quotes, braces and sentence ends. */
export function sentenceAround(flat: string, index: number, length: number): string {
  let start = index;
  for (let steps = 0; start > 0 && steps < 120; steps++) {
    const char = flat[start - 1];
    if (char === '"' || char === '{' || char === '}' || char === '(' || char === '[' || char === '>') break;
    if (char === "'" && !isLetter(flat[start - 2])) break;
    if (char === ' ' && (flat[start - 2] === ':' || flat[start - 2] === '.')) break;
    start--;
  }
  let end = index + length;
  for (let steps = 0; end < flat.length && steps < MAX_QUOTE; steps++) {
    const char = flat[end];
    if (char === '"' || char === '}' || char === '\\' || char === '<') break;
    if (char === "'" && !isLetter(flat[end + 1])) break;
    if (char === '.' && (end + 1 >= flat.length || flat[end + 1] === ' ' || flat[end + 1] === '"')) {
      end++;
      break;
    }
    end++;
  }
  const quote = flat.slice(start, end).trim();
  return quote.length > MAX_QUOTE ? `${quote.slice(0, MAX_QUOTE - 1)}…` : quote;
}

export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
