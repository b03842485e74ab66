import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  // The dictionary takes ~100 ms to load: once per process, on first use.
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const STOP = new Set(['的', '了', '和', '与', '及', '在', '是', '我', '你', '他', '她', '有', '也', '都', '就', '还', '要', '请', '吗', '呢', '啊', '能', '会', '对', '把', '被', '从', '到', '说', '来电', '来电人', '反映', '诉求']);

/** Meaningful tokens of Chinese (or mixed) text: jieba search-mode segmentation minus stop words and punctuation. */
export function tokenize(text: string): string[] {
  return segmenter()
    .cutForSearch(text.toLowerCase(), true)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && !STOP.has(t) && /[\p{L}\p{N}]/u.test(t));
}

/** The search document stored beside a text: its tokens, space-separated (indexed with the `simple` text search config). */
export function segmentForSearch(text: string): string {
  return [...new Set(tokenize(text))].join(' ');
}
