/**
 * Reads the render assets (fonts, templates, brands) from the package's folders. This is the only
 * place the report's inputs touch the file system; the report layer itself is pure.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  read,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FinplanError } from '../errors.js';
import { createRenderContext, type RenderAssets, type RenderContext } from '../report/context.js';
import { FALLBACK_FONT_FILE } from '../report/pdf/text/fonts.js';

/** The package root: two levels above this file in both src/apps and dist/apps. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const FONT_FILES = {
  regular: join(PACKAGE_ROOT, 'fonts', 'NotoSansSC-Regular.ttf'),
  bold: join(PACKAGE_ROOT, 'fonts', 'NotoSansSC-Bold.ttf'),
  fallback: join(PACKAGE_ROOT, 'fonts', FALLBACK_FONT_FILE),
};

function fontMissing(path: string, cause: unknown): FinplanError {
  return new FinplanError('FINPLAN_E_FONT_MISSING', `找不到字体文件 ${relative(PACKAGE_ROOT, path)}`, {
    cause,
  });
}

function readFont(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw fontMissing(path, err);
  }
}

/** The fallback font, read when some text first needs it; a missing file still fails at once. */
function fallbackFontReader(path: string): () => Buffer {
  try {
    statSync(path);
  } catch (err) {
    throw fontMissing(path, err);
  }
  return () => readFont(path);
}

export interface BodyFonts {
  regular: Buffer;
  bold: Buffer;
}

/**
 * Start reading the body fonts and return at once. Each is one 10 MB file: read on the main
 * thread, the pair costs a cold CLI run some 40–80 ms of copying and page faults. Started before
 * the plan is computed and awaited after, the reads run on libuv's thread pool, on the other core.
 * An error (a missing file) waits in the promise, so it still comes after any problem with the
 * profile, as it does with loadRenderContext(); a promise nobody awaits is not an unhandled
 * rejection.
 */
export function readBodyFontsInBackground(): Promise<BodyFonts> {
  const fonts = Promise.all([readInBackground(FONT_FILES.regular), readInBackground(FONT_FILES.bold)]).then(
    ([regular, bold]) => ({ regular, bold }),
  );
  fonts.catch(() => {});
  return fonts;
}

/**
 * A whole file in as few read requests as the kernel allows (one, for a regular file). Not
 * fs.promises.readFile: it reads 512 KB at a time and starts each piece from the main thread,
 * which the plan keeps busy, so the reading would wait for the plan instead of running beside it.
 */
function readInBackground(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let fd: number;
    let buffer: Buffer;
    try {
      fd = openSync(path, 'r');
      buffer = Buffer.allocUnsafe(fstatSync(fd).size);
    } catch (err) {
      reject(fontMissing(path, err));
      return;
    }
    const readFrom = (offset: number): void =>
      read(fd, buffer, offset, buffer.length - offset, offset, (err, bytesRead) => {
        if (!err && bytesRead > 0 && offset + bytesRead < buffer.length) return readFrom(offset + bytesRead);
        closeSync(fd);
        if (err || offset + bytesRead < buffer.length)
          reject(fontMissing(path, err ?? new Error(`${path} ended early`)));
        else resolve(buffer);
      });
    readFrom(0);
  });
}

/** All .hbs files under templates/, by name relative to it without the extension. */
function readTemplates(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.hbs')) {
        const name = relative(root, full).slice(0, -'.hbs'.length).split(sep).join('/');
        out[name] = readFileSync(full, 'utf8');
      }
    }
  };
  walk(root);
  return out;
}

export function readBrand(dir: string): RenderAssets['brands'][number] {
  const themePath = join(dir, 'theme.json');
  if (!existsSync(themePath))
    throw new FinplanError('FINPLAN_E_BRAND_INVALID', `品牌目录 ${dir} 中没有 theme.json`);
  let theme: unknown;
  try {
    theme = JSON.parse(readFileSync(themePath, 'utf8'));
  } catch (err) {
    throw new FinplanError('FINPLAN_E_BRAND_INVALID', `品牌目录 ${dir} 的 theme.json 不是合法的 JSON`, {
      cause: err,
    });
  }
  const logoName = theme && typeof theme === 'object' ? (theme as { logo?: unknown }).logo : undefined;
  let logo: Buffer | null = null;
  if (typeof logoName === 'string' && /^[A-Za-z0-9_.-]+$/.test(logoName)) {
    const logoPath = join(dir, logoName);
    if (!existsSync(logoPath))
      throw new FinplanError('FINPLAN_E_BRAND_INVALID', `品牌目录 ${dir} 中缺少标志文件 ${logoName}`);
    logo = readFileSync(logoPath);
  }
  return { dir, theme, logo };
}

export interface RenderAssetOptions {
  extraBrandDirs?: string[];
  /** The body fonts, already read (readBodyFontsInBackground); read here otherwise. */
  bodyFonts?: BodyFonts;
}

export function readRenderAssets(options: RenderAssetOptions = {}): RenderAssets {
  const templatesRoot = join(PACKAGE_ROOT, 'templates');
  const brandsRoot = join(templatesRoot, 'brands');
  const brandDirs = readdirSync(brandsRoot)
    .sort()
    .map((d) => join(brandsRoot, d))
    .filter((d) => statSync(d).isDirectory());
  return {
    fonts: {
      regular: options.bodyFonts?.regular ?? readFont(FONT_FILES.regular),
      bold: options.bodyFonts?.bold ?? readFont(FONT_FILES.bold),
      fallback: fallbackFontReader(FONT_FILES.fallback),
    },
    templates: readTemplates(templatesRoot),
    brands: [...brandDirs, ...(options.extraBrandDirs ?? [])].map(readBrand),
  };
}

/** Build the RenderContext for this process from the package's assets (and any extra brands). */
export function loadRenderContext(options: RenderAssetOptions = {}): RenderContext {
  return createRenderContext(readRenderAssets(options));
}
