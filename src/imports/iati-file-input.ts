import { createHash } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline, Readable } from "node:stream";
import { createGunzip } from "node:zlib";

// The bytes of an IATI file, before any XML: read from a path or a stream, hashed and counted as they come, unpacked
// when gzipped, and decoded as UTF-8 — the only encoding IATI allows — or refused.

const READ_BYTES = 64 * 1024;
const HEAD_BYTES = 1024;

export type IatiSource = { path: string } | { stream: Readable };

export type IatiFileProblem = "not_utf8" | "encoding" | "doctype" | "malformed" | "not_iati" | "legacy_version" | "unsupported_version" | "too_large" | "gzip";

/** The file is refused as a whole: nothing in it may be imported. */
export class IatiFileError extends Error {
  constructor(
    readonly problem: IatiFileProblem,
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = "IatiFileError";
  }
}

/** The raw chunks of a source, with the SHA-256 and the count of the bytes read so far. */
export function openBytes(source: IatiSource, onProgress?: (read: number, total: number | null) => void) {
  const total = "path" in source ? fs.statSync(source.path).size : null;
  const hash = createHash("sha256");
  let bytes = 0;
  const raw = "path" in source ? fs.createReadStream(source.path, { highWaterMark: READ_BYTES }) : source.stream;
  const chunks = async function* () {
    for await (const chunk of raw) {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      hash.update(b);
      bytes += b.length;
      onProgress?.(bytes, total);
      yield b;
    }
  };
  return {
    chunks: chunks(),
    bytes: () => bytes,
    sha256: () => hash.digest("hex"),
    close: () => {
      if ("path" in source) (raw as fs.ReadStream).destroy();
    },
  };
}

/** Gzip (recognised by its magic bytes, whatever the file name) is unpacked on the fly. */
export async function* decompressed(chunks: AsyncGenerator<Buffer>): AsyncGenerator<Buffer> {
  const first = await chunks.next();
  if (first.done) return;
  const head = first.value;
  if (!(head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)) {
    yield head;
    yield* chunks;
    return;
  }
  const all = async function* () {
    yield head;
    yield* chunks;
  };
  const gunzip = pipeline(Readable.from(all()), createGunzip(), () => undefined);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof IatiFileError) throw e;
    throw new IatiFileError("gzip", `The file looks gzipped but cannot be unpacked: ${(e as Error).message}`);
  }
}

/**
 * UTF-8 only (IATI 2.03: "must be UTF-8"): a BOM is dropped, a UTF-16 BOM or another declared encoding is refused
 * before anything is parsed, and bytes that are not UTF-8 stop the file.
 */
export async function* decodeUtf8(chunks: AsyncGenerator<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let head: Buffer | null = Buffer.alloc(0);
  let offset = 0;
  const decode = (b: Buffer, stream: boolean) => {
    try {
      const text = decoder.decode(b, { stream });
      offset += b.length;
      return text;
    } catch {
      throw new IatiFileError("not_utf8", `The file is not valid UTF-8 (byte ${offset + firstInvalidUtf8(b) + 1}): IATI files must be encoded in UTF-8`);
    }
  };
  for await (const chunk of chunks) {
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length < HEAD_BYTES) continue;
      checkDeclaredEncoding(head);
      const text = decode(head, true);
      head = null;
      yield text;
    } else {
      yield decode(chunk, true);
    }
  }
  if (head) {
    checkDeclaredEncoding(head);
    yield decode(head, false);
  } else {
    yield decode(Buffer.alloc(0), false);
  }
}

/** Where a chunk stops being UTF-8 (RFC 3629 lead and continuation bytes), for the error message. */
function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; i++) {
    const lead = b[i] as number;
    if (lead < 0x80) continue;
    const length = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    if (length < 0) return i;
    for (let k = 1; k <= length; k++) if (i + k < b.length && ((b[i + k] as number) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return 0;
}

function checkDeclaredEncoding(head: Buffer): void {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new IatiFileError("encoding", "The file is encoded in UTF-16: IATI files must be encoded in UTF-8", 1, 0);
  }
  const declaration = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(head.toString("latin1"));
  const declared = declaration?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
    throw new IatiFileError(
      "encoding",
      `The file declares encoding="${declared}": IATI files must be encoded in UTF-8 (convert the file and its declaration to UTF-8)`,
      1,
      0,
    );
  }
}

/**
 * Runs `body` with the source to read first and a way to read it again (the import checks a whole file before it
 * writes). A path is simply read twice; a stream is copied to a temporary file while it is read the first time,
 * so memory stays bounded, and the copy is removed afterwards.
 */
export async function withRereadableSource<T>(source: IatiSource, body: (first: IatiSource, again: () => IatiSource) => Promise<T>): Promise<T> {
  if ("path" in source) return body(source, () => source);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "passerelle-iati-"));
  const copy = path.join(dir, "source");
  const out = fs.createWriteStream(copy);
  const tee = async function* () {
    for await (const chunk of source.stream) {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      if (!out.write(b)) await once(out, "drain");
      yield b;
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  };
  try {
    return await body({ stream: Readable.from(tee()) }, () => ({ path: copy }));
  } finally {
    out.destroy();
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
