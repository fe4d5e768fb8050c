import { describeContent, sniffEvidenceType, zipEntryNames } from './file-type';

/** A minimal, valid ZIP (stored entries) with these names: enough for the central directory. */
export function zipWith(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function heif(brand: string, compatible: string[] = []): Buffer {
  const box = Buffer.alloc(16 + compatible.length * 4);
  box.writeUInt32BE(box.length, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(brand, 8, 'latin1');
  compatible.forEach((b, i) => box.write(b, 16 + i * 4, 'latin1'));
  return Buffer.concat([box, Buffer.alloc(32)]);
}

describe('the type of a file, from its content', () => {
  it.each([
    ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1')],
    ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['heic', heif('heic', ['mif1', 'heic'])],
    ['heic', heif('mif1', ['heic'])],
    ['docx', zipWith(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])],
    ['xlsx', zipWith(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'])],
  ])('%s', (kind, bytes) => {
    expect(sniffEvidenceType(bytes)).toBe(kind);
  });

  it.each([
    ['an executable renamed .pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode', 'latin1')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['a ZIP of other things', zipWith(['photo1.jpg', 'photo2.jpg'])],
    ['a ZIP claiming OOXML without a main part', zipWith(['[Content_Types].xml'])],
    ['a ZIP whose directory is cut off', zipWith(['[Content_Types].xml', 'word/document.xml']).subarray(0, 60)],
    ['an MP4 video (ISO box, not HEIF)', heif('isom', ['mp41'])],
    ['text mentioning %PDF- later', Buffer.from('hello %PDF-1.4')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_what, bytes) => {
    expect(sniffEvidenceType(bytes)).toBeUndefined();
  });

  it('reads the names of a ZIP from its central directory', () => {
    expect(zipEntryNames(zipWith(['a.txt', '文件/b.xml']))).toEqual(['a.txt', '文件/b.xml']);
    expect(zipEntryNames(Buffer.from('not a zip at all, but long enough to look for an end record'))).toBeUndefined();
  });

  it('says what a refused file looks like', () => {
    expect(describeContent(Buffer.from('MZ\x90\x00', 'latin1'))).toMatch(/executable/);
  });
});
