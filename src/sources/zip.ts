/**
 * Reads a zip archive (a `.difypkg`) in memory, as `dify plugin package` writes it: the
 * central directory, checked before anything is inflated, then one entry at a time on demand.
 * Nothing is ever unpacked or written. Refused, as `FileProblem`s: entry names that are not
 * plain relative paths (zip-slip and friends), ZIP64, multi-part and overlapping layouts,
 * encrypted entries, and archives past the limits below (zip bombs).
 */
import { inflateRawSync } from 'node:zlib';
import { quoted } from '../diagnostics/printable.js';
import { FileProblem } from './report.js';

/** Bounds on what reading an archive may cost. */
export interface ZipLimits {
  /** Most entries in an archive. */
  maxEntries: number;
  /** Most bytes all entries of an archive may declare once uncompressed. */
  maxTotalBytes: number;
  /** Most bytes any one archive entry may declare once uncompressed. */
  maxEntryBytes: number;
  /** Highest compression ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are not checked for their ratio (they cannot hurt). */
  ratioFloorBytes: number;
}

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  nameBytes: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  directory: boolean;
  link: boolean;
}

export interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  /** Where entry data must end: the start of the central directory. */
  dataEnd: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const REBUILD = 'rebuild the package with `dify plugin package`';

/**
 * Reads and checks a zip's central directory (APPNOTE 4.3.12–4.3.16): every entry name must
 * be a plain relative path, sizes and ratios stay within the limits. ZIP64, multi-disk and
 * overlapping layouts are refused: `dify plugin package` never writes them.
 */
export function readZipDirectory(bytes: Buffer, limits: ZipLimits): ZipDirectory {
  const invalid = (message: string) => new FileProblem('plugin-zip-invalid', message, REBUILD);
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw invalid('is not a zip archive (a .difypkg is one)');
  const total = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw invalid('is a ZIP64 archive, which is not supported');
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0 || bytes.readUInt16LE(eocd + 8) !== total) throw invalid('is a multi-part archive');
  if (total > limits.maxEntries) throw new FileProblem('plugin-zip-limit', `has ${total} entries, more than the limit of ${limits.maxEntries}`, 'a plugin package holds its code and YAML files; check that this is the package you meant');
  if (cdOffset + cdSize > eocd) throw invalid('has a central directory outside the archive');

  const entries = new Map<string, ZipEntry>();
  let totalSize = 0;
  let pos = cdOffset;
  for (let i = 0; i < total; i++) {
    if (pos + 46 > cdOffset + cdSize || bytes.readUInt32LE(pos) !== CENTRAL) throw invalid('has a damaged central directory');
    const nameLength = bytes.readUInt16LE(pos + 28);
    const next = pos + 46 + nameLength + bytes.readUInt16LE(pos + 30) + bytes.readUInt16LE(pos + 32);
    if (next > cdOffset + cdSize) throw invalid('has a damaged central directory');
    const nameBytes = bytes.subarray(pos + 46, pos + 46 + nameLength);
    const entry: ZipEntry = {
      name: '',
      nameBytes,
      flags: bytes.readUInt16LE(pos + 8),
      method: bytes.readUInt16LE(pos + 10),
      crc: bytes.readUInt32LE(pos + 16),
      compressedSize: bytes.readUInt32LE(pos + 20),
      size: bytes.readUInt32LE(pos + 24),
      localOffset: bytes.readUInt32LE(pos + 42),
      directory: false,
      // Unix mode in the high half of the external attributes, when made on Unix (host 3).
      link: bytes.readUInt8(pos + 5) === 3 && ((bytes.readUInt32LE(pos + 38) >>> 16) & 0o170000) === 0o120000,
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw invalid('is a ZIP64 archive, which is not supported');
    const name = decodeEntryName(nameBytes);
    const unsafe = name === undefined ? 'a name that is not UTF-8' : unsafeEntryName(name);
    if (unsafe !== undefined || name === undefined) {
      throw new FileProblem('plugin-zip-unsafe-path', `has an entry ${quoted(name ?? nameBytes.toString('latin1'))} with ${unsafe}; such a package is refused`, `${REBUILD} from a clean folder`);
    }
    entry.directory = name.endsWith('/');
    entry.name = entry.directory ? name.slice(0, -1) : name;
    if (entries.has(entry.name)) throw invalid(`has two entries named ${quoted(entry.name)}`);
    checkEntrySize(entry, limits);
    totalSize += entry.size;
    if (totalSize > limits.maxTotalBytes) throw new FileProblem('plugin-zip-limit', `declares more than ${limits.maxTotalBytes} bytes once uncompressed`, 'check that this is the plugin package you meant');
    entries.set(entry.name, entry);
    pos = next;
  }
  return { entries, dataEnd: cdOffset };
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const last = bytes.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--) {
    if (bytes.readUInt32LE(i) === EOCD && i + 22 + bytes.readUInt16LE(i + 20) <= bytes.length) return i;
  }
  return -1;
}

function decodeEntryName(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Why an entry name is refused (zip-slip and friends), or undefined when it is a plain relative path. */
function unsafeEntryName(name: string): string | undefined {
  if (name === '' || name === '/') return 'an empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character in its name';
  if (name.includes('\\')) return 'a backslash in its name';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.startsWith('/')) return 'an absolute path';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'a ".." segment';
  if (segments.some((s) => s === '' || s === '.')) return 'an empty or "." segment';
  return undefined;
}

function checkEntrySize(entry: ZipEntry, limits: ZipLimits): void {
  const limit = (message: string) => new FileProblem('plugin-zip-limit', `has an entry ${quoted(entry.name)} that ${message}`, 'this looks like a zip bomb; check that this is the plugin package you meant');
  if (entry.size > limits.maxEntryBytes) throw limit(`declares ${entry.size} bytes, more than the limit of ${limits.maxEntryBytes}`);
  if (entry.size > limits.ratioFloorBytes && entry.size > entry.compressedSize * limits.maxRatio) {
    const ratio = entry.compressedSize === 0 ? 'an unbounded' : `a ${Math.round(entry.size / entry.compressedSize)}:1`;
    throw limit(`inflates ${entry.compressedSize} bytes to ${entry.size}, ${ratio} ratio (the limit is ${limits.maxRatio}:1)`);
  }
}

/** The bytes of one entry: its data inflated within its declared size, and its CRC checked. */
export function readZipEntry(bytes: Buffer, entry: ZipEntry, dataEnd: number): Buffer {
  const damaged = (what: string) => new FileProblem('plugin-zip-invalid', `is damaged in the package (${what})`, REBUILD);
  const at = entry.localOffset;
  if (at + 30 > dataEnd || bytes.readUInt32LE(at) !== LOCAL) throw damaged('no local header');
  const nameLength = bytes.readUInt16LE(at + 26);
  if (!bytes.subarray(at + 30, at + 30 + nameLength).equals(entry.nameBytes)) throw damaged('its local name differs from the directory');
  const start = at + 30 + nameLength + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > dataEnd) throw damaged('its data runs past the entries');
  if (entry.flags & 0x1) throw new FileProblem('plugin-zip-invalid', 'is encrypted in the package', REBUILD);
  const data = bytes.subarray(start, end);
  let out: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged('stored sizes disagree');
    out = Buffer.from(data);
  } else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FileProblem('plugin-zip-limit', `inflates to more than the ${entry.size} bytes it declares`, 'this looks like a zip bomb; check that this is the plugin package you meant');
      }
      throw damaged('its data does not inflate');
    }
  } else {
    throw new FileProblem('plugin-zip-invalid', `uses compression method ${entry.method}; only stored and deflated entries are read`, REBUILD);
  }
  if (out.length !== entry.size) throw damaged(`it inflates to ${out.length} bytes, not the ${entry.size} it declares`);
  if (crc32(out) !== entry.crc) throw damaged('its checksum does not match');
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
