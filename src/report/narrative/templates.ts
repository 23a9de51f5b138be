/**
 * Narrative text comes from Handlebars templates in templates/ (a bank edits wording without
 * touching code). Templates are compiled at most once per RenderContext with `noEscape` (the output
 * is PDF text, not HTML: "&" must stay "&") and `strict` (a variable the report model lacks is an
 * error, not a silent blank).
 */
import Handlebars from 'handlebars';
import { FinplanError } from '../../errors.js';

export type TemplateFn = (model: object) => string;

export interface TemplateSet {
  has(name: string): boolean;
  render(name: string, model: object): string;
  names(): string[];
}

export function compileTemplates(sources: Record<string, string>): TemplateSet {
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  // Parse every template now, so that a syntax error surfaces when the context is built, not
  // mid-batch, but compile one only when a document first renders it: a document uses part of the
  // templates (one edition, its own findings and actions), and compiling all of them up front cost
  // a cold CLI run 40–80 ms, parsing them a third of that. hb.compile takes the parsed tree as it
  // takes the source (the whitespace control that parse() adds runs inside compile either way) and
  // compiles on the template's first call.
  const compiled = new Map<string, TemplateFn>();
  for (const [name, source] of Object.entries(sources)) {
    try {
      const ast = hb.parseWithoutProcessing(source);
      compiled.set(name, hb.compile(ast, { noEscape: true, strict: true }));
    } catch (err) {
      throw new FinplanError('FINPLAN_E_TEMPLATE_INVALID', `模板 ${name} 无法编译`, { cause: err });
    }
  }
  return {
    has: (name) => compiled.has(name),
    names: () => [...compiled.keys()].sort(),
    render(name, model) {
      const fn = compiled.get(name);
      if (!fn) throw new FinplanError('FINPLAN_E_TEMPLATE_INVALID', `缺少模板 ${name}`);
      try {
        return fn(model).trim();
      } catch (err) {
        throw new FinplanError('FINPLAN_E_TEMPLATE_INVALID', `模板 ${name} 使用了报告数据中没有的变量`, {
          cause: err,
        });
      }
    },
  };
}

/**
 * Split rendered template text into blocks: blank lines separate paragraphs; lines starting with
 * "- " are bullet items; a line starting with "## " is a subheading.
 */
export type TextBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'subheading'; text: string };

export function toBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) continue;
    let para: string[] = [];
    let bullets: string[] = [];
    const flushPara = () => {
      if (para.length) blocks.push({ kind: 'paragraph', text: para.join('') });
      para = [];
    };
    const flushBullets = () => {
      if (bullets.length) blocks.push({ kind: 'bullets', items: bullets });
      bullets = [];
    };
    for (const line of lines) {
      if (line.startsWith('## ')) {
        flushPara();
        flushBullets();
        blocks.push({ kind: 'subheading', text: line.slice(3).trim() });
      } else if (line.startsWith('- ')) {
        flushPara();
        bullets.push(line.slice(2).trim());
      } else {
        flushBullets();
        para.push(line);
      }
    }
    flushPara();
    flushBullets();
  }
  return blocks;
}
