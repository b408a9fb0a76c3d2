/** Physical lines of a Dockerfile and logical lines (continuations joined) with a map back to file offsets. */

export interface PhysicalLine {
  /** 0-based index. */
  index: number;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the content (trailing `\r` and `\n` excluded). */
  end: number;
  /** Offset just past the line terminator (start of the next line). */
  next: number;
}

/** Splits on `\n` like Go's bufio.Scanner (BuildKit); trailing `\r`s belong to the terminator. */
export function splitLines(text: string, from: number): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let start = from;
  let index = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    const next = nl < 0 ? text.length : nl + 1;
    if (nl < 0) nl = text.length;
    let end = nl;
    while (end > start && text.charCodeAt(end - 1) === 13) end--;
    lines.push({ index: index++, start, end, next });
    start = next;
  }
  return lines;
}

interface Segment {
  logicalStart: number;
  fileStart: number;
  length: number;
}

/** Text assembled from pieces of the file; every character knows where it came from. */
export class LogicalLine {
  private constructor(
    readonly text: string,
    private readonly segments: readonly Segment[],
  ) {}

  static build(pieces: readonly { fileStart: number; text: string }[]): LogicalLine {
    const segments: Segment[] = [];
    let text = '';
    for (const p of pieces) {
      if (p.text.length === 0) continue;
      segments.push({ logicalStart: text.length, fileStart: p.fileStart, length: p.text.length });
      text += p.text;
    }
    if (segments.length === 0 && pieces.length > 0) segments.push({ logicalStart: 0, fileStart: pieces[0]!.fileStart, length: 0 });
    return new LogicalLine(text, segments);
  }

  private segmentFor(offset: number): Segment {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]!.logicalStart <= offset) lo = mid;
      else hi = mid - 1;
    }
    return segs[lo]!;
  }

  /** File offset of the character at `offset`; at a join, the start of the following piece. */
  toFile(offset: number): number {
    if (this.segments.length === 0) return 0;
    const s = this.segmentFor(offset);
    return s.fileStart + (offset - s.logicalStart);
  }

  /** File offset just past the character before `offset` (for the end of a range). */
  toFileEnd(offset: number): number {
    if (offset <= 0) return this.toFile(0);
    return this.toFile(offset - 1) + 1;
  }

  /** The sub-line from `start` to `end`, keeping the map. */
  slice(start: number, end: number = this.text.length): LogicalLine {
    const pieces: { fileStart: number; text: string }[] = [];
    for (const s of this.segments) {
      const a = Math.max(start, s.logicalStart);
      const b = Math.min(end, s.logicalStart + s.length);
      if (a < b) pieces.push({ fileStart: s.fileStart + (a - s.logicalStart), text: this.text.slice(a, b) });
    }
    if (pieces.length === 0) return LogicalLine.build([{ fileStart: this.toFile(start), text: '' }]);
    return LogicalLine.build(pieces);
  }
}
