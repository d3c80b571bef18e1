/**
 * One entry point for every picture of a trace: `draw(trace, 'ladder' | 'mermaid' | 'svg')`.
 */
import { describeValue } from '../core/repr.js';
import { brandError } from '../core/errors.js';
import { drawLadder, type LadderOptions } from './ladder.js';
import { drawMermaid } from './mermaid.js';
import { drawSvg } from './svg.js';

/** The pictures `draw` knows. */
export type PictureFormat = 'ladder' | 'mermaid' | 'svg';

const FORMATS: readonly PictureFormat[] = ['ladder', 'mermaid', 'svg'];

/** `draw` was asked for a picture format it does not know. */
export class UnknownPictureFormatError extends TypeError {
  static #branded = /*#__PURE__*/ brandError(this, 'UnknownPictureFormatError');
  /** The format asked for. */
  readonly format: unknown;
  constructor(format: unknown) {
    super(`draw: unknown picture format ${describeValue(format)}; the formats are ${FORMATS.map((name) => `'${name}'`).join(', ')}`);
    this.format = format;
  }
}

/** Draw `trace` (a Trace or its records) in `format`: the text ladder, a Mermaid flowchart, or an SVG document. */
export function draw(trace: unknown, format: PictureFormat, options: LadderOptions = {}): string {
  switch (format) {
    case 'ladder':
      return drawLadder(trace, options);
    case 'mermaid':
      return drawMermaid(trace, options);
    case 'svg':
      return drawSvg(trace, options);
    default:
      throw new UnknownPictureFormatError(format);
  }
}
